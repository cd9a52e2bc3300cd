export const id = 498;
export const ids = [498];
export const modules = {

/***/ 9498:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectToCluster: () => (/* reexport */ connectToCluster)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/azure/arm-errors.ts
// Resource Manager's refusals of the AKS calls (credentials, the managed cluster, runCommand), translated into the
// input or role to fix. Pure.

/** ARM's `{error:{code,message}}`, or the raw body when it is something else (a proxy's page). */
function parseArmError(body) {
    try {
        const parsed = JSON.parse(body);
        if (parsed.error)
            return { code: parsed.error.code ?? '', message: parsed.error.message ?? '' };
    }
    catch {
        // not JSON: fall through to the raw text
    }
    return { code: '', message: body.trim().slice(0, 300) };
}
const clusterScope = (cluster) => `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.clusterName}`;
/** Grant `role` on the cluster: the sentence and the az command every 403 hint ends with. */
const grantRole = (role, clientId, scope, needs = '') => `Grant the identity with client ID ${clientId} the "${role}" on the cluster${needs}: az role assignment create --assignee ${clientId} --role "${role}" --scope ${scope}`;
/** The credential call: listClusterUserCredential, or listClusterAdminCredential with `admin`. */
function credentialsOperation(cluster) {
    const role = cluster.admin
        ? 'Azure Kubernetes Service Cluster Admin Role'
        : 'Azure Kubernetes Service Cluster User Role';
    return {
        what: `Fetching ${cluster.admin ? 'admin' : 'user'} credentials of AKS cluster ${cluster.clusterName}`,
        forbidden: (clientId, scope) => grantRole(role, clientId, scope),
    };
}
function explainArmFailure(status, body, cluster, clientId, operation = credentialsOperation(cluster)) {
    const { code, message } = parseArmError(body);
    const what = `${operation.what} failed (HTTP ${status}${code ? ` ${code}` : ''}): ${message}`;
    const scope = clusterScope(cluster);
    if (status === 400 && cluster.admin && /local account/i.test(message)) {
        return new errors/* ActionError */.l(`AKS cluster ${cluster.clusterName} has local accounts disabled, so it has no admin credentials: ${message}`, {
            input: 'admin',
            hint: 'Set `admin: false` to use user credentials with Entra ID (the identity then needs Kubernetes RBAC on the namespace: "Azure Kubernetes Service RBAC Writer" or a role binding).',
        });
    }
    if (status === 401) {
        return new errors/* ActionError */.l(what, {
            input: 'resource-manager-endpoint',
            hint: 'Resource Manager did not accept the access token. Check that `environment` (or `resource-manager-endpoint`) matches the cloud the tenant lives in.',
        });
    }
    if (status === 403)
        return new errors/* ActionError */.l(what, { input: 'client-id', hint: operation.forbidden(clientId, scope) });
    if (status === 404) {
        const checks = {
            SubscriptionNotFound: [
                'subscription-id',
                `Check \`subscription-id\` (${cluster.subscriptionId}) and that the identity has access to it.`,
            ],
            ResourceGroupNotFound: [
                'resource-group',
                `Check \`resource-group\` (${cluster.resourceGroup}) in subscription ${cluster.subscriptionId}.`,
            ],
        };
        const [input, hint] = checks[code] ?? [
            'cluster-name',
            `Check \`cluster-name\` (${cluster.clusterName}), \`resource-group\` (${cluster.resourceGroup}) and \`subscription-id\` (${cluster.subscriptionId}).`,
        ];
        return new errors/* ActionError */.l(what, { input, hint });
    }
    return new errors/* ActionError */.l(what, {
        hint: 'Resource Manager kept failing; re-run the job, and check https://azure.status.microsoft if it persists.',
    });
}

// EXTERNAL MODULE: ./src/poll.ts
var poll = __webpack_require__(9810);
;// CONCATENATED MODULE: ./src/azure/retry.ts
// When to try a Resource Manager call again, and after how long. Pure, so every rule is tested without waiting.
const ARM_RETRY = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };
/** Throttling and server-side failures pass; anything else would fail the same way again. */
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599);
}
/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value, nowMs) {
    if (!value?.trim())
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
/**
 * Delay before the next attempt, or undefined to give up. `status` is undefined for a network error.
 * The server's Retry-After wins over our backoff (capped, so a bogus value cannot stall the job).
 */
function retryDelay(attempt, status, retryAfter, nowMs, policy = ARM_RETRY) {
    if (attempt >= policy.maxAttempts)
        return undefined;
    if (status !== undefined && !isRetryableStatus(status))
        return undefined;
    const asked = parseRetryAfter(retryAfter, nowMs);
    if (asked !== undefined)
        return Math.min(asked, policy.maxDelayMs);
    return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

;// CONCATENATED MODULE: ./src/azure/arm-request.ts
// One Resource Manager call, retried the way ARM asks (throttling and server errors, honouring Retry-After), with a
// fresh access token per attempt and the run's cancellation. Every ARM call of the action goes through here; each
// caller reads the final answer and explains a refusal in its own words.




/** A stuck connection counts as a failed attempt, retried like a 503. */
const ATTEMPT_TIMEOUT_MS = 60_000;
/** The final answer, whatever its status; throws only when ARM could not be reached at all, or on cancellation. */
async function sendArm(call, context, seams) {
    const { signal } = context;
    for (let attempt = 1;; attempt++) {
        let response;
        let networkError;
        try {
            response = await seams.http({
                url: call.url,
                method: call.method,
                headers: {
                    authorization: `Bearer ${await context.token()}`,
                    ...(call.body === undefined
                        ? { 'content-length': '0' }
                        : { 'content-type': 'application/json; charset=utf-8' }),
                },
                body: call.body,
                signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), ...(signal ? [signal] : [])]),
            });
        }
        catch (error) {
            if (error instanceof errors/* ActionError */.l)
                throw error;
            const { message, cause } = error;
            // fetch reports every network failure as "fetch failed"; the cause says which.
            networkError = new Error(cause instanceof Error ? `${message} (${cause.message})` : message);
        }
        (0,poll/* throwIfCancelled */.dZ)(signal);
        if (response && response.status < 400)
            return response;
        const retryable = call.idempotent || response?.status === 429;
        const delay = retryable
            ? retryDelay(attempt, response?.status, response?.headers['retry-after'], seams.now())
            : undefined;
        if (delay === undefined) {
            if (response)
                return response;
            throw new errors/* ActionError */.l(`Could not reach Resource Manager at ${context.resourceManager}: ${networkError?.message}`, {
                input: 'resource-manager-endpoint',
                hint: "Check `environment` or `resource-manager-endpoint`, and the runner's network access to it.",
            });
        }
        runner/* info */.pq(`Resource Manager answered ${response ? `HTTP ${response.status}` : networkError?.message}; retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}).`);
        await (0,poll/* pause */.v7)(delay, { signal }, seams);
    }
}
/** `{resourceManager}/subscriptions/…/managedClusters/{name}{suffix}?api-version=…`, every name escaped. */
function managedClusterUrl(resourceManager, cluster, suffix, query) {
    const e = encodeURIComponent;
    const path = `subscriptions/${e(cluster.subscriptionId)}/resourceGroups/${e(cluster.resourceGroup)}` +
        `/providers/Microsoft.ContainerService/managedClusters/${e(cluster.clusterName)}${suffix}`;
    return `${resourceManager}/${path}?${new URLSearchParams(query)}`;
}

