// Shared by the end-to-end files: one sandbox and one warm tool cache per file, every run recorded so the file's
// last test can scan all of them for leaked secrets and leftover files.
import { expect } from '@jest/globals';
import type { KubeApi } from '../../sandbox/kube-api/index.js';
import {
  startSandbox,
  type ClusterEndpoint,
  type NamedSecret,
  type Sandbox,
  type SandboxOptions,
} from '../../sandbox/sandbox.js';
import { derivedForms } from '../../src/secrets/index.js';
import { runAction, sharedToolCache, type ActionRun, type Inputs, type RunOptions } from '../../sandbox/runner.js';

/** A hung run is killed well inside the test's own timeout, so the failure shows the run's log, not a jest timeout. */
export const RUN_TIMEOUT_MS = 120_000;
/** For jest.setTimeout: each test stops at its first bad run, so one hung run plus a few quick ones. */
export const TEST_TIMEOUT_MS = RUN_TIMEOUT_MS + 60_000;

export interface E2e<Cluster extends ClusterEndpoint = KubeApi> {
  sandbox: Sandbox<Cluster>;
  runs: ActionRun[];
  /** The RUNNER_TOOL_CACHE every run of the file shares. */
  toolCache: string;
  /** Runs the bundle against the sandbox with the file's shared tool cache. */
  run(inputs?: Inputs, options?: Omit<RunOptions, 'inputs' | 'sandbox' | 'toolCache'>): Promise<ActionRun>;
  close(): Promise<void>;
}

export function startE2e(options?: SandboxOptions): Promise<E2e>;
export function startE2e<C extends ClusterEndpoint>(options: SandboxOptions & { cluster: C }): Promise<E2e<C>>;
export async function startE2e(
  options: SandboxOptions & { cluster?: ClusterEndpoint } = {},
): Promise<E2e<ClusterEndpoint>> {
  const sandbox = await startSandbox(options as SandboxOptions & { cluster: ClusterEndpoint });
  const toolCache = sharedToolCache();
  const runs: ActionRun[] = [];
  return {
    sandbox,
    runs,
    toolCache: toolCache.dir,
    async run(inputs = {}, runOptions = {}) {
      const result = await runAction({
        timeoutMs: RUN_TIMEOUT_MS,
        ...runOptions,
        inputs,
        sandbox,
        toolCache: toolCache.dir,
      });
      runs.push(result);
      return result;
    },
    async close() {
      await sandbox.close();
      toolCache.remove();
    },
  };
}

/** Files of RUNNER_TEMP the post step should have removed: all of them (the plan file lives in the private folder). */
export function leftBehind(run: ActionRun): string[] {
  return run.runnerTempAfterPost;
}

/**
 * The closing check of each e2e file, over every run it made: the post step exited 0, RUNNER_TEMP is empty after it,
 * nothing was written under the job's HOME (kubectl's caches, say), no process outlived the run, and no secret (the
 * sandbox's, and `moreSecrets` the test put in its values) leaked anywhere (see findLeaks), nor into anything sent to
 * GitHub.
 */
export function expectCleanRuns(e2e: E2e<ClusterEndpoint>, moreSecrets: NamedSecret[] = []): void {
  for (const run of e2e.runs) {
    const { postExitCode: post, homeAfterPost: home, strayProcesses: strays } = run;
    expect({ post, left: leftBehind(run), home, strays }).toEqual({ post: 0, left: [], home: [], strays: false });
  }
  const secrets = [...e2e.sandbox.secrets(), ...moreSecrets];
  expect(findLeaks(e2e.runs, secrets)).toEqual([]);
  // What the runs told GitHub: deployments, their statuses, pull request comments.
  const toGitHub = e2e.sandbox.github.requests.map((r): [string, string] => [
    `${r.method} ${r.path} to GitHub`,
    JSON.stringify(r.body ?? ''),
  ]);
  expect(leaksIn(toGitHub, secrets)).toEqual([]);
  expect(e2e.runs.flatMap((run, i) => logGroupProblems(run.stdout).map((p) => `run ${i + 1}: ${p}`))).toEqual([]);
}

/**
 * The log's groups as the Actions UI folds them: the UI cannot nest groups (an inner `::group::` silently ends the
 * outer one), and a group with no visible line is a heading that opens onto nothing.
 */
export function logGroupProblems(log: string): string[] {
  const problems: string[] = [];
  let open: { name: string; visible: number } | undefined;
  for (const line of log.split('\n')) {
    const group = /^::group::(.*)$/.exec(line);
    if (group) {
      if (open) problems.push(`group "${group[1]}" opened inside group "${open.name}"`);
      open = { name: group[1], visible: 0 };
    } else if (line.startsWith('::endgroup::')) {
      if (open && open.visible === 0) problems.push(`group "${open.name}" shows nothing`);
      open = undefined;
    } else if (open && (!line.startsWith('::') || /^::(warning|error|notice)/.test(line))) {
      open.visible++;
    }
  }
  return problems;
}

/** The `::error::` lines of a run: what the workflow author sees in red. */
export function errorLines(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error'))
    .join('\n');
}

/** Fails with the run's log tail unless the step exited 0 without an error line. */
export function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
  expect(errorLines(run)).toBe('');
}

