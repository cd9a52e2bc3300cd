// Azure sign-in and cluster credentials: from the inputs to a 0600 kubeconfig that helm and kubectl can use.
import { rename } from 'node:fs/promises';
import * as path from 'node:path';
import * as runner from '../runner.js';
import type { AzureConfig, ClusterConfig } from '../inputs/config.js';
import type { Seams } from '../seams.js';
import type { Workspace } from '../workspace.js';
import { ActionError } from '../errors.js';
import { fetchClusterKubeconfig } from './aks-credentials.js';
import type { ClusterRef } from './arm-errors.js';
import type { ArmContext } from './arm-request.js';
import { removeAmbientAzureSettings } from './ambient-environment.js';
import { cloudEndpoints } from './clouds.js';
import { decideClusterPath, probeApiServer, type ClusterPath, type PathEvidence } from './cluster-path.js';
import { readManagedCluster, type ManagedClusterFacts } from './managed-cluster.js';
import { runCommandApi, type RunCommandApi } from './run-command.js';
import { chooseSignIn, signIn, type AzureSignIn, type SignedToken } from './credential.js';
import { refreshDue } from './github-token.js';
import {
  AKS_SERVER_APP_ID,
  entraServerId,
  execCredential,
  InvalidKubeconfig,
  kubeconfigSecrets,
  parseKubeconfig,
  withEntraCredentialFile,
  writeKubeconfig,
  type Kubeconfig,
} from '../kubeconfig/index.js';
import type { SecretSet } from '../secrets/index.js';

/** What the later stages reach the cluster with: a kubeconfig, or, for a private cluster, Resource Manager's runCommand. */
export type ClusterRoute =
  | {
      /** 0600, inside the workspace. */
      kubeconfigPath: string;
      /** Re-mints the Entra token near expiry; a no-op otherwise. */
      refreshCredentials(): Promise<void>;
    }
  | { runCommand: RunCommandApi };

export interface ClusterConnection {
  /** API server URL (not secret). */
  server: string;
  /** The kubelogin exec user was replaced by an Entra token. */
  entraId: boolean;
  /** How the runner reaches the API server, and why. */
  reach: ClusterPath;
  route: ClusterRoute;
}

/** Cluster tokens live about an hour; replace them well before helm or kubectl could see one expire. */
const CLUSTER_TOKEN_MARGIN_MS = 10 * 60_000;

/** `text` read as client-go would; `source` names it in the error: `The kubeconfig from Resource Manager`. */
function readKubeconfig(text: string, source: string, input?: string): Kubeconfig {
  try {
    return parseKubeconfig(text);
  } catch (error) {
    if (!(error instanceof InvalidKubeconfig)) throw error;
    throw new ActionError(`${source} ${error.message}`, { input });
  }
}

function connected(cluster: ClusterConfig, connection: ClusterConnection): ClusterConnection {
  if (cluster.exportKubeconfig && 'kubeconfigPath' in connection.route) {
    runner.exportVariable('KUBECONFIG', connection.route.kubeconfigPath);
  }
  return connection;
}

const CREDENTIAL_FILE = 'cluster-credential.json';

/**
 * Keeps an Entra ID cluster's token fresh in the credential file that the kubeconfig's exec user prints: when a
 * stage asks, and in the background while helm waits, since helm re-reads the file only when its copy expires.
 */
