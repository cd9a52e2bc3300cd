import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  decodeJwtClaims,
  githubAssertionSource,
  refreshDue,
  workloadAssertionSource,
} from '../../src/azure/github-token.js';
import { planSignIn } from '../../src/azure/credential.js';
import type { AzureConfig } from '../../src/inputs/config.js';
import { SecretSet } from '../../src/secrets/index.js';

const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('decodeJwtClaims', () => {
  it('reads the claims and tolerates garbage', () => {
    expect(decodeJwtClaims(jwt({ sub: 'repo:a/b:ref:refs/heads/main', exp: 5 }))).toEqual({
      sub: 'repo:a/b:ref:refs/heads/main',
      exp: 5,
    });
    expect(decodeJwtClaims('not-a-jwt')).toEqual({});
  });
});

describe('refreshDue', () => {
  it('keeps an hour-long token until the margin, a short one until its last third', () => {
    const hour = 3600_000;
    expect(refreshDue(0, hour, hour - 11 * 60_000, 10 * 60_000)).toBe(false);
    expect(refreshDue(0, hour, hour - 9 * 60_000, 10 * 60_000)).toBe(true);
    expect(refreshDue(0, 3000, 1900, 60_000)).toBe(false);
    expect(refreshDue(0, 3000, 2000, 60_000)).toBe(true);
  });
});

describe('githubAssertionSource', () => {
  it('asks GitHub once per token, and again when it nears expiry', async () => {
    let clock = 1_000_000;
    const audiences: string[] = [];
    const getIDToken = async (audience: string) => {
      audiences.push(audience);
      return jwt({ sub: `token-${audiences.length}`, iat: clock / 1000, exp: clock / 1000 + 300 });
    };
    const source = githubAssertionSource('api://AzureADTokenExchange', () => clock, new SecretSet(), getIDToken);

    const first = await source.getAssertion();
    expect(await source.getAssertion()).toBe(first);
    clock += 239_000;
    expect(await source.getAssertion()).toBe(first);
    clock += 2_000;
    expect(await source.getAssertion()).not.toBe(first);
    expect(audiences).toEqual(['api://AzureADTokenExchange', 'api://AzureADTokenExchange']);
    expect(source.lastClaims()?.sub).toBe('token-2');
  });

  it('keeps the failure for the caller, with advice', async () => {
    const source = githubAssertionSource('aud', Date.now, new SecretSet(), async () => {
      throw new Error('Failed to get ID Token. Error Code : 500');
    });
    await expect(source.getAssertion()).rejects.toThrow(/Could not get a GitHub OIDC token for audience aud/);
    expect(source.lastError()?.message).toContain('Error Code : 500');
  });
});

describe('workloadAssertionSource', () => {
  it('re-reads the projected token file every time', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'wi-')), 'token');
    await writeFile(file, `${jwt({ sub: 'system:serviceaccount:runners:runner', n: 1 })}\n`);
    const source = workloadAssertionSource(file, new SecretSet());
    expect(decodeJwtClaims(await source.getAssertion()).n).toBe(1);
    await writeFile(file, jwt({ sub: 'system:serviceaccount:runners:runner', n: 2 }));
    expect(decodeJwtClaims(await source.getAssertion()).n).toBe(2);
    expect(source.lastClaims()?.sub).toBe('system:serviceaccount:runners:runner');
  });
});

describe('planSignIn', () => {
  const azure: AzureConfig = {
    clientId: 'input-client',
    tenantId: 'input-tenant',
    subscriptionId: 's',
    cloud: 'AzureCloud',
    authorityHost: '',
    resourceManagerEndpoint: '',
    oidcAudience: '',
  };
  const github = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x/?a=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' };
  const workload = {
    AZURE_FEDERATED_TOKEN_FILE: '/var/run/token',
    AZURE_CLIENT_ID: 'wi-client',
    AZURE_TENANT_ID: 'wi-tenant',
  };

  it('uses GitHub OIDC when the job can mint tokens', () => {
    expect(planSignIn(azure, { ...github, ...workload })).toEqual({
      kind: 'github',
      clientId: 'input-client',
      tenantId: 'input-tenant',
    });
  });

  it('uses workload identity when client-id is left empty for it, or GitHub OIDC is unavailable', () => {
    expect(planSignIn({ ...azure, clientId: '', tenantId: '' }, { ...github, ...workload })).toEqual({
      kind: 'workload',
      clientId: 'wi-client',
      tenantId: 'wi-tenant',
      tokenFile: '/var/run/token',
    });
    expect(planSignIn(azure, workload)).toMatchObject({ kind: 'workload', clientId: 'input-client' });
  });

  it('asks for id-token: write when neither is available', () => {
    expect(() => planSignIn(azure, {})).toThrow(
      /ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set/,
    );
  });

  it('names the empty input', () => {
    expect(() => planSignIn({ ...azure, clientId: '' }, github)).toThrow(/`client-id` is empty/);
    expect(() => planSignIn({ ...azure, tenantId: '' }, github)).toThrow(/`tenant-id` is empty/);
  });
});
