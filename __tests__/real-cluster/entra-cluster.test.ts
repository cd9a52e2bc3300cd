// An Entra ID cluster on a real API server: ARM hands out a kubelogin exec user, the action swaps it for Entra tokens
// of the AKS server app, and the apiserver checks every one through its TokenReview webhook (the sandbox's Entra),
// so a token that expired is really refused, mid-rollout included.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AKS_SERVER_APP_ID } from '../../sandbox/entra.js';
import { API_URL, PK8S } from '../../sandbox/real-cluster/control-plane.js';
import { describeRun, expectCleanRuns } from '../e2e/harness.js';
import { releaseRevisions, startRealE2e, type RealE2e } from './tier.js';

jest.setTimeout(300_000);

/** What the apiserver answers a bare bearer token. */
function statusFor(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${API_URL}/api/v1/namespaces`,
      {
        ca: readFileSync(path.join(PK8S, 'pki', 'ca.crt')),
        headers: { authorization: `Bearer ${token}` },
        agent: false,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('an Entra ID cluster whose tokens expire mid-rollout, on a real API server', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    // Tokens live 4 s; the gateway pod's health answers 503 for 9 s, so its readiness probe passes only then, and helm
    // and the watcher need fresh tokens mid-deploy.
    e2e = await startRealE2e({
      entraId: true,
      tokenLifetimeSeconds: 4,
      rules: { pod: () => ({ kind: 'serve', behaviour: { readyAfterMs: 9000 } }) },
    });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('re-mints the cluster token, so the apiserver keeps accepting the deploy', async () => {
    const run = await e2e.run({ namespace: 'entra' });
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
    expect(run.outputs).toMatchObject({ 'release-revision': '1', 'smoke-test-status': 'passed' });
    expect(await releaseRevisions(e2e.client, 'entra', 'portkey-ai')).toEqual([[1, 'deployed']]);

    const { entra } = e2e.sandbox;
    const clusterTokens = entra.issued.filter((t) => t.audience === AKS_SERVER_APP_ID);
    expect(clusterTokens.length).toBeGreaterThan(1);
    expect(entra.tokenReviews.filter((r) => r.authenticated).length).toBeGreaterThan(0);
    // The first token has expired by now: the real apiserver, asking Entra, refuses it; a fresh one is let in.
    expect(Date.now()).toBeGreaterThan(clusterTokens[0].expiresOn);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the apiserver's 1 s review cache
    expect(await statusFor(clusterTokens[0].token)).toBe(401);
    expect(entra.tokenReviews.at(-1)?.authenticated).toBe(false);
    expect(await statusFor('not-a-token')).toBe(401);
  });

  it('ran the post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
