// The machine the figures came from, and the table `npm run bench` prints.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { node24 } from '../sandbox/gateway.js';
import type { Summary } from './stats.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  /** The Node that runs the action (node_modules/node, as `runs.using: node24`). */
  node: string;
  os: string;
  /** 1-minute load average when the bench started and ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end?: number };
}

export function describeMachine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpus: os.availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: { start: Math.round(os.loadavg()[0] * 100) / 100 },
  };
}

export interface Goal {
  text: string;
  met: boolean;
}

export interface Row {
  figure: string;
  unit: string;
  value: Summary | number;
  goal?: Goal;
}

/** `below(100)(summary)`: the goal is judged on the median. */
export const below =
  (limit: number, text = `< ${limit}`) =>
  (value: Summary): Goal => ({ text, met: value.median < limit });

/** `atMost(1.2)(summary)`: met when the median is the limit or lower. */
export const atMost =
  (limit: number) =>
  (value: Summary): Goal => ({ text: `≤ ${limit}`, met: value.median <= limit });

const show = (value: number) => value.toFixed(value < 10 ? 2 : 1);

export function formatTable(rows: Row[]): string {
  const header = ['Figure', 'Unit', 'Median', 'Min', 'Max', 'n', 'Goal', ''];
  const cells = rows.map((row) => {
    const summary = typeof row.value === 'number' ? undefined : row.value;
    const median = summary ? summary.median : (row.value as number);
    return [
      row.figure,
      row.unit,
      show(median),
      summary ? show(summary.min) : '',
      summary ? show(summary.max) : '',
      summary ? String(summary.samples.length) : '1',
      row.goal?.text ?? '',
      row.goal ? (row.goal.met ? 'met' : 'MISSED') : '',
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const numeric = new Set([2, 3, 4, 5]);
  const format = (line: string[]) =>
    line
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(format)].join('\n');
}
