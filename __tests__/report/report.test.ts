import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ActionError } from '../../src/errors.js';
import { describeFailure, StageTimer, type DeployOutcome } from '../../src/report/outcome.js';
import { publishOutputs } from '../../src/report/outputs.js';
import { formatSummary, writeSummary } from '../../src/report/summary.js';
import { deployed, runEnv } from './outcomes.js';
import { Outbound, SecretSet } from '../../src/secrets/index.js';

describe('StageTimer and describeFailure', () => {
  it('times stages, records failures and passes errors on', async () => {
    let now = 0;
    const timer = new StageTimer(() => now);
    await expect(timer.time('helm', async () => ((now += 1500), 'ok'))).resolves.toBe('ok');
    await expect(timer.time('rollout', async () => ((now += 700), Promise.reject(new Error('boom'))))).rejects.toThrow(
      'boom',
    );
    expect(timer.stages).toEqual([
      { name: 'helm', ms: 1500, ok: true },
      { name: 'rollout', ms: 700, ok: false },
    ]);
  });

  it('keeps an ActionError’s details', () => {
    expect(
      describeFailure(new ActionError('x failed', { input: 'timeout', hint: 'raise it', diagnosis: 'd' })),
    ).toEqual({
      message: 'x failed',
      input: 'timeout',
      hint: 'raise it',
      diagnosis: 'd',
    });
    expect(describeFailure('weird')).toEqual({ message: 'weird' });
  });
});

/** Writers for the runner's files, with the run's secrets (none unless given). */
const writers = (secrets = new SecretSet(() => undefined)) => new Outbound(secrets);

describe('formatSummary', () => {
  it('cuts every secret before escaping, so a secret with Markdown characters is still found', async () => {
    const outcome: DeployOutcome = {
      ...deployed(),
      succeeded: false,
      error: {
        message: 'The rollout failed',
        diagnosis: 'auth key s3cr3t_client*auth rejected\n``` not a fence end',
      },
      warnings: ['key s3cr3t_client*auth was echoed'],
    };
    const secrets = new SecretSet(() => undefined);
    secrets.add('s3cr3t_client*auth', 'ab');
    let text = '';
    const outbound = new Outbound(secrets, {
      setOutput: () => undefined,
      writeSummary: async (md) => void (text = md),
    });
    await writeSummary(outcome, outbound, { env: {} });
    expect(text).toContain('auth key *** rejected');
    expect(text).toContain('- key \\*\\*\\* was echoed');
    expect(text).not.toMatch(/s3cr3t/);
    expect(text).toContain('<details open><summary>Diagnosis</summary>\n\n````text\nauth key');
    expect(text).not.toContain('Commit');
  });

  it("says where the release differs from Portkey's chart defaults on the first screen, before any detail", () => {
    const note = "No cache (`cache: none`, the action's default): Portkey's chart deploys a built-in Redis by default.";
    const sections = formatSummary({ ...deployed(), notes: [note] }, { env: {} }).split('\n\n');
    expect(sections[0]).toMatch(/^## ✅ /);
    const at = sections.indexOf(
      "ℹ️ No cache (`cache: none`, the action's default): Portkey's chart deploys a built-in Redis by default.",
    );
    expect(at).toBeGreaterThan(0);
    // Only the glance and the warnings come before it; every detail section after.
    const headings = sections.filter((section) => section.startsWith('#')).map((section) => section.split('\n')[0]);
    const before = sections.slice(1, at).filter((section) => section.startsWith('#'));
    expect(before.map((section) => section.split('\n')[0])).toEqual(
      headings.includes('### Warnings') ? ['### Warnings'] : [],
    );
    expect(sections.slice(at).some((section) => section.startsWith('### Release'))).toBe(true);
    expect(formatSummary(deployed(), { env: {} })).not.toContain('ℹ️');
  });

  it('labels a ClusterIP gateway with its in-cluster URL and says when the smoke test was skipped', () => {
    const outcome = deployed();
    outcome.address = {
      url: 'http://gw.ns.svc.cluster.local:8787',
      internal: false,
      via: 'cluster-ip',
      inClusterUrl: 'http://gw.ns.svc.cluster.local:8787',
    };
    outcome.stages = [{ name: 'a | b', ms: 5, ok: true }];
    outcome.smokeTest = undefined;
    const text = formatSummary(outcome, { env: {} });
    expect(text).toContain(
      '| AI gateway | [http://gw.ns.svc.cluster.local:8787](http://gw.ns.svc.cluster.local:8787) |',
    );
    expect(text).toContain('Reached via in the cluster only.');
    expect(text).toContain('| a \\| b | completed | 5 ms |');
    expect(text).toContain('### Checks\n\nThe smoke test was skipped (`smoke-test: false`).');
  });
});

describe('publishing', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'report-test-'));
    process.env.GITHUB_OUTPUT = path.join(dir, 'output');
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary');
    await writeFile(process.env.GITHUB_OUTPUT, '');
    await writeFile(process.env.GITHUB_STEP_SUMMARY, '');
  });
  afterEach(async () => {
    process.env = { ...saved };
    await rm(dir, { recursive: true, force: true });
  });

  async function outputs(): Promise<Record<string, string>> {
    const text = await readFile(path.join(dir, 'output'), 'utf8');
    const found: Record<string, string> = {};
    for (const m of text.matchAll(/^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n?\2$/gm)) found[m[1]] = m[3];
    return found;
  }

  it('sets every output action.yml declares', async () => {
    publishOutputs(deployed(), writers());
    const declared = Object.keys((parse(await readFile('action.yml', 'utf8')) as { outputs: object }).outputs);
    const set = await outputs();
    expect(Object.keys(set).sort()).toEqual(declared.sort());
    expect(set).toMatchObject({
      'load-balancer-ip': '20.50.1.2',
      'load-balancer-hostname': '',
      'gateway-url': 'http://20.50.1.2:8787',
      'mcp-url': 'http://20.50.1.2:8788',
      'release-revision': '3',
      'smoke-test-status': 'passed',
      'smoke-test-http-code': '200',
      'smoke-test-latency-ms': '42',
      'helm-path': '/opt/hostedtoolcache/helm/4.1.4/x64/helm',
      'kubeconfig-path': '/home/runner/work/_temp/portkey-azure-deploy-x/kubeconfig',
    });
  });

  it("redacts every output with the run's secrets", async () => {
    const secrets = new SecretSet(() => undefined);
    secrets.add('20.50.1.2:8787-is-a-secret-here');
    const outcome = deployed();
    outcome.address!.url = 'http://20.50.1.2:8787-is-a-secret-here';
    publishOutputs(outcome, writers(secrets));
    expect((await outputs())['gateway-url']).toBe('http://***');
  });

  it('marks a smoke test that did not run as skipped', async () => {
    publishOutputs(
      { command: 'deploy', succeeded: false, release: { name: 'r', namespace: 'n' }, stages: [], warnings: [] },
      writers(),
    );
    expect(await outputs()).toMatchObject({
      'smoke-test-status': 'skipped',
      'gateway-url': '',
      'release-name': 'r',
      namespace: 'n',
    });
  });

  it('writes the summary file', async () => {
    await writeSummary(deployed(), writers(), { env: runEnv });
    expect(await readFile(path.join(dir, 'summary'), 'utf8')).toBe(formatSummary(deployed(), { env: runEnv }) + os.EOL);
  });
});