;// CONCATENATED MODULE: ./src/azure/clouds.ts
/**
 * The one AKS Resource Manager API version for every call (credentials, the managed cluster, runCommand and its
 * results): GA and available in every cloud, sovereign ones included.
 */
const AKS_API_VERSION = '2024-09-01';
const CLOUDS = {
    AzureCloud: {
        authorityHost: 'https://login.microsoftonline.com',
        resourceManager: 'https://management.azure.com',
        oidcAudience: 'api://AzureADTokenExchange',
    },
    AzureUSGovernment: {
        authorityHost: 'https://login.microsoftonline.us',
        resourceManager: 'https://management.usgovcloudapi.net',
        oidcAudience: 'api://AzureADTokenExchangeUSGov',
    },
    AzureChinaCloud: {
        authorityHost: 'https://login.chinacloudapi.cn',
        resourceManager: 'https://management.chinacloudapi.cn',
        oidcAudience: 'api://AzureADTokenExchangeChina',
    },
};
const withoutTrailingSlash = (url) => url.trim().replace(/\/+$/, '');
/**
 * `workloadAuthority` is AZURE_AUTHORITY_HOST, taken only with `sign-in: workload-identity`; an explicit
 * `authority-host` input wins over it.
 */
function cloudEndpoints(azure, workloadAuthority = '') {
    const cloud = CLOUDS[azure.cloud];
    const authorityHost = withoutTrailingSlash(azure.authorityHost || workloadAuthority || cloud.authorityHost);
    const resourceManager = withoutTrailingSlash(azure.resourceManagerEndpoint || cloud.resourceManager);
    const knownHosts = Object.values(CLOUDS).map((c) => c.authorityHost);
    return {
        authorityHost,
        resourceManager,
        oidcAudience: azure.oidcAudience.trim() || cloud.oidcAudience,
        armScope: `${resourceManager}/.default`,
        disableInstanceDiscovery: !knownHosts.includes(authorityHost.toLowerCase()),
    };
}

;// CONCATENATED MODULE: ./src/azure/aks-credentials.ts
// The cluster's kubeconfig straight from Resource Manager (what `az aks get-credentials` does, minus the CLI).




function credentialsUrl(resourceManager, cluster) {
    const action = cluster.admin ? 'listClusterAdminCredential' : 'listClusterUserCredential';
    const query = { 'api-version': AKS_API_VERSION };
    // Entra ID clusters then return the kubelogin exec user we know how to replace, not the retired auth-provider.
    if (!cluster.admin)
        query.format = 'exec';
    return managedClusterUrl(resourceManager, cluster, `/${action}`, query);
}
/** The first kubeconfig of a credential result, decoded. */
function decodeCredentialResult(body, secrets) {
    const parsed = JSON.parse(body);
    const value = parsed.kubeconfigs?.[0]?.value;
    if (!value)
        throw new errors/* ActionError */.l('Resource Manager returned no kubeconfig for the cluster.');
    secrets.add(value);
    return Buffer.from(value, 'base64').toString('utf8');
}
async function fetchClusterKubeconfig(arm, cluster, clientId, secrets, seams) {
    const url = credentialsUrl(arm.resourceManager, cluster);
    // Listing credentials changes nothing: safe to retry like a read.
    const response = await sendArm({ url, method: 'POST', idempotent: true }, arm, seams);
    if (response.status === 200)
        return decodeCredentialResult(response.body, secrets);
    throw explainArmFailure(response.status, response.body, cluster, clientId);
}

