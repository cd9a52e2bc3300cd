// The hostile-input corpus (hostile-corpus.ts) through the bundled action, the way a runner runs it, against two
// sandboxes side by side (one lane each, so every API request a case makes is its own). Every case starts from a
// working deploy, so a case the action fails to refuse really deploys, and is counted. The file's last test prints
// and asserts the totals issue 21 asks for: cases, deployed anyway, wrong input named, crashes or hangs.
// PORTKEY_E2E_BUNDLE=<an older dist/index.js> runs the corpus against that bundle instead, to count what it let
// through (the totals are printed before they are asserted).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runAction, type ActionRun } from '../../sandbox/runner.js';
import { checkout } from '../inputs/fixture.js';
import { workflowCommands } from '../secrets/workflow-commands.js';
import { findLeaks, errorLines, startE2e, type E2e } from './harness.js';
import {
  hostileCorpus,
  OUTSIDE_SECRET,
  type CorpusContext,
  type HostileCase,
  type KubeconfigDocument,
} from './hostile-corpus.js';

/** A refused case takes well under a second; one that is not refused deploys, which the sandbox does in seconds. */
const CASE_TIMEOUT_MS = 60_000;
jest.setTimeout(15 * 60_000);

/** One sandbox, its tool cache, and the outside things its cases point at. */
interface Lane {
  e2e: E2e;
  context: CorpusContext;
  trapRequests: { count: number };
  trapServer: Server;
  root: string;
}

/** What one case did, and what was wrong with it (empty: as the corpus says). */
interface CaseResult {
  deployedAnyway: boolean;
  wrongInput: boolean;
  crashedOrHung: boolean;
  problems: string[];
}

/** A program planted on PATH: it proves it ran by creating the trap. */
const PLANTED = ['tar', 'gzip', 'gunzip', 'unzip', 'gpgv', 'gpg', 'helm', 'kubectl', 'kubelogin', 'openssl'];

/** Names a private file of the action might take if it were predictable, each planted as a link. */
const PLANTED_TEMP_NAMES = ['plan.json', 'portkey-plan.json', 'values.yaml', 'kubeconfig', 'portkey-azure-deploy'];

