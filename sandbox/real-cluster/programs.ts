// The programs the node agent runs inside the tier's pod network: serving-pod.ts (one process per pod) and
// forwarder.ts (the load balancers). Each is compiled to plain JavaScript once per content (cached in .cache/) and
// run by the node that runs the tests, with no loader: about 45 MB a process, where a TypeScript loader would add
// 15-30 MB to every pod. Their only imports are node: modules and types, which compilation erases.
// Every process gets the parent-death signal (setpriv --pdeathsig KILL): if the test process dies, even by SIGKILL,
// the kernel kills its pods and load balancers with it, and nothing outlives the tier.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { repoRoot } from '../binaries.js';
import type { PodNetwork } from '../gateway.js';

export type Program = 'serving-pod' | 'forwarder';

const cacheDir = path.join(repoRoot, '.cache', 'real-cluster');

/** The program compiled to an .mjs file named after its content: compiled once, whichever test file asks first. */
async function compile(program: Program): Promise<string> {
  const source = await readFile(path.join(repoRoot, 'sandbox', 'real-cluster', `${program}.ts`), 'utf8');
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const file = path.join(cacheDir, `${program}-${hash}.mjs`);
  if (existsSync(file)) return file;
  const ts = (await import('typescript')).default;
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  await mkdir(cacheDir, { recursive: true });
  // Written aside under a name of its own, then renamed: a reader never sees half a file, and two test processes
  // compiling at once each rename a whole file of their own.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(partial, outputText);
  await rename(partial, file);
  return file;
}

const compiling = new Map<Program, Promise<string>>();
/** One compilation per program and process: the first pods of a test start together and would race otherwise. */
const compiled = (program: Program): Promise<string> => {
  if (!compiling.has(program)) compiling.set(program, compile(program));
  return compiling.get(program)!;
};

export interface ProgramProcess {
  child: ChildProcess;
  /** The last few kilobytes of its stdout and stderr, for error messages. */
  output(): string;
  /** Settles when it has exited: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `program` in the pod network with `spec` (JSON) as its only argument. `stdin: true` leaves its stdin open
 * for commands (the forwarder's). Only PATH reaches it: nothing of the test's environment.
 */
export async function startInPodNetwork(
  network: PodNetwork,
  program: Program,
  spec: unknown,
  options: { stdin?: boolean } = {},
): Promise<ProgramProcess> {
  const file = await compiled(program);
  const child = spawn(
    'setpriv',
    ['--pdeathsig', 'KILL', 'ip', 'netns', 'exec', network.name, process.execPath, file, JSON.stringify(spec)],
    { stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      keep(Buffer.from(error.message));
      resolve({ code: null, signal: null });
    });
  });
  return { child, output: () => output, exited };
}