;// CONCATENATED MODULE: ./src/azure/ambient-environment.ts
// What the Azure SDK would read from the job's environment on its own, wherever the variables came from (the runner,
// the workflow's `env:`, an earlier step writing GITHUB_ENV): AZURE_AUTHORITY_HOST sends the GitHub OIDC token to
// another host, AZURE_REGIONAL_AUTHORITY_NAME and MSAL_FORCE_REGION to a regional one, AZURE_LOG_LEVEL,
// TYPESPEC_RUNTIME_LOG_LEVEL and DEBUG make it log, and the managed identity variables point it at other token
// endpoints. The action signs in with its inputs alone (workload identity reads its four variables itself, in
// credential.ts, when `sign-in` asks for it), so all of these leave this process's environment before
// @azure/identity is loaded.
/** Read by @azure/identity 4, MSAL for Node and their loggers besides the `AZURE_*` family. */
const SDK_VARIABLES = new Set([
    'MSAL_FORCE_REGION',
    'REGION_NAME',
    'DEFAULT_IDENTITY_CLIENT_ID',
    'IDENTITY_ENDPOINT',
    'IDENTITY_HEADER',
    'IDENTITY_SERVER_THUMBPRINT',
    'IMDS_ENDPOINT',
    'MSI_ENDPOINT',
    'MSI_SECRET',
    'SYSTEM_OIDCREQUESTURI',
    'TYPESPEC_RUNTIME_LOG_LEVEL',
    'DEBUG',
]);
function isAmbientAzureSetting(name) {
    return name.toUpperCase().startsWith('AZURE_') || SDK_VARIABLES.has(name.toUpperCase());
}
/** Removes every such variable from `env` (this process's own by default). */
function removeAmbientAzureSettings(env = process.env) {
    for (const name of Object.keys(env))
        if (isAmbientAzureSetting(name))
            delete env[name];
}

;// CONCATENATED MODULE: ./src/azure/cluster-path.ts
// How the action reaches the cluster's API server: directly (helm and kubectl on the runner), or through Resource
// Manager's runCommand, which runs them in a pod inside the cluster, for a private API server the runner cannot reach.
// `private-cluster: auto` decides from the managed cluster and, for a private one, from whether this runner reaches its
// API server after all (a self-hosted runner inside the cluster's network does). The decision is pure; the probe is
// one HTTPS request.

function runCommandDisabled(clusterName, why) {
    return new errors/* ActionError */.l(`AKS cluster ${clusterName} has runCommand disabled (apiServerAccessProfile.disableRunCommand), and ${why}: the action cannot reach its API server.`, {
        input: 'private-cluster',
        hint: `Enable runCommand (az aks update --resource-group <group> --name ${clusterName} --enable-run-command), or run ` +
            'this job on a self-hosted runner inside the cluster’s network (or a peered one) with `private-cluster: false`.',
    });
}
/** The path, or the error that no path is open. */
function decideClusterPath(mode, clusterName, evidence) {
    if (mode === 'direct')
        return { via: 'direct', why: 'private-cluster: false' };
    const { facts } = evidence;
    if (mode === 'run-command') {
        return facts?.runCommandDisabled
            ? runCommandDisabled(clusterName, 'private-cluster is true')
            : { via: 'run-command', why: 'private-cluster: true' };
    }
    if (!facts)
        return { via: 'direct', why: 'the cluster’s settings could not be read' };
    if (!facts.privateApiServer)
        return { via: 'direct', why: 'the API server is public' };
    if (evidence.reachable) {
        return {
            via: 'direct',
            why: 'the API server is private, and this runner reaches it (inside the cluster’s network)',
        };
    }
    const why = 'the API server is private and this runner cannot reach it';
    return facts.runCommandDisabled ? runCommandDisabled(clusterName, why) : { via: 'run-command', why };
}
/** How long an answer may take: a private address from outside the network often just never answers. */
const PROBE_TIMEOUT_MS = 5000;
/**
 * Whether a failed request still met the server: a TLS complaint means something answered (the cluster's own CA is
 * not one Node trusts); a name that does not resolve, a refused or unroutable connection, or silence means not.
 */
function reachedServer(error) {
    const e = error;
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
        return false;
    return /CERT|SSL|TLS|SIGNATURE|ISSUER/i.test(e?.cause?.code ?? '');
}
/** One request to the API server the kubeconfig names: any answer at all (401 included) means it is reachable. */
async function probeApiServer(server, seams, signal) {
    try {
        await seams.http({
            url: `${server.replace(/\/+$/, '')}/version`,
            signal: AbortSignal.any([AbortSignal.timeout(PROBE_TIMEOUT_MS), ...(signal ? [signal] : [])]),
        });
        return true;
    }
    catch (error) {
        return reachedServer(error);
    }
}

;// CONCATENATED MODULE: ./src/azure/managed-cluster.ts
// The managed cluster as Resource Manager describes it (`GET …/managedClusters/{name}`): only the few facts that
// decide how the action reaches its API server.




function managedClusterFacts(body) {
    const properties = JSON.parse(body).properties ?? {};
    const access = properties.apiServerAccessProfile ?? {};
    return {
        privateApiServer: access.enablePrivateCluster === true,
        fqdn: properties.fqdn || undefined,
        privateFqdn: properties.privateFQDN || undefined,
        runCommandDisabled: access.disableRunCommand === true,
        entraId: properties.aadProfile?.managed === true,
    };
}
/** Reading the cluster needs `Microsoft.ContainerService/managedClusters/read`, which the Cluster User Role holds. */
const READ_ROLE = 'Azure Kubernetes Service Cluster User Role';
/**
 * The cluster's facts. A refusal throws, except a 403 when `forbiddenMeansPublic` (`private-cluster: auto`): deploys
 * went straight to the API server before `private-cluster` existed, and an identity without read keeps that.
 */
async function readManagedCluster(arm, cluster, clientId, seams, { forbiddenMeansPublic }) {
    const url = managedClusterUrl(arm.resourceManager, cluster, '', { 'api-version': AKS_API_VERSION });
    const response = await sendArm({ url, method: 'GET', idempotent: true }, arm, seams);
    if (response.status === 200)
        return managedClusterFacts(response.body);
    const error = explainArmFailure(response.status, response.body, cluster, clientId, {
        what: `Reading AKS cluster ${cluster.clusterName}`,
        forbidden: (id, scope) => grantRole(READ_ROLE, id, scope, ' (it holds Microsoft.ContainerService/managedClusters/read)'),
    });
    if (!forbiddenMeansPublic || response.status !== 403)
        throw error;
    runner/* warning */.$e(`${error.message} Going on as if the API server were public (private-cluster: auto).`);
    return undefined;
}

