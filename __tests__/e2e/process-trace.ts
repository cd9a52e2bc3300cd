// Every program a step starts, seen from outside the action: the step runs under `strace -f`, which records each
// execve (the program, its whole argv and environment) of every process the step's Node starts and of theirs, however
// briefly they live. The action cannot hide a child from it, nor choose what it records.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Exec {
  pid: number;
  /** The path given to execve. */
  program: string;
  argv: string[];
  env: string[];
  /** The execve failed (ENOENT while searching PATH, say): the step still tried to run it. */
  failed: boolean;
}

/**
 * The RunOptions.wrapper that records each step into `<prefix>.<step>`; seccomp-bpf stops the processes only at
 * execve, so it is quick.
 */
export const traceWrapper = (prefix: string) => {
  const found = spawnSync('strace', ['-V']);
  if (found.error || found.status !== 0) {
    throw new Error('The leak sweep traces every step with strace, which this machine lacks: apt-get install strace.');
  }
  return (step: 'main' | 'post'): string[] => [
    'strace',
    '-f',
    '--seccomp-bpf',
    '-qq',
    '-e',
    'trace=execve,execveat',
    '-e',
    'signal=none',
    '-v',
    '-xx',
    '-s',
    '10000000',
    '-o',
    `${prefix}.${step}`,
  ];
};

/** strace -xx writes every byte of a string as \xNN. */
const decode = (hex: string) => Buffer.from(hex.replace(/\\x/g, ''), 'hex').toString('utf8');
const strings = (list: string) => [...list.matchAll(/"((?:\\x[0-9a-f]{2})*)"/g)].map((m) => decode(m[1]));

/** The execs of both steps' traces, each step's own Node (its first) left out: what the action started. */
export function readTrace(prefix: string): Exec[] {
  return ['main', 'post'].flatMap((step) => readStep(`${prefix}.${step}`).slice(1));
}

/** Each step's own Node, as the runner started it: every input in its environment. */
export function stepProcesses(prefix: string): Exec[] {
  return ['main', 'post'].flatMap((step) => readStep(`${prefix}.${step}`).slice(0, 1));
}

function readStep(file: string): Exec[] {
  const execs: Exec[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const call = /^(\d+) +execve(?:at)?\((?:\d+, )?"((?:\\x[0-9a-f]{2})*)", \[(.*?)\], \[(.*?)\]/.exec(line);
    if (!call) continue;
    const [, pid, program, argv, env] = call;
    execs.push({
      pid: Number(pid),
      program: decode(program),
      argv: strings(argv),
      env: strings(env),
      failed: / = -1 /.test(line),
    });
  }
  return execs;
}

/** The program names (basenames) a trace started or tried to. */
export const programNames = (execs: Exec[]) => [...new Set(execs.map((exec) => path.basename(exec.program)))].sort();
