// The plan on a pull request: one comment, created by the first run and updated by the next, asserted on the
// emulated GitHub API; a token that may not comment (a fork's) leaves the plan in the summary, with a warning; a
// comment somebody else wrote with the marker in it is never adopted; the deployed revision's secrets stay hidden
// whatever the later run is told; the plan file is the action's own.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { type E2e, expectCleanRuns, expectSuccess, findLeaks, startE2e, TEST_TIMEOUT_MS } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const pullRequest = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' };

describe('the plan as a pull request comment (e2e)', () => {
  let e2e: E2e;
  const target = { 'release-name': 'portkey-ai', namespace: 'reviewed', command: 'plan' };

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates one comment on the first run and updates it on the next', async () => {
    const first = await e2e.run(target, { env: pullRequest });
    expectSuccess(first);
    const [created] = e2e.sandbox.github.comments(7);
    expect(e2e.sandbox.github.comments(7)).toHaveLength(1);
    // Without a cache the comment first says how the release differs from Portkey's chart defaults, then the plan.
    expect(created.body).toMatch(
      /^<!-- portkey-azure-deploy plan: reviewed\/portkey-ai -->\nℹ️ No cache \(`cache: none`, [^\n]+\n\n### Plan: \d+ to add/,
    );
    expect(created.body).toContain('Deployment/portkey-ai-gateway to add');
    expect(first.stdout).toContain(`Posted the plan on pull request #7: ${created.html_url}`);

    const second = await e2e.run({ ...target, replicas: '3' }, { env: pullRequest });
    expectSuccess(second);
    const comments = e2e.sandbox.github.comments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0].id).toBe(created.id);
    expect(comments[0].body).toContain('replicaCount');
    const writes = e2e.sandbox.github.requests.filter((r) => r.path.includes('/comments') && r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PATCH 200']);
    expect(writes.every((r) => r.token === e2e.sandbox.githubToken)).toBe(true);
  });

  it('keeps the plan in the summary when the token may not comment, as on a pull request from a fork', async () => {
    const run = await e2e.run(
      { ...target, namespace: 'forked', 'github-token': e2e.sandbox.githubReadOnlyToken },
      { env: { ...pullRequest, GITHUB_REF: 'refs/pull/8/merge' } },
    );
    expectSuccess(run);
    expect(e2e.sandbox.github.comments(8)).toEqual([]);
    expect(run.stdout).toMatch(/::warning::Could not comment the plan on pull request #8 \(GitHub answered 403/);
    expect(run.summary).toContain('pull-requests: write');
    expect(run.summary).toMatch(/### Plan: \d+ to add/);
    // The sandbox's API server says it is 1.35: the summary says so against the schemas checked.
    expect(run.summary).toMatch(
      /### Kubernetes schemas\n\n✅ no findings: \d+ objects checked against the OpenAPI schemas of Kubernetes 1\.36 \(@kubernetes\/client-node 2\.0\.2\)\. The cluster is v1\.35\.0, older than the schemas checked \(1\.36\)/,
    );
  });

  it('shows no deployed value secret-values marks, not even one the new values drop', async () => {
    const marked = { namespace: 'marked', 'secret-values': 'extra.note' };
    expectSuccess(await e2e.run({ ...marked, values: 'extra:\n  note: opaque-41-value' }));
    const plan = await e2e.run({ ...target, ...marked }, { env: { ...pullRequest, GITHUB_REF: 'refs/pull/9/merge' } });
    expectSuccess(plan);
    const [comment] = e2e.sandbox.github.comments(9);
    expect(comment.body).toContain('extra');
    const printed = plan.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(plan.stdout).toContain('::add-mask::opaque-41-value');
    for (const text of [comment.body, plan.summary, ...printed]) expect(text).not.toContain('opaque-41-value');
  });

  it('never adopts a comment with the marker that somebody else wrote', async () => {
    const marker = '<!-- portkey-azure-deploy plan: adopted/portkey-ai -->';
    const planted = e2e.sandbox.github.addComment(11, `${marker}\nLooks fine to me, merge it.`, 'mallory');
    const run = await e2e.run(
      { ...target, namespace: 'adopted' },
      { env: { ...pullRequest, GITHUB_REF: 'refs/pull/11/merge' } },
    );
    expectSuccess(run);
    const comments = e2e.sandbox.github.comments(11);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toEqual(planted);
    expect(comments[1]).toMatchObject({ user: { login: 'github-actions[bot]' } });
    expect(comments[1].body).toMatch(
      /^<!-- portkey-azure-deploy plan: adopted\/portkey-ai -->\nℹ️ [^\n]+\n\n### Plan:/,
    );
    // A second push updates the action's own comment, still not the planted one.
    expectSuccess(
      await e2e.run({ ...target, namespace: 'adopted' }, { env: { ...pullRequest, GITHUB_REF: 'refs/pull/11/merge' } }),
    );
    expect(e2e.sandbox.github.comments(11).map((c) => c.id)).toEqual([planted.id, comments[1].id]);
    expect(e2e.sandbox.github.comments(11)[0].body).toBe(planted.body);
  });

  it("keeps the deployed revision's secret-env values hidden from a later plan and deploy that drop them", async () => {
    const secret = { name: 'the dropped secret-env value', value: 'dropped-"secret\\-e7d2c9' };
    const inConfigMap = { namespace: 'dropped', values: 'environment:\n  secret: false', 'smoke-test': 'false' };
    expectSuccess(await e2e.run({ ...inConfigMap, 'secret-env': `CUSTOM_THING=${secret.value}` }));
    const plan = await e2e.run(
      { ...target, ...inConfigMap },
      { env: { ...pullRequest, GITHUB_REF: 'refs/pull/12/merge' } },
    );
    expectSuccess(plan);
    const deploy = await e2e.run(inConfigMap);
    expectSuccess(deploy);
    const [comment] = e2e.sandbox.github.comments(12);
    expect(comment.body).toContain('CUSTOM_THING');
    expect(plan.planFile).toContain('"key": "environment.data.CUSTOM_THING"');
    expect(deploy.summary).toContain('CUSTOM_THING');
    for (const text of [comment.body, plan.planFile ?? '', plan.summary, deploy.summary]) {
      expect(text).not.toContain('dropped-');
    }
    expect(findLeaks([plan, deploy], [secret])).toEqual([]);
  });

  it('writes the plan file under a name nobody can plant a link at, 0600, inside the private folder', async () => {
    const temp = await mkdtemp(path.join(os.tmpdir(), 'planted-'));
    const outside = path.join(temp, 'outside.txt');
    await writeFile(outside, 'not the plan\n');
    for (const name of ['portkey-azure-deploy-plan-portkey-ai.json', 'plan.json'])
      await symlink(outside, path.join(temp, name));
    try {
      const run = await e2e.run({ ...target, namespace: 'planted' }, { env: { RUNNER_TEMP: temp } });
      expectSuccess(run);
      expect(await readFile(outside, 'utf8')).toBe('not the plan\n');
      expect(path.relative(temp, run.outputs['plan-file'])).toMatch(
        /^portkey-azure-deploy-\w+\/plan-[0-9a-f]{24}\.json$/,
      );
      expect(JSON.parse(run.planFile ?? '')).toMatchObject({ release: { name: 'portkey-ai', namespace: 'planted' } });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('comments nothing outside a pull request, or with plan-comment off', async () => {
    const before = e2e.sandbox.github.requests.length;
    expectSuccess(await e2e.run({ ...target, namespace: 'pushed' }));
    expectSuccess(await e2e.run({ ...target, namespace: 'quiet', 'plan-comment': 'false' }, { env: pullRequest }));
    expect(e2e.sandbox.github.requests.slice(before).filter((r) => r.path.includes('/issues/'))).toEqual([]);
  });

  it('ran every post step cleanly, left no file and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