;// CONCATENATED MODULE: ./src/azure/run-command-errors.ts
// What runCommand adds to the ways a deploy can fail, in words that name the role or the setting to change. Pure.


const RUN_COMMAND_ACTION = 'Microsoft.ContainerService/managedClusters/runCommand/action';
const COMMAND_RESULTS_ACTION = 'Microsoft.ContainerService/managedClusters/commandResults/read';
/** The custom role docs/azure-setup.md creates, holding exactly the two actions. */
const RUN_COMMAND_ROLE = 'AKS runCommand Invoker';
/** Where AKS starts the command's pod. */
const COMMAND_NAMESPACE = 'aks-command';
const grantRunCommand = (clientId, scope, lacking) => `The identity with client ID ${clientId} lacks ${lacking} on the cluster. runCommand needs ${RUN_COMMAND_ACTION} ` +
    `and ${COMMAND_RESULTS_ACTION}: create the "${RUN_COMMAND_ROLE}" custom role of docs/azure-setup.md (or use any ` +
    `role that holds both, such as Contributor) and assign it: az role assignment create --assignee ${clientId} ` +
    `--role "${RUN_COMMAND_ROLE}" --scope ${scope}`;
function submitOperation(clusterName) {
    return {
        what: `Running a command in AKS cluster ${clusterName} through runCommand`,
        forbidden: (clientId, scope) => grantRunCommand(clientId, scope, RUN_COMMAND_ACTION),
    };
}
function resultOperation(clusterName, commandId) {
    return {
        what: `Reading the result of runCommand ${commandId} on AKS cluster ${clusterName}`,
        forbidden: (clientId, scope) => grantRunCommand(clientId, scope, COMMAND_RESULTS_ACTION),
    };
}
const DISABLED = /run ?command.*(disabled|not (enabled|allowed))|disableRunCommand/i;
/** Resource Manager refused to start the command (or to show its result). */
function explainRunCommandRefusal(status, body, cluster, clientId, operation) {
    const { message } = parseArmError(body);
    if (status === 400 && DISABLED.test(message)) {
        return new errors/* ActionError */.l(`runCommand is disabled on AKS cluster ${cluster.clusterName}: ${message}`, {
            input: 'private-cluster',
            hint: `Enable it (az aks update --resource-group ${cluster.resourceGroup} --name ${cluster.clusterName} ` +
                '--enable-run-command, which clears apiServerAccessProfile.disableRunCommand), or run this job on a ' +
                'self-hosted runner inside the cluster’s network with `private-cluster: false`.',
        });
    }
    return explainArmFailure(status, body, cluster, clientId, operation);
}
const POD_NOT_STARTED = /KubernetesPerformanceError|did not start within|not (be )?scheduled|never started/i;
const POLICY = /gatekeeper|admission webhook|denied the request|azure[- ]policy/i;
/**
 * The failure of the command itself when AKS reports it as an error of its result rather than a failed state: the
 * az CLI shows `(KubernetesPerformanceError) …` and, for a pod that never reached Running, a 404 of the result.
 */
function commandFailureReason(status, body) {
    const { code, message } = parseArmError(body);
    const said = [code, message].filter(Boolean).join(': ');
    if (status === 404)
        return `the command's pod never started (its result answered 404${said ? `: ${said}` : ''})`;
    return POD_NOT_STARTED.test(said) || POLICY.test(said) ? said : undefined;
}
/** A command whose provisioningState is failed: AKS could not run it at all (its exit code is another matter). */
function explainCommandFailure(reason, cluster) {
    const said = reason.trim() || 'no reason given';
    if (POD_NOT_STARTED.test(said)) {
        return {
            retryable: true,
            error: new errors/* ActionError */.l(`The runCommand pod did not start in time on AKS cluster ${cluster.clusterName}: ${said}`, {
                input: 'private-cluster',
                hint: `AKS starts a pod (200m CPU and 500Mi memory requested) in namespace ${COMMAND_NAMESPACE} for each command ` +
                    'and gives it about a minute. Make room on a node pool without taints the pod cannot tolerate (a system pool ' +
                    'with CriticalAddonsOnly alone is not enough): scale the pool out or enable its autoscaler, then run again.',
            }),
        };
    }
    if (POLICY.test(said)) {
        return {
            retryable: false,
            error: new errors/* ActionError */.l(`Azure Policy blocks the runCommand pod in namespace ${COMMAND_NAMESPACE} of AKS cluster ${cluster.clusterName}: ${said}`, {
                input: 'private-cluster',
                hint: `Exempt namespace ${COMMAND_NAMESPACE} from the policy assignment that denies it (Policy > Assignments > ` +
                    'the assignment > Parameters > Namespace exclusions), or create a policy exemption for the cluster ' +
                    '(az policy exemption create --scope <cluster id> --policy-assignment <assignment id> ...).',
            }),
        };
    }
    return {
        retryable: false,
        error: new errors/* ActionError */.l(`runCommand could not run the command on AKS cluster ${cluster.clusterName}: ${said}`, {
            hint: `Look at the pods and events in namespace ${COMMAND_NAMESPACE} of the cluster (the Azure portal's Run command works without network access) and run again.`,
        }),
    };
}

;// CONCATENATED MODULE: ./src/azure/run-command.ts
// Resource Manager's runCommand, without the az CLI: `POST …/managedClusters/{name}/runCommand` with the command, a
// base64 zip of the files it needs and, for an Entra ID cluster, a token of the AKS server application; AKS answers
// 202 with the Location of `…/commandResults/{id}`, which answers 202 while the pod runs and 200 with
// `{id, properties: {provisioningState, exitCode, startedAt, finishedAt, logs, reason}}` at the end. The wait has no
// limit of its own (az stops at 300 s while the command goes on): the caller's budget and helm's own --timeout bound
// it, and the run's cancellation ends it.







