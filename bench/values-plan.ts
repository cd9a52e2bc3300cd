// 7. The values stage on large inputs: reading the inputs and prepareValues (read, parse, merge, secret scan, checks, the file helm reads) on a
// 10 MiB values file, and on one map of 16 000 keys set twice, the shapes that made the merge quadratic. In process,
// the way the action runs the stage; a fresh plan per round.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { getConfig } from '../src/inputs/read-inputs.js';
import { SecretSet } from '../src/secrets/index.js';
import { prepareValues } from '../src/values/prepare.js';
import { summarize, type Summary } from './stats.js';

export interface ValuesPlanFigures {
  largeFile: { bytes: number; keys: number; planMs: Summary };
  wideMap: { keys: number; planMs: Summary };
}

/** About `bytes` of values: groups of 50 keys under `extra`, each value a 50-character string. */
function largeValues(bytes: number): { text: string; keys: number } {
  const lines = ['extra:'];
  let size = 0;
  let keys = 0;
  for (; size < bytes; keys++) {
    if (keys % 50 === 0) lines.push(`  group${keys / 50}:`);
    const line = `    key${keys}: value-${keys}-${'x'.repeat(40)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, keys };
}

const wideMap = (keys: number, prefix: string) =>
  `extra:\n${Array.from({ length: keys }, (_, i) => `  key${i}: ${prefix}-${i}`).join('\n')}\n`;

async function timePlans(files: Record<string, string>, rounds: number): Promise<Summary> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-values-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    const inputs: Record<string, string> = {
      command: 'render',
      // Relative to the workspace, the only place besides RUNNER_TEMP the action reads files from.
      'values-files': Object.keys(files).join('\n'),
      'portkey-client-auth': 'pk-bench-client-auth',
      'organisations-to-sync': 'org-bench',
      'image-pull-secret': 'none',
    };
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      const secrets = new SecretSet(() => undefined);
      prepareValues(
        getConfig((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: dir }, secrets),
        secrets,
      );
      samples.push(performance.now() - started);
    }
    return summarize(samples);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function measureValuesPlan(rounds: number): Promise<ValuesPlanFigures> {
  const large = largeValues(10 * 2 ** 20);
  const wideKeys = 16_000;
  return {
    largeFile: {
      bytes: Buffer.byteLength(large.text),
      keys: large.keys,
      planMs: await timePlans({ 'large.yaml': large.text }, rounds),
    },
    wideMap: {
      keys: wideKeys,
      planMs: await timePlans({ 'a.yaml': wideMap(wideKeys, 'a'), 'b.yaml': wideMap(wideKeys, 'b') }, rounds),
    },
  };
}
