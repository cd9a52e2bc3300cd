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
import { chooseSignIn } from '../../src/azure/credential.js';
import { ActionError } from '../../src/errors.js';
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

describe('chooseSignIn', () => {
  const azure: AzureConfig = {
    signIn: 'github-oidc',
    clientId: 'input-client',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
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
    AZURE_TENANT_ID: 'wi-tenant.onmicrosoft.com',
    AZURE_AUTHORITY_HOST: 'https://login.example',
  };
  const workloadIdentity: AzureConfig = { ...azure, signIn: 'workload-identity', clientId: '', tenantId: '' };

  it('signs in with GitHub OIDC and the inputs alone, whatever AZURE_* the job holds', () => {
    const choice = { kind: 'github', clientId: 'input-client', tenantId: azure.tenantId };
    expect(chooseSignIn(azure, { ...github, ...workload })).toEqual(choice);
    // client-id or tenant-id left empty is an error, never an invitation to read AZURE_CLIENT_ID or the token file.
    expect(() => chooseSignIn({ ...azure, clientId: '' }, { ...github, ...workload })).toThrow(/`client-id` is empty/);
    expect(() => chooseSignIn({ ...azure, tenantId: '' }, { ...github, ...workload })).toThrow(/`tenant-id` is empty/);
    expect(() => chooseSignIn(azure, workload)).toThrow(/ACTIONS_ID_TOKEN_REQUEST_URL/);
  });

  it('uses workload identity only when sign-in says so, the inputs winning over its variables', () => {
    expect(chooseSignIn(workloadIdentity, { ...github, ...workload })).toEqual({
      kind: 'workload',
      clientId: 'wi-client',
      tenantId: 'wi-tenant.onmicrosoft.com',
      tokenFile: '/var/run/token',
      authorityHost: 'https://login.example',
    });
    expect(chooseSignIn({ ...workloadIdentity, clientId: 'input-client' }, workload)).toMatchObject({
      kind: 'workload',
      clientId: 'input-client',
    });
  });

  it('names sign-in when workload identity is asked for on a runner without it', () => {
    const error = rejectionOf(() => chooseSignIn(workloadIdentity, github));
    expect(error.message).toContain('AZURE_FEDERATED_TOKEN_FILE is not set');
    expect(error.details.input).toBe('sign-in');
  });

  it('asks for id-token: write when the job cannot mint OIDC tokens', () => {
    const error = rejectionOf(() => chooseSignIn(azure, {}));
    expect(error.message).toMatch(/ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set/);
    expect(error.details.hint).toContain('sign-in: workload-identity');
  });

  it.each(['../evil', 'a/b', '..', '.', 'tenant?x=1', 'contoso..com', '%2e%2e', ' spaced'])(
    'refuses tenant-id %j, which is not one segment of the authority URL',
    (tenantId) => {
      const error = rejectionOf(() => chooseSignIn({ ...azure, tenantId }, github));
      expect(error.details.input).toBe('tenant-id');
      expect(error.message).toContain('is not a tenant');
    },
  );
});

function rejectionOf(plan: () => unknown): ActionError {
  try {
    plan();
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    return error as ActionError;
  }
  throw new Error('chooseSignIn did not refuse');
}
