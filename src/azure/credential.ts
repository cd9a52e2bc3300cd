// Signing in to Entra ID without a secret: ClientAssertionCredential fed by GitHub OIDC (or, when `sign-in` says so,
// workload identity). Only the inputs and the variables the chosen method documents are read; ambient-environment.ts
// clears what the Azure SDK would read by itself before it is loaded.
import type { AzureConfig } from '../inputs/config.js';
import { ActionError } from '../errors.js';
import type { CloudEndpoints } from './clouds.js';
import { explainSignInFailure } from './entra-errors.js';
import { githubAssertionSource, workloadAssertionSource, type AssertionSource } from './github-token.js';
import type { SecretSet } from '../secrets/index.js';

export type SignInChoice =
  | { kind: 'github'; clientId: string; tenantId: string }
  | {
      kind: 'workload';
      clientId: string;
      tenantId: string;
      tokenFile: string;
      /** AZURE_AUTHORITY_HOST as the workload identity webhook set it; `authority-host` still wins. */
      authorityHost: string;
    };

/** A tenant ID (a GUID) or a tenant's domain: one path segment of the authority URL, nothing that could climb out. */
const TENANT = /^[0-9A-Za-z][0-9A-Za-z.-]*$/;

function required(value: string, input: string, what: string): string {
  if (!value) throw new ActionError(`\`${input}\` is empty: Azure sign-in needs ${what}.`, { input });
  return value;
}

function tenant(tenantId: string): string {
  required(tenantId, 'tenant-id', 'the Entra ID tenant');
  if (!TENANT.test(tenantId) || tenantId.includes('..')) {
    throw new ActionError(
      `\`tenant-id\` "${tenantId}" is not a tenant: give the directory (tenant) ID, a GUID, or the tenant's domain such as contoso.onmicrosoft.com.`,
      { input: 'tenant-id' },
    );
  }
  return tenantId;
}

/**
 * `sign-in: github-oidc` (the default) needs the job's permission to mint OIDC tokens and the client and tenant from
 * the inputs; `workload-identity` takes the token file, and the client, tenant and authority host the inputs leave
 * empty, from the variables Azure workload identity puts in the runner pod.
 */
export function chooseSignIn(azure: AzureConfig, env: NodeJS.ProcessEnv): SignInChoice {
  if (azure.signIn === 'workload-identity') {
    const tokenFile = env.AZURE_FEDERATED_TOKEN_FILE ?? '';
    if (!tokenFile) {
      throw new ActionError(
        '`sign-in` is `workload-identity`, but AZURE_FEDERATED_TOKEN_FILE is not set: this runner has no workload identity token.',
        {
          input: 'sign-in',
          hint: 'The workload identity webhook sets it in pods labelled azure.workload.identity/use: "true" whose service account names the identity. Use `sign-in: github-oidc` on other runners.',
        },
      );
    }
    return {
      kind: 'workload',
      clientId: required(
        azure.clientId || (env.AZURE_CLIENT_ID ?? ''),
        'client-id',
        'the client ID of the identity (or AZURE_CLIENT_ID)',
      ),
      tenantId: tenant(azure.tenantId || (env.AZURE_TENANT_ID ?? '')),
      tokenFile,
      authorityHost: env.AZURE_AUTHORITY_HOST ?? '',
    };
  }
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new ActionError(
      'Cannot sign in to Azure: this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set).',
      {
        hint: 'Add `permissions: id-token: write` (and `contents: read`) to the job or workflow. Workflows triggered from forks never get it. On a self-hosted runner pod with Azure workload identity, set `sign-in: workload-identity`; or pass a `kubeconfig` instead.',
      },
    );
  }
  return {
    kind: 'github',
    clientId: required(azure.clientId, 'client-id', 'the client ID of the app or managed identity'),
    tenantId: tenant(azure.tenantId),
  };
}

/** The HTTP status Entra answered with: MSAL's ServerError carries it, wrapped by @azure/identity as the cause. */
function httpStatusOf(error: unknown): number | undefined {
  const { cause, statusCode } = error as { cause?: { status?: unknown }; statusCode?: unknown };
  const status = cause?.status ?? statusCode;
  return typeof status === 'number' ? status : undefined;
}

export interface SignedToken {
  token: string;
  expiresOnMs: number;
}

export interface AzureSignIn {
  choice: SignInChoice;
  /** An access token for `scope`; Entra refusals become ActionErrors that name the input to fix. */
  getToken(scope: string): Promise<SignedToken>;
  /** Claims of the last assertion, for logs. */
  assertionClaims(): ReturnType<AssertionSource['lastClaims']>;
}

/**
 * The SDK is loaded here, once ambient-environment.ts has cleared what it would read on its own at load time
 * (AZURE_LOG_LEVEL, DEBUG). `requestToken` is the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN: masked before the first
 * request, since NODE_DEBUG=https prints each request's headers.
 */
export async function signIn(
  choice: SignInChoice,
  endpoints: CloudEndpoints,
  now: () => number,
  secrets: SecretSet,
  requestToken = '',
): Promise<AzureSignIn> {
  secrets.add(requestToken);
  const source =
    choice.kind === 'github'
      ? githubAssertionSource(endpoints.oidcAudience, now, secrets)
      : workloadAssertionSource(choice.tokenFile, secrets);
  const { ClientAssertionCredential } = await import('@azure/identity');
  const credential = new ClientAssertionCredential(choice.tenantId, choice.clientId, () => source.getAssertion(), {
    authorityHost: endpoints.authorityHost,
    disableInstanceDiscovery: endpoints.disableInstanceDiscovery,
  });
  return {
    choice,
    assertionClaims: () => source.lastClaims(),
    async getToken(scope) {
      try {
        const token = await credential.getToken(scope);
        secrets.add(token.token);
        return { token: token.token, expiresOnMs: token.expiresOnTimestamp };
      } catch (error) {
        const fromCallback = source.lastError();
        if (fromCallback) throw fromCallback;
        throw explainSignInFailure((error as Error).message, {
          status: httpStatusOf(error),
          clientId: choice.clientId,
          tenantId: choice.tenantId,
          source: choice.kind,
          authorityHost: endpoints.authorityHost,
          scope,
          claims: source.lastClaims(),
        });
      }
    },
  };
}