/** Nothing secret in any command the action sent through runCommand (the ARM request log). */
export function expectNoSecretInCommands(e2e: E2e<ClusterEndpoint>): void {
  const commands = e2e.sandbox.arm.requests.flatMap((r) => (r.command === undefined ? [] : [r.command]));
  expect(commands.length).toBeGreaterThan(0);
  const leaks = e2e.sandbox
    .secrets()
    .flatMap((secret) => derivedForms(secret.value).map((form) => ({ name: secret.name, form })))
    .filter(({ form }) => form.length >= 8 && commands.some((command) => command.includes(form)))
    .map(({ name }) => name);
  expect([...new Set(leaks)]).toEqual([]);
}

/** A readable dump for a failed expectation: the log tail, not 2 MB of helm output. */
export function describeRun(run: ActionRun): string {
  return `exit ${run.exitCode}\n--- stdout (tail) ---\n${run.stdout.slice(-4000)}\n--- stderr (tail) ---\n${run.stderr.slice(-2000)}`;
}

/**
 * Every place a secret could escape to, per run. The log is read the way the runner shows it: each `::add-mask::`
 * value hides later lines only, so a secret printed before it was masked is still caught. Files (summary, outputs,
 * exported env, whatever is left in RUNNER_TEMP) are not masked by anyone and are read raw. Each secret is also
 * looked for in the forms it travels in (see leakForms), and inside every base64 run of the text, decoded at each
 * alignment: a pull secret or a kubeconfig carries it so, wherever it sits in the encoded document.
 */
export function findLeaks(runs: ActionRun[], secrets: { name: string; value: string }[]): string[] {
  return runs.flatMap((run, index) => {
    const main = visibleLog(run.stdout, []);
    const post = visibleLog(run.postStdout, main.masks);
    const places: [string, string][] = [
      ['the log', main.text],
      ['stderr', mask(run.stderr, main.masks)],
      ['the post step log', post.text],
      ['post stderr', mask(run.postStderr, post.masks)],
      ['the summary', run.summary],
      ['the outputs', JSON.stringify(run.outputs)],
      ['the exported env', JSON.stringify(run.exportedEnv)],
      ['the state', JSON.stringify(run.state)],
      ['the plan file', run.planFile ?? ''],
      ...Object.entries(run.filesLeftBehind).map(([file, content]): [string, string] => [`file ${file}`, content]),
    ];
    return leaksIn(places, secrets).map((leak) => `run ${index + 1}: ${leak}`);
  });
}

/**
 * `<secret> found in <place>` for each secret in any of its forms (see leakForms), also inside base64: every run of
 * base64 in a place (lines joined too, for base64 wrapped at a width), decoded at each alignment, and what that holds
 * decoded once more (a registry password inside the `auth` of a `.dockerconfigjson` inside a Secret's data).
 */
export function leaksIn(places: [string, string][], secrets: { name: string; value: string }[]): string[] {
  const leaks: string[] = [];
  const decoded = places.map(([, text]) => {
    const once = [text, text.replace(/\r?\n/g, '')].flatMap(decodedBase64Runs);
    return [...once, ...once.flatMap(decodedBase64Runs)];
  });
  for (const secret of secrets) {
    const forms = leakForms(secret.value);
    places.forEach(([where, text], place) => {
      const found = [text, ...decoded[place]].some((candidate) => forms.some((form) => candidate.includes(form)));
      if (found) leaks.push(`${secret.name} found in ${where}`);
    });
  }
  return leaks;
}

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The plain forms of a secret, written here independently of src/secrets: itself; JSON-escaped as JavaScript, Go
 * (`<`, `>`, `&` as `\u003c`…) and ASCII-only encoders write it; workflow-command-escaped; percent-encoded; each line.
 */
export function leakForms(value: string): string[] {
  const lines = value.split(/\r?\n/).map((line) => line.trim());
  const json = JSON.stringify(value).slice(1, -1);
  const go = json.replace(/[<>&\u2028\u2029]/g, unicodeEscape);
  return [
    ...new Set([
      value,
      json,
      go,
      json.replace(/[^\x20-\x7e]/g, unicodeEscape),
      go.replace(/[^\x20-\x7e]/g, unicodeEscape),
      value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'),
      encodeURIComponent(value),
      ...lines.filter((line) => line.length >= 8),
    ]),
  ];
}

/** Each base64-looking run of `text` decoded from each of its first four characters: every byte alignment. */
function decodedBase64Runs(text: string): string[] {
  const runs = text.match(/[A-Za-z0-9+/]{12,}/g) ?? [];
  return runs.flatMap((run) => [0, 1, 2, 3].map((skip) => Buffer.from(run.slice(skip), 'base64').toString('utf8')));
}

/** The log as the runner displays it: mask commands consumed, registered values replaced from then on. */
function visibleLog(log: string, inherited: string[]): { text: string; masks: string[] } {
  const masks = [...inherited];
  const shown: string[] = [];
  for (const line of log.split('\n')) {
    const registered = /^::add-mask::(.*)$/.exec(line);
    if (registered) {
      // The toolkit escapes %, CR and LF in command data; the log is shown line by line, so mask each line.
      const value = registered[1].replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
      masks.push(...value.split(/\r?\n/).filter((part) => part.trim().length > 0));
      continue;
    }
    shown.push(mask(line, masks));
  }
  return { text: shown.join('\n'), masks };
}

function mask(text: string, masks: string[]): string {
  return masks.reduce((masked, value) => masked.split(value).join('***'), text);
}