/** The pod start AKS could not manage is retried this often, a little apart. */
const POD_START_RETRY = { maxAttempts: 3, baseDelayMs: 5000, maxDelayMs: 20_000 };
/** commandResults polling: quick for the short reads, then every 5 s like az. */
const resultInterval = (attempt) => Math.min(500 * 2 ** (attempt - 1), 5000);
function runCommandApi(target, seams) {
    const { arm, cluster, clientId } = target;
    const url = managedClusterUrl(arm.resourceManager, cluster, '/runCommand', { 'api-version': AKS_API_VERSION });
    async function submit(request) {
        const clusterToken = target.clusterToken ? await target.clusterToken() : undefined;
        target.secrets.add(clusterToken);
        const body = JSON.stringify({
            command: request.command,
            context: request.context ? request.context.toString('base64') : '',
            ...(clusterToken ? { clusterToken } : {}),
        });
        // Never sent twice on a 5xx: a second helm upgrade could start beside the first.
        const response = await sendArm({ url, method: 'POST', body, idempotent: false }, { ...arm, signal: request.signal }, seams);
        const location = response.headers.location;
        if (response.status !== 202 && response.status !== 200) {
            throw explainRunCommandRefusal(response.status, response.body, cluster, clientId, submitOperation(cluster.clusterName));
        }
        const id = /\/commandResults\/([^/?]+)/.exec(location ?? '')?.[1];
        if (!location || !id) {
            throw new errors/* ActionError */.l(`Resource Manager accepted the runCommand on AKS cluster ${cluster.clusterName} but gave no commandResults Location.`, {
                hint: 'Run again; if it persists, check https://azure.status.microsoft.',
            });
        }
        return { id, location };
    }
    async function waitFor(id, location, request) {
        return (0,poll/* poll */.wt)({ intervalMs: resultInterval, signal: request.signal, deadline: request.deadline }, seams, async () => {
            const response = await sendArm({ url: location, method: 'GET', idempotent: true }, { ...arm, signal: request.signal }, seams);
            if (response.status === 202)
                return undefined;
            const failed = response.status === 200 ? undefined : commandFailureReason(response.status, response.body);
            if (failed)
                return { state: 'failed', reason: failed };
            if (response.status !== 200) {
                throw explainRunCommandRefusal(response.status, response.body, cluster, clientId, resultOperation(cluster.clusterName, id));
            }
            const properties = JSON.parse(response.body).properties ?? {};
            const state = (properties.provisioningState ?? '').toLowerCase();
            if (state === 'succeeded') {
                return { state, result: { id, exitCode: properties.exitCode ?? 0, logs: properties.logs ?? '' } };
            }
            if (state === 'failed' || state === 'canceled')
                return { state: 'failed', reason: properties.reason ?? state };
            return undefined;
        });
    }
    return {
        submit,
        async run(request) {
            for (let attempt = 1;; attempt++) {
                const { id, location } = await submit(request);
                const finished = await waitFor(id, location, request);
                if (!finished) {
                    throw new errors/* ActionError */.l(`runCommand ${id} on AKS cluster ${cluster.clusterName} did not finish in time.`, {
                        input: 'timeout',
                        hint: `The command may still be running in namespace ${COMMAND_NAMESPACE}; its result stays readable for a while under commandResults/${id}.`,
                    });
                }
                if (finished.state === 'succeeded')
                    return finished.result;
                const failure = explainCommandFailure(finished.reason, cluster);
                const delay = failure.retryable
                    ? retryDelay(attempt, undefined, undefined, seams.now(), POD_START_RETRY)
                    : undefined;
                if (delay === undefined)
                    throw failure.error;
                // The pod never ran the command: sending it again cannot run anything twice.
                runner/* info */.pq(`${failure.error.message}; sending the command again in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}).`);
                await (0,poll/* pause */.v7)(delay, { signal: request.signal }, seams);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/azure/entra-errors.ts

const FEDERATION_MISMATCH = ['70021', '700211', '700212', '700213', '7002138'];
/** The AADSTS code and its sentence, without the trace and correlation ids that follow. */
function parseEntraError(message) {
    const match = /AADSTS(\d+):\s*([^\r\n]*?)(?:\s*Trace ID:|\r|\n|$)/.exec(message);
    return match ? { code: match[1], description: match[2].trim() } : undefined;
}
function describeClaims(claims) {
    if (!claims)
        return 'The token presented could not be read.';
    const audience = Array.isArray(claims.aud) ? claims.aud.join(', ') : claims.aud;
    return [
        'The token presented to Entra ID (its claims, not the token):',
        `  issuer:           ${claims.iss ?? '(none)'}`,
        `  subject:          ${claims.sub ?? '(none)'}`,
        `  audience:         ${audience ?? '(none)'}`,
        ...(claims.job_workflow_ref ? [`  job_workflow_ref: ${claims.job_workflow_ref}`] : []),
    ].join('\n');
}
function federationAdvice(code, context) {
    const { claims, clientId } = context;
    const identity = `the app registration or managed identity with client ID ${clientId}`;
    const register = `Add a federated credential to ${identity} with issuer "${claims?.iss ?? '?'}", subject ` +
        `"${claims?.sub ?? '?'}" and audience "${claims?.aud ?? '?'}" (Entra matches them exactly, case included)`;
    const hints = {
        '700211': `${register}. The issuer differs from every federated credential on it (GitHub Enterprise Cloud with a custom issuer uses its own).`,
        '700212': `${register}, or set the \`oidc-audience\` input to the audience its federated credential expects.`,
    };
    return new errors/* ActionError */.l(`Azure sign-in refused (AADSTS${code}): no federated credential on ${identity} matches this workflow's ${context.source === 'github' ? 'GitHub OIDC token' : 'workload identity token'}.`, {
        input: 'client-id',
        hint: hints[code] ??
            `${register}. The subject depends on the trigger: a branch, a tag, an \`environment:\` or a pull request each give a different one.`,
        diagnosis: describeClaims(claims),
    });
}
/** Entra's trace and correlation ids, which Microsoft support asks for. */
function traceIds(message) {
    const trace = /Trace ID: ([0-9a-f-]{36})/i.exec(message)?.[1];
    const correlation = /Correlation ID: ([0-9a-f-]{36})/i.exec(message)?.[1];
    const ids = [trace && `trace ID ${trace}`, correlation && `correlation ID ${correlation}`].filter(Boolean);
    return ids.length > 0 ? ` (${ids.join(', ')})` : '';
}
/** Entra (or a gateway in front of it) failed or throttled: nothing the workflow author's inputs can change. */
function serviceFailure(status, message, context) {
    const parsed = parseEntraError(message);
    const said = parsed
        ? `, AADSTS${parsed.code}): ${parsed.description}${traceIds(message)}`
        : ` from ${context.authorityHost}, without an Entra error code: a gateway or proxy in front of it may have answered).`;
    return new errors/* ActionError */.l(`Entra ID failed on its side (HTTP ${status}${said}`, {
        hint: `This is not about the sign-in inputs: Entra ID could not issue a token${status === 429 ? ' (it is throttling this identity)' : ''}. Re-run the job in a few minutes; if it keeps failing, check https://azure.status.microsoft, and give Microsoft support the trace ID.`,
    });
}
/** Turns a failed token request into an error that names the input to fix. */
function explainSignInFailure(message, context) {
    if (context.status !== undefined && (context.status >= 500 || context.status === 429)) {
        return serviceFailure(context.status, message, context);
    }
    const parsed = parseEntraError(message);
    const where = `(client-id ${context.clientId}, tenant-id ${context.tenantId}, authority ${context.authorityHost})`;
    if (!parsed) {
        return new errors/* ActionError */.l(`Azure sign-in failed ${where}: ${message.split('\n')[0]}`, {
            input: 'authority-host',
            hint: 'Check that the runner can reach the Entra ID authority host and that `environment` matches your cloud.',
        });
    }
    const { code, description } = parsed;
    const refused = `Azure sign-in refused (AADSTS${code}): ${description}`;
    if (FEDERATION_MISMATCH.includes(code))
        return federationAdvice(code, context);
    switch (code) {
        case '700016':
            return new errors/* ActionError */.l(refused, {
                input: 'client-id',
                hint: `No application with client ID ${context.clientId} exists in tenant ${context.tenantId}. Check the \`client-id\` and \`tenant-id\` inputs (the app registration's or managed identity's Overview page shows both).`,
            });
        case '90002':
            return new errors/* ActionError */.l(refused, {
                input: 'tenant-id',
                hint: `Tenant ${context.tenantId} does not exist in this cloud. Check the \`tenant-id\` input and the \`environment\` input.`,
            });
        case '700024':
            return new errors/* ActionError */.l(refused, {
                hint: context.source === 'github'
                    ? "The GitHub OIDC token had expired when Entra ID received it. Check the runner's clock (self-hosted runners) and re-run the job."
                    : 'The workload identity token file holds an expired token; check that the kubelet still rotates AZURE_FEDERATED_TOKEN_FILE.',
                diagnosis: describeClaims(context.claims),
            });
        case '500011':
            // Resource Manager scopes are URLs; a cluster's Entra server application scope is a bare application id.
            return /^https?:\/\//.test(context.scope)
                ? new errors/* ActionError */.l(refused, {
                    input: 'resource-manager-endpoint',
                    hint: `Entra ID does not know the resource behind scope ${context.scope}. Check \`resource-manager-endpoint\` and \`environment\`.`,
                })
                : new errors/* ActionError */.l(refused, {
                    hint: `Tenant ${context.tenantId} has no service principal for the cluster's Entra server application (scope ${context.scope}). Use \`admin: true\` or pass a \`kubeconfig\`.`,
                });
        default:
            return new errors/* ActionError */.l(refused, { hint: `Check the sign-in inputs ${where}.` });
    }
}

// EXTERNAL MODULE: ./src/azure/github-token.ts
var github_token = __webpack_require__(9532);
;// CONCATENATED MODULE: ./src/azure/credential.ts



/** A tenant ID (a GUID) or a tenant's domain: one path segment of the authority URL, nothing that could climb out. */
const TENANT = /^[0-9A-Za-z][0-9A-Za-z.-]*$/;
function required(value, input, what) {
    if (!value)
        throw new errors/* ActionError */.l(`\`${input}\` is empty: Azure sign-in needs ${what}.`, { input });
    return value;
}
function tenant(tenantId) {
    required(tenantId, 'tenant-id', 'the Entra ID tenant');
    if (!TENANT.test(tenantId) || tenantId.includes('..')) {
        throw new errors/* ActionError */.l(`\`tenant-id\` "${tenantId}" is not a tenant: give the directory (tenant) ID, a GUID, or the tenant's domain such as contoso.onmicrosoft.com.`, { input: 'tenant-id' });
    }
    return tenantId;
}
/**
 * `sign-in: github-oidc` (the default) needs the job's permission to mint OIDC tokens and the client and tenant from
 * the inputs; `workload-identity` takes the token file, and the client, tenant and authority host the inputs leave
 * empty, from the variables Azure workload identity puts in the runner pod.
 */
function chooseSignIn(azure, env) {
    if (azure.signIn === 'workload-identity') {
        const tokenFile = env.AZURE_FEDERATED_TOKEN_FILE ?? '';
        if (!tokenFile) {
            throw new errors/* ActionError */.l('`sign-in` is `workload-identity`, but AZURE_FEDERATED_TOKEN_FILE is not set: this runner has no workload identity token.', {
                input: 'sign-in',
                hint: 'The workload identity webhook sets it in pods labelled azure.workload.identity/use: "true" whose service account names the identity. Use `sign-in: github-oidc` on other runners.',
            });
        }
        return {
            kind: 'workload',
            clientId: required(azure.clientId || (env.AZURE_CLIENT_ID ?? ''), 'client-id', 'the client ID of the identity (or AZURE_CLIENT_ID)'),
            tenantId: tenant(azure.tenantId || (env.AZURE_TENANT_ID ?? '')),
            tokenFile,
            authorityHost: env.AZURE_AUTHORITY_HOST ?? '',
        };
    }
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new errors/* ActionError */.l('Cannot sign in to Azure: this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set).', {
            hint: 'Add `permissions: id-token: write` (and `contents: read`) to the job or workflow. Workflows triggered from forks never get it. On a self-hosted runner pod with Azure workload identity, set `sign-in: workload-identity`; or pass a `kubeconfig` instead.',
        });
    }
    return {
        kind: 'github',
        clientId: required(azure.clientId, 'client-id', 'the client ID of the app or managed identity'),
        tenantId: tenant(azure.tenantId),
    };
}
/** The HTTP status Entra answered with: MSAL's ServerError carries it, wrapped by @azure/identity as the cause. */
function httpStatusOf(error) {
    const { cause, statusCode } = error;
    const status = cause?.status ?? statusCode;
    return typeof status === 'number' ? status : undefined;
}
/**
 * The SDK is loaded here, once ambient-environment.ts has cleared what it would read on its own at load time
 * (AZURE_LOG_LEVEL, DEBUG). `requestToken` is the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN: masked before the first
 * request, since NODE_DEBUG=https prints each request's headers.
 */
async function signIn(choice, endpoints, now, secrets, requestToken = '') {
    secrets.add(requestToken);
    const source = choice.kind === 'github'
        ? (0,github_token/* githubAssertionSource */.zG)(endpoints.oidcAudience, now, secrets)
        : (0,github_token/* workloadAssertionSource */.H9)(choice.tokenFile, secrets);
    const { ClientAssertionCredential } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(256)]).then(__webpack_require__.bind(__webpack_require__, 8256));
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
            }
            catch (error) {
                const fromCallback = source.lastError();
                if (fromCallback)
                    throw fromCallback;
                throw explainSignInFailure(error.message, {
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

// EXTERNAL MODULE: ./src/kubeconfig/index.ts + 5 modules
var src_kubeconfig = __webpack_require__(1265);
;// CONCATENATED MODULE: ./src/azure/connect.ts
// Azure sign-in and cluster credentials: from the inputs to a 0600 kubeconfig that helm and kubectl can use.













/** Cluster tokens live about an hour; replace them well before helm or kubectl could see one expire. */
const CLUSTER_TOKEN_MARGIN_MS = 10 * 60_000;
/** `text` read as client-go would; `source` names it in the error: `The kubeconfig from Resource Manager`. */
function readKubeconfig(text, source, input) {
    try {
        return (0,src_kubeconfig/* parseKubeconfig */.DU)(text);
    }
    catch (error) {
        if (!(error instanceof src_kubeconfig/* InvalidKubeconfig */.rc))
            throw error;
        throw new errors/* ActionError */.l(`${source} ${error.message}`, { input });
    }
}
function connected(cluster, connection) {
    if (cluster.exportKubeconfig && 'kubeconfigPath' in connection.route) {
        runner/* exportVariable */.dN('KUBECONFIG', connection.route.kubeconfigPath);
    }
    return connection;
}
const CREDENTIAL_FILE = 'cluster-credential.json';
/**
 * Keeps an Entra ID cluster's token fresh in the credential file that the kubeconfig's exec user prints: when a
 * stage asks, and in the background while helm waits, since helm re-reads the file only when its copy expires.
 */
function entraTokenKeeper(azure, scope, writeCredential, now) {
    let current;
    let inFlight;
    const lifetime = (token) => Math.max(0, token.expiresOnMs - token.mintedAtMs);
    async function mint() {
        const next = await azure.getToken(scope);
        if (next.token === current?.token)
            return;
        current = { ...next, mintedAtMs: now() };
        // Half the refresh margin: helm asks again after we have minted the next token, and before this one expires.
        const margin = Math.min(CLUSTER_TOKEN_MARGIN_MS, lifetime(current) / 3) / 2;
        await writeCredential((0,src_kubeconfig/* execCredential */.BA)(next.token, next.expiresOnMs, margin));
    }
    function refresh() {
        if (current && !(0,github_token/* refreshDue */.G3)(current.mintedAtMs, current.expiresOnMs, now(), CLUSTER_TOKEN_MARGIN_MS)) {
            return Promise.resolve();
        }
        // helm and kubectl stages may ask at once; one token request serves them all.
        inFlight ??= mint().finally(() => {
            inFlight = undefined;
        });
        return inFlight;
    }
    /** Checks often enough to land inside every refresh window; unref'd, so it never keeps the step alive. */
    function keepFresh() {
        const period = current ? Math.min(60_000, Math.max(250, lifetime(current) / 6)) : 60_000;
        let warned = false;
        setInterval(() => {
            refresh().catch((error) => {
                if (!warned)
                    runner/* warning */.$e(`Could not renew the cluster token: ${error.message}`);
                warned = true;
            });
        }, period).unref();
    }
    return { refresh, keepFresh };
}
/** Written whole, then renamed, so helm or kubectl never read half a credential. */
async function writeAtomically(workspace, name, text) {
    const partial = await workspace.writePrivateFile(`${name}.partial`, text);
    const file = external_node_path_.join(workspace.dir, name);
    await (0,promises_.rename)(partial, file);
    return file;
}
const armToken = (session, scope) => async () => (await session.getToken(scope)).token;
/** The managed cluster's settings, unless `private-cluster: false` makes them moot. */
async function clusterFacts(mode, arm, cluster, clientId, seams) {
    if (mode === 'direct')
        return undefined;
    return readManagedCluster(arm, cluster, clientId, seams, { forbiddenMeansPublic: mode === 'auto' });
}
function decided(cluster, evidence) {
    const reach = decideClusterPath(cluster.privateCluster, cluster.clusterName, evidence);
    if (reach instanceof errors/* ActionError */.l)
        throw reach;
    return reach;
}
async function connectToCluster(azure, cluster, workspace, seams, { secrets, signal }, env = process.env) {
    if (cluster.kubeconfig) {
        const kubeconfig = readKubeconfig(cluster.kubeconfig, 'The `kubeconfig` input', 'kubeconfig');
        const { server } = kubeconfig.cluster;
        const kubeconfigPath = await (0,src_kubeconfig/* writeKubeconfig */.fQ)(kubeconfig, workspace, secrets);
        runner/* info */.pq(`Using the kubeconfig from the \`kubeconfig\` input (server ${server}); Azure sign-in skipped.`);
        const reach = { via: 'direct', why: 'the `kubeconfig` input' };
        return connected(cluster, {
            server,
            entraId: false,
            reach,
            route: { kubeconfigPath, refreshCredentials: async () => { } },
        });
    }
    const signInChoice = chooseSignIn(azure, env);
    removeAmbientAzureSettings(env);
    const endpoints = cloudEndpoints(azure, signInChoice.kind === 'workload' ? signInChoice.authorityHost : '');
    const session = await signIn(signInChoice, endpoints, seams.now, secrets, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    runner/* info */.pq(`Signing in to Azure (${azure.cloud}) as client ${signInChoice.clientId} in tenant ${signInChoice.tenantId} with ${signInChoice.kind === 'github' ? `a GitHub OIDC token for audience ${endpoints.oidcAudience}` : 'workload identity'}; authority ${endpoints.authorityHost}.`);
    const arm = { resourceManager: endpoints.resourceManager, token: armToken(session, endpoints.armScope) };
    const clusterRef = {
        subscriptionId: azure.subscriptionId,
        resourceGroup: cluster.resourceGroup,
        clusterName: cluster.clusterName,
        admin: cluster.admin,
    };
    const facts = await clusterFacts(cluster.privateCluster, { ...arm, signal }, clusterRef, signInChoice.clientId, seams);
    const viaRunCommand = (why) => {
        const entraId = facts?.entraId === true;
        runner/* info */.pq(`Reaching AKS cluster ${cluster.clusterName} through Resource Manager's runCommand: ${why}.` +
            (entraId
                ? ' Entra ID cluster: each command runs as this identity (a token of the AKS server application).'
                : ''));
        if (cluster.exportKubeconfig) {
            runner/* warning */.$e('export-kubeconfig: the cluster is reached through runCommand, so there is no kubeconfig to export.');
        }
        const clusterToken = entraId ? armToken(session, `${src_kubeconfig/* AKS_SERVER_APP_ID */.Et}/.default`) : undefined;
        const runCommand = runCommandApi({ arm, cluster: clusterRef, clientId: signInChoice.clientId, clusterToken, secrets }, seams);
        const server = facts?.privateFqdn ? `https://${facts.privateFqdn}:443` : '';
        const reach = { via: 'run-command', why };
        return { server, entraId, reach, route: { runCommand } };
    };
    if (cluster.privateCluster === 'run-command')
        return viaRunCommand(decided(cluster, { facts }).why);
    const raw = await fetchClusterKubeconfig({ ...arm, signal }, clusterRef, signInChoice.clientId, secrets, seams);
    const fetched = readKubeconfig(raw, 'The kubeconfig from Resource Manager');
    // Masked now, not when written: a cluster out of reach goes on through runCommand and never writes it.
    secrets.add(...(0,src_kubeconfig/* kubeconfigSecrets */.hT)(fetched));
    const { server } = fetched.cluster;
    const serverId = (0,src_kubeconfig/* entraServerId */.$N)(fetched);
    const claims = session.assertionClaims();
    runner/* info */.pq(`Fetched ${cluster.admin ? 'admin' : 'user'} credentials of AKS cluster ${cluster.clusterName} (server ${server})${claims?.sub ? `, signed in with subject ${claims.sub}` : ''}.`);
    const reachable = cluster.privateCluster === 'auto' && facts?.privateApiServer
        ? await probeApiServer(server, seams, signal)
        : undefined;
    const reach = decided(cluster, { facts, reachable });
    if (reach.via === 'run-command')
        return viaRunCommand(reach.why);
    if (!serverId) {
        const kubeconfigPath = await (0,src_kubeconfig/* writeKubeconfig */.fQ)(fetched, workspace, secrets);
        return connected(cluster, {
            server,
            entraId: false,
            reach,
            route: { kubeconfigPath, refreshCredentials: async () => { } },
        });
    }
    const keeper = entraTokenKeeper(session, `${serverId}/.default`, (text) => writeAtomically(workspace, CREDENTIAL_FILE, text), seams.now);
    await keeper.refresh();
    keeper.keepFresh();
    const credentialFile = external_node_path_.join(workspace.dir, CREDENTIAL_FILE);
    const kubeconfigPath = await (0,src_kubeconfig/* writeKubeconfig */.fQ)((0,src_kubeconfig/* withEntraCredentialFile */.mU)(fetched, credentialFile, process.execPath), workspace, secrets);
    runner/* info */.pq('Entra ID cluster: the kubelogin user was replaced by a credential the action renews for the AKS server application.');
    return connected(cluster, {
        server,
        entraId: true,
        reach,
        route: { kubeconfigPath, refreshCredentials: keeper.refresh },
    });
}

;// CONCATENATED MODULE: ./src/azure/index.ts
// The Azure stage as main.ts sees it: sign in with GitHub OIDC and turn the cluster's credentials into a kubeconfig.



/***/ })

};

//# sourceMappingURL=498.index.js.map