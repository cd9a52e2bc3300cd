// The leak sweep of issue 21: secrets whose forms differ (quotes, backslashes, unicode, `<>&`, `+/=`, several lines)
// through every command of the bundled action, with every debug switch on, each run traced from outside (strace, see
// process-trace.ts). Nothing may hold any form of any secret: the log, the summary, the outputs, the saved state, the
// plan file, the pull request comment, the GitHub Deployment and its statuses, files left behind, and the argv and
// environment of every process the action started. The trace must have seen helm and kubectl, or it proves nothing.
// PORTKEY_E2E_BUNDLE=<an older dist/index.js> sweeps that bundle instead.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ActionRun } from '../../sandbox/runner.js';
import { type E2e, expectCleanRuns, expectSuccess, leaksIn, startE2e, TEST_TIMEOUT_MS } from './harness.js';
import { programNames, readTrace, stepProcesses, traceWrapper, type Exec } from './process-trace.js';

jest.setTimeout(TEST_TIMEOUT_MS * 3);

/** Secrets no hex scan would catch in their other forms: JSON, Go's and ASCII-only escaping and base64 all differ. */
const SECRETS = {
  clientAuth: 'pk-auth-"quoted"\\back\\slash+/=é✓<tag>&amp-7Q',
  registryPassword: 'dckr_pat_"q"\\b+/=ü✓<>&-Zz9',
  providerKey: 'sk-proj-"q"\\slash+/=<>&-41x',
  secretEnv: 'se"cr\\et+/=ß✓<>&-env-5k',
  dbPassword: 'db"pw\\+/=ø✓<>&-v4l',
  pem: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC+/=\nBKcwggSjAgEAAoIBAQC7"q"\\ok+/==\n-----END PRIVATE KEY-----',
};
const named = Object.entries(SECRETS).map(([name, value]) => ({ name, value }));

const yamlString = (value: string) => JSON.stringify(value);

const inputs = {
  'portkey-client-auth': SECRETS.clientAuth,
  'registry-password': SECRETS.registryPassword,
  'smoke-test-provider-key': SECRETS.providerKey,
  'secret-env': `CUSTOM_THING=${SECRETS.secretEnv}`,
  values: [`extra: {dbPassword: ${yamlString(SECRETS.dbPassword)}}`, `tls: {key: ${yamlString(SECRETS.pem)}}`].join(
    '\n',
  ),
};

/** Every switch that makes the toolkit, Node or helm print more. */
const debugEnv = {
  ACTIONS_STEP_DEBUG: 'true',
  RUNNER_DEBUG: '1',
  NODE_DEBUG: 'http,https,http2,net,tls,fetch,undici,child_process',
  HELM_DEBUG: 'true',
};

const pullRequest = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/21/merge' };

/** Runs of one sandbox, each under strace with every debug switch on, and what each started. */
function tracedRuns(e2e: () => E2e) {
  const traceDir = mkdtempSync(path.join(tmpdir(), 'trace-'));
  const traced: { run: ActionRun; execs: Exec[]; steps: Exec[] }[] = [];
  return {
    traced,
    async run(more: Record<string, string>, env: Record<string, string> = {}) {
      const file = path.join(traceDir, `${traced.length}.trace`);
      const run = await e2e().run(
        { namespace: 'sweep', ...inputs, ...more },
        { env: { ...debugEnv, ...env }, wrapper: traceWrapper(file), entry: process.env.PORTKEY_E2E_BUNDLE },
      );
      traced.push({ run, execs: readTrace(file), steps: stepProcesses(file) });
      return run;
    },
    remove: () => rmSync(traceDir, { recursive: true, force: true }),
  };
}

