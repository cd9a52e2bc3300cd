// The client assertion handed to Entra: a GitHub OIDC token (or, on self-hosted runners with workload identity, the
// projected service account token). It is fetched when Entra needs one, never once up front, so deploys of any
// length never present an expired assertion (AADSTS700024).
import * as runner from '../runner.js';
import { readFile } from 'node:fs/promises';
import { ActionError } from '../errors.js';
import type { SecretSet } from '../secrets/index.js';

export interface JwtClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  iat?: number;
  job_workflow_ref?: string;
  [claim: string]: unknown;
}

/** Reads a JWT's claims without verifying it: only to explain a refusal and to know when it expires. */
export function decodeJwtClaims(token: string): JwtClaims {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' ? (claims as JwtClaims) : {};
  } catch {
    return {};
  }
}

/**
 * True once a token is close enough to expiry to replace: within `maxMarginMs`, or within a third of its lifetime
 * for short-lived tokens, so a five-second token is not considered stale from birth.
 */
export function refreshDue(issuedAtMs: number, expiresAtMs: number, nowMs: number, maxMarginMs: number): boolean {
  const margin = Math.min(maxMarginMs, Math.max(0, expiresAtMs - issuedAtMs) / 3);
  return nowMs >= expiresAtMs - margin;
}

export interface AssertionSource {
  kind: 'github' | 'workload';
  getAssertion(): Promise<string>;
  /** Claims of the assertion last handed out, for explaining a refusal (never the token itself). */
  lastClaims(): JwtClaims | undefined;
  /** A failure inside getAssertion; MSAL rewraps callback errors, losing our advice. */
  lastError(): Error | undefined;
}

const GITHUB_TOKEN_MARGIN_MS = 60_000;

function recording(kind: AssertionSource['kind'], secrets: SecretSet, fetch: () => Promise<string>): AssertionSource {
  let claims: JwtClaims | undefined;
  let error: Error | undefined;
  return {
    kind,
    async getAssertion() {
      error = undefined;
      try {
        const token = await fetch();
        secrets.add(token);
        claims = decodeJwtClaims(token);
        return token;
      } catch (caught) {
        error = caught as Error;
        throw caught;
      }
    },
    lastClaims: () => claims,
    lastError: () => error,
  };
}

/**
 * GitHub OIDC tokens, each kept until shortly before its `exp`: @azure/identity asks for the assertion twice per
 * access token, and one round trip per token is enough.
 */
export function githubAssertionSource(
  audience: string,
  now: () => number,
  secrets: SecretSet,
  getIDToken: (audience: string) => Promise<string> = runner.getIDToken,
): AssertionSource {
  let cached: { token: string; issuedAtMs: number; expiresAtMs: number } | undefined;
  return recording('github', secrets, async () => {
    if (cached && !refreshDue(cached.issuedAtMs, cached.expiresAtMs, now(), GITHUB_TOKEN_MARGIN_MS)) {
      return cached.token;
    }
    let token: string;
    try {
      token = await getIDToken(audience); // masked by runner.getIDToken
    } catch (error) {
      throw new ActionError(`Could not get a GitHub OIDC token for audience ${audience}: ${(error as Error).message}`, {
        hint: 'GitHub did not issue the token; re-run the job. If it keeps failing, check githubstatus.com.',
      });
    }
    const { iat, exp } = decodeJwtClaims(token);
    cached =
      typeof exp === 'number' ? { token, issuedAtMs: (iat ?? exp - 300) * 1000, expiresAtMs: exp * 1000 } : undefined;
    return token;
  });
}

/** The projected token file is rotated by the kubelet, so it is read afresh every time. */
export function workloadAssertionSource(tokenFile: string, secrets: SecretSet): AssertionSource {
  return recording('workload', secrets, async () => {
    let token: string;
    try {
      token = (await readFile(tokenFile, 'utf8')).trim();
    } catch (error) {
      throw new ActionError(
        `Could not read the workload identity token file ${tokenFile}: ${(error as Error).message}`,
        {
          hint: 'AZURE_FEDERATED_TOKEN_FILE is set by the workload identity webhook; check the runner pod has the azure.workload.identity/use label.',
        },
      );
    }
    return token;
  });
}
