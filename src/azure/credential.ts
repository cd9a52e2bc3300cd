// Signing in to Entra ID without a secret: ClientAssertionCredential fed by GitHub OIDC (or workload identity).
import { ClientAssertionCredential } from '@azure/identity';
import type { AzureConfig } from '../inputs/config.js';
import { ActionError } from '../errors.js';
import type { CloudEndpoints } from './clouds.js';
import { explainSignInFailure } from './entra-errors.js';
import { githubAssertionSource, workloadAssertionSource, type AssertionSource } from './github-token.js';
import type { SecretSet } from '../secrets/index.js';

export type SignInPlan =
  | { kind: 'github'; clientId: string; tenantId: string }
  | { kind: 'workload'; clientId: string; tenantId: string; tokenFile: string };

/**
 * GitHub OIDC when the job may mint tokens; workload identity (self-hosted runners in AKS) when `client-id` is left
 * empty for it or GitHub OIDC is unavailable.
 */
export function planSignIn(azure: AzureConfig, env: NodeJS.ProcessEnv): SignInPlan {
  const github = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  const tokenFile = env.AZURE_FEDERATED_TOKEN_FILE ?? '';
  const workload = Boolean(tokenFile) && (!azure.clientId || !github);
  if (!github && !workload) {
    throw new ActionError(
      'Cannot sign in to Azure: this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set).',
      {
        hint: 'Add `permissions: id-token: write` (and `contents: read`) to the job or workflow. Workflows triggered from forks never get it. On a self-hosted runner with Azure workload identity, AZURE_FEDERATED_TOKEN_FILE must be set; or pass a `kubeconfig` instead.',
      },
    );
  }
  const clientId = azure.clientId || (workload ? (env.AZURE_CLIENT_ID ?? '') : '');
  const tenantId = azure.tenantId || (workload ? (env.AZURE_TENANT_ID ?? '') : '');
  if (!clientId) {
    throw new ActionError('`client-id` is empty: Azure sign-in needs the client ID of the app or managed identity.', {
      input: 'client-id',
    });
  }
  if (!tenantId) {
    throw new ActionError('`tenant-id` is empty: Azure sign-in needs the Entra ID tenant.', { input: 'tenant-id' });
  }
  return workload ? { kind: 'workload', clientId, tenantId, tokenFile } : { kind: 'github', clientId, tenantId };
}

export interface SignedToken {
  token: string;
  expiresOnMs: number;
}

export interface AzureSignIn {
  plan: SignInPlan;
  /** An access token for `scope`; Entra refusals become ActionErrors that name the input to fix. */
  getToken(scope: string): Promise<SignedToken>;
  /** Claims of the last assertion, for logs. */
  assertionClaims(): ReturnType<AssertionSource['lastClaims']>;
}

export function signIn(
  plan: SignInPlan,
  endpoints: CloudEndpoints,
  now: () => number,
  secrets: SecretSet,
): AzureSignIn {
  const source =
    plan.kind === 'github'
      ? githubAssertionSource(endpoints.oidcAudience, now, secrets)
      : workloadAssertionSource(plan.tokenFile, secrets);
  const credential = new ClientAssertionCredential(plan.tenantId, plan.clientId, () => source.getAssertion(), {
    authorityHost: endpoints.authorityHost,
    disableInstanceDiscovery: endpoints.disableInstanceDiscovery,
  });
  return {
    plan,
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
          clientId: plan.clientId,
          tenantId: plan.tenantId,
          source: plan.kind,
          authorityHost: endpoints.authorityHost,
          scope,
          claims: source.lastClaims(),
        });
      }
    },
  };
}