function entraTokenKeeper(
  azure: AzureSignIn,
  scope: string,
  writeCredential: (text: string) => Promise<unknown>,
  now: () => number,
) {
  let current: (SignedToken & { mintedAtMs: number }) | undefined;
  let inFlight: Promise<void> | undefined;
  const lifetime = (token: NonNullable<typeof current>) => Math.max(0, token.expiresOnMs - token.mintedAtMs);

  async function mint(): Promise<void> {
    const next = await azure.getToken(scope);
    if (next.token === current?.token) return;
    current = { ...next, mintedAtMs: now() };
    // Half the refresh margin: helm asks again after we have minted the next token, and before this one expires.
    const margin = Math.min(CLUSTER_TOKEN_MARGIN_MS, lifetime(current) / 3) / 2;
    await writeCredential(execCredential(next.token, next.expiresOnMs, margin));
  }

  function refresh(): Promise<void> {
    if (current && !refreshDue(current.mintedAtMs, current.expiresOnMs, now(), CLUSTER_TOKEN_MARGIN_MS)) {
      return Promise.resolve();
    }
    // helm and kubectl stages may ask at once; one token request serves them all.
    inFlight ??= mint().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  /** Checks often enough to land inside every refresh window; unref'd, so it never keeps the step alive. */
  function keepFresh(): void {
    const period = current ? Math.min(60_000, Math.max(250, lifetime(current) / 6)) : 60_000;
    let warned = false;
    setInterval(() => {
      refresh().catch((error: unknown) => {
        if (!warned) runner.warning(`Could not renew the cluster token: ${(error as Error).message}`);
        warned = true;
      });
    }, period).unref();
  }

  return { refresh, keepFresh };
}

/** Written whole, then renamed, so helm or kubectl never read half a credential. */
async function writeAtomically(workspace: Workspace, name: string, text: string): Promise<string> {
  const partial = await workspace.writePrivateFile(`${name}.partial`, text);
  const file = path.join(workspace.dir, name);
  await rename(partial, file);
  return file;
}

const armToken = (session: AzureSignIn, scope: string) => async () => (await session.getToken(scope)).token;

/** The managed cluster's settings, unless `private-cluster: false` makes them moot. */
async function clusterFacts(
  mode: ClusterConfig['privateCluster'],
  arm: ArmContext,
  cluster: ClusterRef,
  clientId: string,
  seams: Seams,
): Promise<ManagedClusterFacts | undefined> {
  if (mode === 'direct') return undefined;
  return readManagedCluster(arm, cluster, clientId, seams, { forbiddenMeansPublic: mode === 'auto' });
}

function decided(cluster: ClusterConfig, evidence: PathEvidence): ClusterPath {
  const reach = decideClusterPath(cluster.privateCluster, cluster.clusterName, evidence);
  if (reach instanceof ActionError) throw reach;
  return reach;
}

export interface ConnectContext {
  /** Every token and credential the sign-in comes to hold is added (and so masked) here. */
  secrets: SecretSet;
  /** Aborted when the workflow is cancelled. */
  signal?: AbortSignal;
}

export async function connectToCluster(
  azure: AzureConfig,
  cluster: ClusterConfig,
  workspace: Workspace,
  seams: Seams,
  { secrets, signal }: ConnectContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClusterConnection> {
  if (cluster.kubeconfig) {
    const kubeconfig = readKubeconfig(cluster.kubeconfig, 'The `kubeconfig` input', 'kubeconfig');
    const { server } = kubeconfig.cluster;
    const kubeconfigPath = await writeKubeconfig(kubeconfig, workspace, secrets);
    runner.info(`Using the kubeconfig from the \`kubeconfig\` input (server ${server}); Azure sign-in skipped.`);
    const reach = { via: 'direct', why: 'the `kubeconfig` input' } as const;
    return connected(cluster, {
      server,
      entraId: false,
      reach,
      route: { kubeconfigPath, refreshCredentials: async () => {} },
    });
  }

  const signInChoice = chooseSignIn(azure, env);
  removeAmbientAzureSettings(env);
  const endpoints = cloudEndpoints(azure, signInChoice.kind === 'workload' ? signInChoice.authorityHost : '');
  const session = await signIn(signInChoice, endpoints, seams.now, secrets, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  runner.info(
    `Signing in to Azure (${azure.cloud}) as client ${signInChoice.clientId} in tenant ${signInChoice.tenantId} with ${signInChoice.kind === 'github' ? `a GitHub OIDC token for audience ${endpoints.oidcAudience}` : 'workload identity'}; authority ${endpoints.authorityHost}.`,
  );
  const arm = { resourceManager: endpoints.resourceManager, token: armToken(session, endpoints.armScope) };
  const clusterRef = {
    subscriptionId: azure.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    clusterName: cluster.clusterName,
    admin: cluster.admin,
  };
  const facts = await clusterFacts(
    cluster.privateCluster,
    { ...arm, signal },
    clusterRef,
    signInChoice.clientId,
    seams,
  );
  const viaRunCommand = (why: string): ClusterConnection => {
    const entraId = facts?.entraId === true;
    runner.info(
      `Reaching AKS cluster ${cluster.clusterName} through Resource Manager's runCommand: ${why}.` +
        (entraId
          ? ' Entra ID cluster: each command runs as this identity (a token of the AKS server application).'
          : ''),
    );
    if (cluster.exportKubeconfig) {
      runner.warning(
        'export-kubeconfig: the cluster is reached through runCommand, so there is no kubeconfig to export.',
      );
    }
    const clusterToken = entraId ? armToken(session, `${AKS_SERVER_APP_ID}/.default`) : undefined;
    const runCommand = runCommandApi(
      { arm, cluster: clusterRef, clientId: signInChoice.clientId, clusterToken, secrets },
      seams,
    );
    const server = facts?.privateFqdn ? `https://${facts.privateFqdn}:443` : '';
    const reach = { via: 'run-command', why } as const;
    return { server, entraId, reach, route: { runCommand } };
  };
  if (cluster.privateCluster === 'run-command') return viaRunCommand(decided(cluster, { facts }).why);

  const raw = await fetchClusterKubeconfig({ ...arm, signal }, clusterRef, signInChoice.clientId, secrets, seams);
  const fetched = readKubeconfig(raw, 'The kubeconfig from Resource Manager');
  // Masked now, not when written: a cluster out of reach goes on through runCommand and never writes it.
  secrets.add(...kubeconfigSecrets(fetched));
  const { server } = fetched.cluster;
  const serverId = entraServerId(fetched);
  const claims = session.assertionClaims();
  runner.info(
    `Fetched ${cluster.admin ? 'admin' : 'user'} credentials of AKS cluster ${cluster.clusterName} (server ${server})${claims?.sub ? `, signed in with subject ${claims.sub}` : ''}.`,
  );
  const reachable =
    cluster.privateCluster === 'auto' && facts?.privateApiServer
      ? await probeApiServer(server, seams, signal)
      : undefined;
  const reach = decided(cluster, { facts, reachable });
  if (reach.via === 'run-command') return viaRunCommand(reach.why);

  if (!serverId) {
    const kubeconfigPath = await writeKubeconfig(fetched, workspace, secrets);
    return connected(cluster, {
      server,
      entraId: false,
      reach,
      route: { kubeconfigPath, refreshCredentials: async () => {} },
    });
  }

  const keeper = entraTokenKeeper(
    session,
    `${serverId}/.default`,
    (text) => writeAtomically(workspace, CREDENTIAL_FILE, text),
    seams.now,
  );
  await keeper.refresh();
  keeper.keepFresh();
  const credentialFile = path.join(workspace.dir, CREDENTIAL_FILE);
  const kubeconfigPath = await writeKubeconfig(
    withEntraCredentialFile(fetched, credentialFile, process.execPath),
    workspace,
    secrets,
  );
  runner.info(
    'Entra ID cluster: the kubelogin user was replaced by a credential the action renews for the AKS server application.',
  );
  return connected(cluster, {
    server,
    entraId: true,
    reach,
    route: { kubeconfigPath, refreshCredentials: keeper.refresh },
  });
}