async function startLane(): Promise<Lane> {
  const e2e = await startE2e();
  const root = mkdtempSync(path.join(tmpdir(), 'corpus-lane-'));
  const outside = path.join(root, 'outside');
  mkdirSync(outside);
  // A values map under a name nothing takes for a secret: read and merged, it would be printed as it is.
  writeFileSync(path.join(outside, 'secret.txt'), `podAnnotations:\n  stolen: ${JSON.stringify(OUTSIDE_SECRET)}\n`);
  writeFileSync(
    path.join(outside, 'Chart.yaml'),
    `apiVersion: v2\nname: gateway\nversion: 1.7.7\n# ${OUTSIDE_SECRET}\n`,
  );
  const plantedBin = path.join(root, 'bin');
  mkdirSync(plantedBin);
  const trap = path.join(root, 'trap');
  for (const name of PLANTED) {
    writeFileSync(path.join(plantedBin, name), `#!/bin/sh\necho "$0 $*" >> '${trap}'\nexit 0\n`);
    chmodSync(path.join(plantedBin, name), 0o755);
  }
  const trapRequests = { count: 0 };
  const trapServer = createServer({ cert: e2e.sandbox.tls.cert, key: e2e.sandbox.tls.key }, (_req, res) => {
    trapRequests.count++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => trapServer.listen(0, '127.0.0.1', resolve));
  const plantedHome = path.join(root, 'home');
  mkdirSync(path.join(plantedHome, '.kube'), { recursive: true });
  const exec = {
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    command: '/bin/sh',
    args: ['-c', `echo home >> '${trap}'`],
  };
  writeFileSync(
    path.join(plantedHome, '.kube', 'config'),
    JSON.stringify({
      apiVersion: 'v1',
      'current-context': 'x',
      clusters: [{ name: 'x', cluster: { server: 'https://127.0.0.1:1' } }],
      contexts: [{ name: 'x', context: { cluster: 'x', user: 'x' } }],
      users: [{ name: 'x', user: { exec } }],
    }),
  );
  const context: CorpusContext = {
    plantedHome,
    outside,
    kubeconfig: () => parse(e2e.sandbox.kubeconfig()) as KubeconfigDocument,
    trap,
    plantedBin,
    trapUrl: `https://127.0.0.1:${(trapServer.address() as AddressInfo).port}`,
    runnerTemp: '',
  };
  return { e2e, context, trapRequests, trapServer, root };
}

async function closeLane(lane: Lane): Promise<void> {
  await new Promise((resolve) => lane.trapServer.close(resolve));
  await lane.e2e.close();
  rmSync(lane.root, { recursive: true, force: true });
}

/** Changes to the cluster, GitHub and Azure a run could make, counted from the lane's emulators. */
function changes(lane: Lane) {
  const { kube, github, arm } = lane.e2e.sandbox;
  return {
    // A review (kubectl auth can-i) is a POST that changes nothing.
    cluster: kube.requests.filter(
      (r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !/\/authori[sz]ation\.k8s\.io\//.test(r.path),
    ).length,
    github: github.requests.filter((r) => r.method !== 'GET').length,
    deployments: github.deployments().length,
    runCommand: arm.requests.filter((r) => r.command !== undefined).length,
  };
}

/** The inputs an error names: each problem of a ValidationError (`- \`name\`: …`) and an ActionError's `Input:`. */
function inputsNamed(run: ActionRun): string[] {
  const text = errorLines(run).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  const named = [
    ...[...text.matchAll(/^\s*- `([a-z0-9-]+)`: /gm)].map((m) => m[1]),
    ...[...text.matchAll(/Input: `([a-z0-9-]+)`/g)].map((m) => m[1]),
  ];
  return [...new Set(named)];
}

/** Signs the run crashed or hung rather than refused: a stack, an unhandled rejection, an object printed, a kill. */
function crashSigns(run: ActionRun): string[] {
  const signs: string[] = [];
  const all = `${run.stdout}\n${run.stderr}`;
  if (/step killed after/.test(run.stderr)) signs.push('hung (killed at the timeout)');
  if (![0, 1].includes(run.exitCode)) signs.push(`exit code ${run.exitCode}`);
  if (/^\s+at .+:\d+:\d+\)?$/m.test(all)) signs.push('a stack trace');
  if (/Unhandled|uncaught|\[object Object\]|JavaScript heap/i.test(all)) signs.push('an unhandled error');
  if (run.postExitCode !== 0) signs.push(`post step exit code ${run.postExitCode}`);
  return signs;
}

/** Commands the run issued from outside text: the marker `smuggled`, or a command the action never writes. */
function smuggledCommands(run: ActionRun) {
  return workflowCommands(run.stdout).filter(
    (c) => /smuggled/.test(c.name + c.properties + c.data) || ['set-output', 'set-env', 'add-path'].includes(c.name),
  );
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function runCase(lane: Lane, hostile: HostileCase, index: number, signal: AbortSignal): Promise<CaseResult> {
  const { context, e2e } = lane;
  rmSync(context.trap, { force: true });
  lane.trapRequests.count = 0;
  const runnerTemp = mkdtempSync(path.join(lane.root, 'runner-temp-'));
  const decoy = path.join(context.outside, 'decoy.txt');
  writeFileSync(decoy, OUTSIDE_SECRET);
  const decoyHash = sha256(decoy);
  for (const name of PLANTED_TEMP_NAMES)
    symlinkSync(name === 'kubeconfig' ? context.trap : decoy, path.join(runnerTemp, name));
  const spec = hostile.make({ ...context, runnerTemp });
  const before = changes(lane);
  const env: Record<string, string> = { GITHUB_WORKSPACE: checkout(spec.files ?? {}), ...spec.env };
  if (spec.plantPath) env.PATH = `${context.plantedBin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  if (spec.runnerTemp) env.RUNNER_TEMP = runnerTemp;
  const run = await runAction({
    sandbox: e2e.sandbox,
    toolCache: e2e.toolCache,
    timeoutMs: CASE_TIMEOUT_MS,
    signal,
    entry: process.env.PORTKEY_E2E_BUNDLE,
    env,
    inputs: {
      chart: './sandbox/charts/gateway',
      namespace: `corpus-${index}`,
      'smoke-test-timeout': '5s',
      ...spec.inputs,
    },
  });
  e2e.runs.push(run);
  const after = changes(lane);
  const made = {
    cluster: after.cluster - before.cluster,
    github: after.github - before.github,
    deployments: after.deployments - before.deployments,
    runCommand: after.runCommand - before.runCommand,
  };
  const problems: string[] = [];
  const crash = crashSigns(run);
  problems.push(...crash);
  const secrets = [
    ...e2e.sandbox.secrets(),
    { name: 'the outside file', value: OUTSIDE_SECRET },
    { name: '/etc/passwd', value: readFileSync('/etc/passwd', 'utf8').split('\n')[0] },
  ];
  problems.push(...findLeaks([run], secrets));
  if (existsSync(context.trap))
    problems.push(`a planted thing ran or was written through: ${readFileSync(context.trap, 'utf8')}`);
  if (lane.trapRequests.count > 0) problems.push(`${lane.trapRequests.count} request(s) reached the planted URL`);
  if (sha256(decoy) !== decoyHash) problems.push('a file outside was overwritten through a planted link');
  if (run.runnerTempAfterPost.length > 0) problems.push(`left in RUNNER_TEMP: ${run.runnerTempAfterPost.join(', ')}`);
  if (run.strayProcesses) problems.push('a process outlived the step');
  const home = readdirSync(context.plantedHome, { recursive: true }).map(String).sort();
  if (home.join() !== '.kube,.kube/config') problems.push(`files written under the job's HOME: ${home.join(', ')}`);
  let deployedAnyway = false;
  let wrongInput = false;
  if (hostile.outcome === 'refused') {
    deployedAnyway = made.cluster > 0 || made.deployments > 0 || made.runCommand > 0 || run.exitCode === 0;
    if (deployedAnyway) problems.push(`not refused: exit ${run.exitCode}, changes ${JSON.stringify(made)}`);
    const named = inputsNamed(run);
    wrongInput = named.length !== 1 || named[0] !== hostile.input;
    if (wrongInput && !deployedAnyway)
      problems.push(`named ${JSON.stringify(named)}, not [${hostile.input}]: ${errorLines(run).slice(0, 600)}`);
  } else {
    if (run.exitCode !== 0) problems.push(`failed: ${errorLines(run).slice(0, 600) || run.stderr.slice(-600)}`);
    deployedAnyway = made.deployments > 0 || made.runCommand > 0 || (hostile.outcome === 'inert' && made.cluster > 0);
    if (deployedAnyway) problems.push(`changed something: ${JSON.stringify(made)}`);
    const smuggled = smuggledCommands(run);
    if (smuggled.length > 0) problems.push(`issued smuggled commands: ${JSON.stringify(smuggled)}`);
    if (run.outputs['gateway-url']?.includes('smuggled')) problems.push('a smuggled output');
    const stateKeys = Object.keys(run.state).sort().join(',');
    if (stateKeys !== 'isPost,workDir') problems.push(`state ${stateKeys}`);
  }
  rmSync(runnerTemp, { recursive: true, force: true });
  return { deployedAnyway, wrongInput, crashedOrHung: crash.length > 0, problems };
}

describe('the hostile-input corpus (e2e)', () => {
  const results = new Map<HostileCase, CaseResult>();
  let lanes: Lane[] = [];
  // A corpus that outlives its hook's timeout (a loaded machine) must not go on starting runs after the file ends:
  // their processes would keep jest's worker from exiting.
  const stop = new AbortController();
  let corpus: Promise<unknown> = Promise.resolve();

  beforeAll(async () => {
    lanes = await Promise.all([startLane(), startLane()]);
    const queue = hostileCorpus.map((hostile, index) => ({ hostile, index }));
    corpus = Promise.all(
      lanes.map(async (lane) => {
        for (let next = queue.shift(); next && !stop.signal.aborted; next = queue.shift()) {
          // A case the harness cannot run fails on its own, not the whole corpus.
          const result = await runCase(lane, next.hostile, next.index, stop.signal).catch(
            (error: unknown): CaseResult => ({
              deployedAnyway: false,
              wrongInput: false,
              crashedOrHung: false,
              problems: [`the case could not run: ${String(error)}`],
            }),
          );
          results.set(next.hostile, result);
        }
      }),
    );
    await corpus;
  });

  afterAll(async () => {
    stop.abort();
    await corpus;
    await Promise.all(lanes.map(closeLane));
  });

  it.each(
    hostileCorpus.map((hostile) => [`${hostile.outcome}: ${hostile.category}: ${hostile.what}`, hostile] as const),
  )('%s', (_name, hostile) => {
    expect(results.get(hostile)?.problems).toEqual([]);
  });

  it('totals: at least 250 cases, none deployed anyway, none naming the wrong input, none crashed or hung', () => {
    const all = [...results.values()];
    const totals = {
      cases: hostileCorpus.length,
      run: all.length,
      refused: hostileCorpus.filter((c) => c.outcome === 'refused').length,
      inert: hostileCorpus.filter((c) => c.outcome === 'inert').length,
      ignored: hostileCorpus.filter((c) => c.outcome === 'ignored').length,
      'deployed anyway': all.filter((r) => r.deployedAnyway).length,
      'wrong input named': all.filter((r) => r.wrongInput).length,
      'crashes or hangs': all.filter((r) => r.crashedOrHung).length,
      'with any problem': all.filter((r) => r.problems.length > 0).length,
    };
    const categories = Object.entries(
      hostileCorpus.reduce<Record<string, number>>(
        (count, c) => ({ ...count, [c.category]: (count[c.category] ?? 0) + 1 }),
        {},
      ),
    );
    process.stdout.write(
      `Hostile-input corpus: ${JSON.stringify(totals)}\n${categories.map(([name, n]) => `  ${n}\t${name}`).join('\n')}\n`,
    );
    expect(totals).toMatchObject({
      run: totals.cases,
      'deployed anyway': 0,
      'wrong input named': 0,
      'crashes or hangs': 0,
    });
    expect(totals.cases).toBeGreaterThanOrEqual(250);
  });
});