/** Every form of every secret in the argv or environment of a process the action started, and the job's variables. */
function childProcessLeaks(traced: { execs: Exec[] }[], secrets: { name: string; value: string }[]): string[] {
  const places = traced.flatMap(({ execs }, run) =>
    execs.flatMap((exec): [string, string][] => [
      [`run ${run + 1}: argv of ${exec.argv.join(' ').slice(0, 120)}`, exec.argv.join('\n')],
      [`run ${run + 1}: environment of ${path.basename(exec.program)} ${exec.argv[1] ?? ''}`, exec.env.join('\n')],
    ]),
  );
  const variables = new Set(
    traced.flatMap(({ execs }) => execs.flatMap((exec) => exec.env.map((e) => e.split('=')[0]))),
  );
  const jobVariables = [...variables].filter((name) =>
    /^(INPUT_|ACTIONS_|RUNNER_DEBUG|NODE_DEBUG|HELM_DEBUG)/.test(name),
  );
  return [...leaksIn(places, secrets), ...jobVariables.map((name) => `${name} given to a child process`)];
}

describe('the leak sweep: every secret form, every output, every child process (e2e)', () => {
  let e2e: E2e;
  const { traced, run, remove } = tracedRuns(() => e2e);

  beforeAll(async () => {
    e2e = await startE2e({ environment: 'prod' });
  });
  afterAll(async () => {
    await e2e?.close();
    remove();
  });

  it('deploys, plans on a pull request without the secret-env, upgrades, renders and uninstalls', async () => {
    expectSuccess(await run({}));
    expectSuccess(await run({ command: 'plan', 'secret-env': '', replicas: '2' }, pullRequest));
    expectSuccess(await run({ replicas: '2' }));
    expectSuccess(await run({ command: 'render' }));
    expectSuccess(await run({ command: 'uninstall' }));
    expect(e2e.sandbox.github.comments(21)).toHaveLength(1);
    expect(e2e.sandbox.github.deployments().length).toBeGreaterThanOrEqual(2);
  });

  it('saw every program the action started: helm and kubectl, and no tar, gzip, unzip or gpgv', () => {
    const programs = programNames(traced.flatMap((t) => t.execs));
    expect(programs).toEqual(expect.arrayContaining(['helm', 'kubectl']));
    expect(programs.filter((name) => /^(tar|gzip|gunzip|unzip|gpgv?|sh|bash)$/.test(name))).toEqual([]);
    // Each run's trace: the deploy ran helm upgrade and kubectl.
    const deploy = traced[0].execs;
    expect(deploy.some((e) => path.basename(e.program) === 'helm' && e.argv.includes('upgrade'))).toBe(true);
    expect(deploy.some((e) => path.basename(e.program) === 'kubectl')).toBe(true);
  });

  it('decodes the trace: the steps themselves, which the runner gives every input, hold the secrets', () => {
    const steps = traced.flatMap(({ steps }) => steps);
    expect(steps).toHaveLength(traced.length * 2);
    const found = leaksIn([['the step', steps.map((step) => step.env.join('\n')).join('\n')]], named);
    expect(found).toEqual(named.map(({ name }) => `${name} found in the step`));
    const counts = traced.map(({ execs }) => execs.length);
    process.stdout.write(
      `Processes the action started, by run: ${counts.join(', ')}: ${programNames(traced.flatMap((t) => t.execs)).join(', ')}\n`,
    );
  });

  it('finds no secret in any form in the argv or environment of any process the action started', () => {
    expect(traced.flatMap((t) => t.execs).length).toBeGreaterThan(0);
    expect(childProcessLeaks(traced, [...e2e.sandbox.secrets(), ...named])).toEqual([]);
  });

  it('finds no secret in the log, summary, outputs, state, plan file, comment, Deployments or files left behind', () => {
    expectCleanRuns(e2e, named);
  });
});

describe('the leak sweep on an Entra ID cluster, whose credential program the action writes (e2e)', () => {
  let e2e: E2e;
  const { traced, run, remove } = tracedRuns(() => e2e);

  beforeAll(async () => {
    e2e = await startE2e({ entraId: true });
  });
  afterAll(async () => {
    await e2e?.close();
    remove();
  });

  it('deploys, helm and kubectl running the exec credential program, and nothing secret reaches any of them', async () => {
    expectSuccess(await run({}));
    const programs = programNames(traced.flatMap((t) => t.execs));
    expect(programs).toEqual(expect.arrayContaining(['helm', 'kubectl', 'node']));
    expect(childProcessLeaks(traced, [...e2e.sandbox.secrets(), ...named])).toEqual([]);
    expectCleanRuns(e2e, named);
  });
});
