export const id = 925;
export const ids = [925];
export const modules = {

/***/ 9532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G3: () => (/* binding */ refreshDue),
/* harmony export */   H9: () => (/* binding */ workloadAssertionSource),
/* harmony export */   dG: () => (/* binding */ decodeJwtClaims),
/* harmony export */   zG: () => (/* binding */ githubAssertionSource)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
// The client assertion handed to Entra: a GitHub OIDC token (or, on self-hosted runners with workload identity, the
// projected service account token). It is fetched when Entra needs one, never once up front, so deploys of any
// length never present an expired assertion (AADSTS700024).



/** Reads a JWT's claims without verifying it: only to explain a refusal and to know when it expires. */
function decodeJwtClaims(token) {
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return claims && typeof claims === 'object' ? claims : {};
    }
    catch {
        return {};
    }
}
/**
 * True once a token is close enough to expiry to replace: within `maxMarginMs`, or within a third of its lifetime
 * for short-lived tokens, so a five-second token is not considered stale from birth.
 */
function refreshDue(issuedAtMs, expiresAtMs, nowMs, maxMarginMs) {
    const margin = Math.min(maxMarginMs, Math.max(0, expiresAtMs - issuedAtMs) / 3);
    return nowMs >= expiresAtMs - margin;
}
const GITHUB_TOKEN_MARGIN_MS = 60_000;
function recording(kind, secrets, fetch) {
    let claims;
    let error;
    return {
        kind,
        async getAssertion() {
            error = undefined;
            try {
                const token = await fetch();
                secrets.add(token);
                claims = decodeJwtClaims(token);
                return token;
            }
            catch (caught) {
                error = caught;
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
function githubAssertionSource(audience, now, secrets, getIDToken = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getIDToken */ .V9) {
    let cached;
    return recording('github', secrets, async () => {
        if (cached && !refreshDue(cached.issuedAtMs, cached.expiresAtMs, now(), GITHUB_TOKEN_MARGIN_MS)) {
            return cached.token;
        }
        let token;
        try {
            token = await getIDToken(audience); // masked by the toolkit
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l(`Could not get a GitHub OIDC token for audience ${audience}: ${error.message}`, {
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
function workloadAssertionSource(tokenFile, secrets) {
    return recording('workload', secrets, async () => {
        let token;
        try {
            token = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(tokenFile, 'utf8')).trim();
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l(`Could not read the workload identity token file ${tokenFile}: ${error.message}`, {
                hint: 'AZURE_FEDERATED_TOKEN_FILE is set by the workload identity webhook; check the runner pod has the azure.workload.identity/use label.',
            });
        }
        return token;
    });
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ ActionError),
/* harmony export */   y: () => (/* binding */ ValidationError)
/* harmony export */ });
class ActionError extends Error {
    details;
    constructor(message, details = {}) {
        super(message);
        this.name = 'ActionError';
        this.details = details;
    }
}
/** Several problems found at once (input validation): each stays a separate, readable line. */
class ValidationError extends ActionError {
    problems;
    constructor(problems) {
        super(`${problems.length} problem(s) with the inputs; nothing was deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { hint: "Correct each input named above in the step's `with:` block, then run the job again." });
        this.name = 'ValidationError';
        this.problems = problems;
    }
}


/***/ }),

/***/ 5119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a8: () => (/* binding */ buildUpgradeArgs),
/* harmony export */   bw: () => (/* binding */ pullArgs),
/* harmony export */   gg: () => (/* binding */ templateArgs),
/* harmony export */   mx: () => (/* binding */ waitFlag),
/* harmony export */   oK: () => (/* binding */ dryRunArgs)
/* harmony export */ });
/* unused harmony exports chartSourceArgs, sanitizeLabelValue, deployTrace */
/** Helm 4 made `--wait` take a strategy; `watcher` is the one that follows the resources' readiness. */
function waitFlag(helmMajor) {
    return helmMajor === 4 ? '--wait=watcher' : '--wait';
}
/** Where helm finds the chart: its argument plus the flags that go with it. */
function chartSourceArgs(chart) {
    const version = chart.version ? ['--version', chart.version] : [];
    switch (chart.source.kind) {
        case 'repository':
            // --repo keeps the user's repositories.yaml out of it: nothing is added to any helm repo list.
            return { chart: chart.source.name, flags: ['--repo', chart.source.repositoryUrl, ...version] };
        case 'oci':
            return { chart: chart.source.reference, flags: version };
        case 'local':
            return { chart: chart.source.path, flags: [] };
    }
}
/** The chart as one packaged file in `destination`: `helm pull` from its repository or registry, `helm package` of a local one. */
function pullArgs(chart, destination) {
    if (chart.source.kind === 'local')
        return ['package', chart.source.path, '--destination', destination];
    const source = chartSourceArgs(chart);
    return ['pull', source.chart, ...source.flags, '--destination', destination];
}
/** `helm template`: the same chart and values an upgrade would use, rendered offline. */
function templateArgs(chart, valuesPath) {
    const source = chartSourceArgs(chart);
    return ['template', chart.releaseName, source.chart, '-n', chart.namespace, '-f', valuesPath, ...source.flags];
}
const LABEL_VALUE_MAX = 63;
/** A Kubernetes label value: at most 63 of `[A-Za-z0-9_.-]`, starting and ending alphanumeric, possibly empty. */
function sanitizeLabelValue(value) {
    return value
        .replace(/[^A-Za-z0-9_.-]+/g, '_')
        .slice(0, LABEL_VALUE_MAX)
        .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
/** Who deployed this revision, so `helm history` leads back to the commit and the workflow run. */
function deployTrace(env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const sha = env.GITHUB_SHA ?? '';
    const runId = env.GITHUB_RUN_ID ?? '';
    const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
    const runUrl = repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : '';
    const source = [repository, sha && `commit ${sha}`, runUrl && `run ${runUrl}`].filter(Boolean).join(', ');
    const labels = { 'deployed-by': 'portkey-azure-deploy' };
    for (const [key, value] of Object.entries({
        'github-repository': repository,
        'github-sha': sha,
        'github-run-id': runId,
    })) {
        const clean = sanitizeLabelValue(value);
        if (clean)
            labels[key] = clean;
    }
    return {
        description: source ? `Deployed by portkey-azure-deploy from ${source}` : 'Deployed by portkey-azure-deploy',
        labels,
    };
}
/** The release, the chart and the values: what an upgrade and its dry run share. */
function upgradeTarget(chart, valuesPath) {
    const source = chartSourceArgs(chart);
    return [
        'upgrade',
        '--install',
        chart.releaseName,
        source.chart,
        '-n',
        chart.namespace,
        '-f',
        valuesPath,
        ...source.flags,
    ];
}
function buildUpgradeArgs(request, helmMajor) {
    const { chart, deploy } = request;
    const trace = deployTrace(request.runEnv);
    const rollback = helmMajor === 4 ? '--rollback-on-failure' : '--atomic';
    return [
        ...upgradeTarget(chart, request.valuesPath),
        ...(chart.createNamespace ? ['--create-namespace'] : []),
        '--timeout',
        `${deploy.timeoutSeconds}s`,
        waitFlag(helmMajor),
        ...(deploy.rollbackOnFailure ? [rollback] : []),
        '--description',
        trace.description,
        '--labels',
        Object.entries(trace.labels)
            .map(([key, value]) => `${key}=${value}`)
            .join(','),
    ];
}
/**
 * The same upgrade as a server-side dry run: the API server validates every object and the chart's `lookup` calls
 * see the cluster, nothing is changed; `-o json` gives the rendered manifest.
 */
function dryRunArgs(chart, valuesPath) {
    return [...upgradeTarget(chart, valuesPath), '--dry-run=server', '-o', 'json'];
}


/***/ }),

/***/ 9493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ HelmClient),
/* harmony export */   x: () => (/* binding */ logHelmLine)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6058);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5119);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9777);
// The one helm client: every helm command the action runs (reads of a release, upgrade, rollback, uninstall,
// template, pull) goes through here, with the cluster session's kubeconfig and private helm home, fresh credentials, and
// helm's own error text kept in every failure.








const NOT_FOUND = /release: not found/i;
const DEFAULT_CHANGE_TIMEOUT_SECONDS = 300;
/** Streams a long helm command's output into the log, inside the caller's group. */
const logHelmLine = (line) => _actions_core__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(line);
class HelmClient {
    session;
    seams;
    constructor(session, seams) {
        this.session = session;
        this.seams = seams;
    }
    get major() {
        return this.session.helm.major;
    }
    /** Runs helm against the cluster; the result whatever the exit code. */
    async run(args, options = {}) {
        if (this.session.remote)
            return this.session.remote.run('helm', args, options);
        await this.session.refreshCredentials?.();
        const kubeconfig = this.session.kubeconfigPath ? ['--kubeconfig', this.session.kubeconfigPath] : [];
        return this.seams.run(this.session.helm.path, [...args, ...kubeconfig], { env: this.session.env, ...options });
    }
    /** `helm status -o json`; undefined when the release does not exist. */
    async status(release, signal) {
        const json = await this.read(release, ['status'], 'json', 'state', signal);
        return json === undefined ? undefined : (0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .parseReleaseStatus */ .$_)(json);
    }
    /** `helm get metadata -o json`; undefined when the release does not exist. */
    async metadata(release) {
        const json = await this.read(release, ['get', 'metadata'], 'json', 'chart metadata');
        return json === undefined ? undefined : (0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .parseReleaseMetadata */ .as)(json);
    }
    /** `helm history -o json`, oldest first (the newest `max` only, when given); empty when there is no release. */
    async history(release, options = {}) {
        const command = ['history', ...(options.max ? ['--max', String(options.max)] : [])];
        const json = await this.read(release, command, 'json', 'history', options.signal);
        return json === undefined ? [] : (0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .parseHistory */ .i6)(json);
    }
    /** `helm get manifest` of the newest revision, or of `revision`; undefined when the release does not exist. */
    manifest(release, options = {}) {
        const revision = options.revision === undefined ? [] : ['--revision', String(options.revision)];
        return this.read(release, ['get', 'manifest', ...revision], 'text', 'manifest', options.signal);
    }
    /** `helm get values -o json`: the values the newest revision was given; undefined when there is no release. */
    async values(release) {
        const json = await this.read(release, ['get', 'values'], 'json', 'values');
        return json === undefined ? undefined : (JSON.parse(json) ?? {});
    }
    rollback(release, revision, timeoutSeconds) {
        return this.change(['rollback', release.name, String(revision), '-n', release.namespace], `Rolling back release ${release.name} to revision ${revision}`, timeoutSeconds);
    }
    uninstall(release, timeoutSeconds) {
        return this.change(['uninstall', release.name, '-n', release.namespace], `Uninstalling release ${release.name}`, timeoutSeconds);
    }
    /** `helm template`: offline, no cluster involved. */
    template(chart, valuesPath) {
        return this.seams.run(this.session.helm.path, (0,_args_js__WEBPACK_IMPORTED_MODULE_7__/* .templateArgs */ .gg)(chart, valuesPath), { env: this.session.env });
    }
    /**
     * Fetches the chart into `directory` (empty) with this helm, here, and checks it is the chart and version asked for.
     * Offline for a local chart (`helm package`).
     */
    async pull(chart, directory) {
        const helm = this.session.helm.path;
        const pulled = await this.seams.run(helm, (0,_args_js__WEBPACK_IMPORTED_MODULE_7__/* .pullArgs */ .bw)(chart, directory), { env: this.session.env });
        const [file] = pulled.exitCode === 0 ? (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(directory)).filter((name) => name.endsWith('.tgz')) : [];
        if (!file) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l(`helm could not fetch the chart: ${(0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .helmMessage */ .S_)(pulled.stderr, pulled.stdout)}`, {
                input: 'chart-version',
                hint: 'Check chart, chart-repository and chart-version, and that the runner can reach the repository.',
            });
        }
        const chartPath = node_path__WEBPACK_IMPORTED_MODULE_2__.join(directory, file);
        const shown = await this.seams.run(helm, ['show', 'chart', chartPath], { env: this.session.env });
        const metadata = (shown.exitCode === 0 ? (0,yaml__WEBPACK_IMPORTED_MODULE_4__/* .parse */ .qg)(shown.stdout) : undefined);
        if (!metadata?.name || (chart.version && metadata.version !== chart.version)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l(`The fetched chart ${file} is not version ${chart.version} of the chart asked for: ${shown.exitCode === 0 ? `it is ${metadata?.name} ${metadata?.version}` : (0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .helmMessage */ .S_)(shown.stderr)}.`, { input: 'chart-version', hint: 'Check chart and chart-version, and what the repository serves under them.' });
        }
        const sha256 = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
            .update(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(chartPath))
            .digest('hex');
        return { path: chartPath, name: metadata.name, version: metadata.version ?? '', sha256 };
    }
    /** A read-only command; undefined when the release does not exist, an error naming what could not be read else. */
    async read(release, command, format, what, signal) {
        const args = [...command, release.name, '-n', release.namespace, ...(format === 'json' ? ['-o', 'json'] : [])];
        const result = await this.run(args, { signal });
        if (result.exitCode === 0)
            return result.stdout;
        if (NOT_FOUND.test(result.stderr))
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l(`Could not read the ${what} of release ${release.name} in namespace ${release.namespace}: ${(0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .helmMessage */ .S_)(result.stderr, result.stdout)}`, { hint: 'Check that the cluster is reachable and that the credentials may read Secrets in the namespace.' });
    }
    /** A command that changes the release, waiting for the cluster to settle. */
    async change(args, what, timeoutSeconds = DEFAULT_CHANGE_TIMEOUT_SECONDS) {
        const result = await this.run([...args, (0,_args_js__WEBPACK_IMPORTED_MODULE_7__/* .waitFlag */ .mx)(this.major), '--timeout', `${timeoutSeconds}s`], {
            onLine: logHelmLine,
        });
        if (result.exitCode !== 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .l(`${what} failed (helm exited with ${result.exitCode}): ${(0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .helmMessage */ .S_)(result.stderr, result.stdout)}`);
        }
    }
}


/***/ }),

/***/ 9777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ parseReleaseStatus),
/* harmony export */   FJ: () => (/* binding */ PENDING_STATUSES),
/* harmony export */   S_: () => (/* binding */ helmMessage),
/* harmony export */   Z: () => (/* binding */ lastGoodRevision),
/* harmony export */   as: () => (/* binding */ parseReleaseMetadata),
/* harmony export */   i6: () => (/* binding */ parseHistory),
/* harmony export */   xQ: () => (/* binding */ manifestResources)
/* harmony export */ });
/* unused harmony export isReleaseNotFound */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
// What helm says about a release, parsed to the few fields the action decides on. Pure; client.ts runs helm.

const PENDING_STATUSES = ['pending-install', 'pending-upgrade', 'pending-rollback'];
const NOT_FOUND = /release: not found/i;
function isReleaseNotFound(output) {
    return NOT_FOUND.test(output);
}
function parseReleaseStatus(json) {
    const release = JSON.parse(json);
    return {
        revision: release.version ?? 0,
        status: release.info?.status ?? 'unknown',
        lastDeployed: release.info?.last_deployed ?? '',
    };
}
function parseReleaseMetadata(json) {
    const metadata = JSON.parse(json);
    return {
        revision: metadata.revision ?? 0,
        status: metadata.status ?? 'unknown',
        chartVersion: metadata.version ?? '',
        appVersion: metadata.appVersion ?? '',
    };
}
function parseHistory(json) {
    return JSON.parse(json)
        .map((entry) => ({
        revision: entry.revision,
        status: entry.status,
        description: entry.description ?? '',
        updated: entry.updated ?? '',
    }))
        .sort((a, b) => a.revision - b.revision);
}
/** The newest revision that reached the cluster successfully, optionally only among those below `below`. */
function lastGoodRevision(history, below = Infinity) {
    const candidates = history.filter((entry) => entry.revision < below);
    const newest = (status) => candidates
        .filter((entry) => entry.status === status)
        .reduce((best, entry) => Math.max(best ?? 0, entry.revision), undefined);
    return newest('deployed') ?? newest('superseded');
}
/** `Deployment/portkey-ai-gateway`, … for every object in a release manifest (names only, never contents). */
function manifestResources(manifest) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseAllDocuments */ .hR)(manifest)
        .map((doc) => doc.toJS())
        .filter((object) => object?.kind && object.metadata?.name)
        .map((object) => `${object.kind}/${object.metadata.name}`);
}
/** Helm's own words: its `Error:` lines when it printed any, else everything it printed. */
function helmMessage(stderr, stdout = '') {
    const text = stderr.trim() || stdout.trim();
    const errors = text.split('\n').filter((line) => line.startsWith('Error:'));
    return (errors.length ? errors.join('\n') : text).replace(/^Error: /gm, '');
}


/***/ }),

/***/ 8925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/cluster/session.ts
// The cluster session every later stage works in: the installed binaries, the kubeconfig with credentials kept
// fresh, and a private helm home; or, for a private cluster the runner cannot reach, the cluster's own helm and
// kubectl, run in it through Resource Manager's runCommand.

/** Keeps helm away from the user's own repositories and caches, and makes the post step's cleanup complete. */
function privateHelmEnv(workDir, base = process.env) {
    const home = external_node_path_.join(workDir, 'helm');
    return {
        ...base,
        HELM_CONFIG_HOME: external_node_path_.join(home, 'config'),
        HELM_CACHE_HOME: external_node_path_.join(home, 'cache'),
        HELM_DATA_HOME: external_node_path_.join(home, 'data'),
        HELM_REPOSITORY_CONFIG: external_node_path_.join(home, 'config', 'repositories.yaml'),
        HELM_REPOSITORY_CACHE: external_node_path_.join(home, 'cache', 'repository'),
    };
}
/** The session the stages work in: helm and kubectl here with the kubeconfig, or in the cluster through runCommand. */
async function openSession(parts, workspace, seams) {
    const { tools, kubeconfigPath, refreshCredentials, runCommand: api, clusterName } = parts;
    const local = { ...tools, kubeconfigPath, refreshCredentials, env: privateHelmEnv(workspace.dir) };
    if (!api)
        return local;
    const { remoteSession } = await __webpack_require__.e(/* import() */ 509).then(__webpack_require__.bind(__webpack_require__, 8509));
    return remoteSession({ local, api, clusterName, workspaceDir: workspace.dir, seams });
}
/** Runs kubectl against the cluster with fresh credentials; the result whatever the exit code. (helm: HelmClient.) */
async function runKubectl(session, seams, args, options = {}) {
    if (session.remote)
        return session.remote.run('kubectl', args, options);
    await session.refreshCredentials();
    return seams.run(session.kubectl.path, [...args, '--kubeconfig', session.kubeconfigPath], {
        env: session.env,
        ...options,
    });
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/helm/args.ts
var helm_args = __webpack_require__(5119);
// EXTERNAL MODULE: ./src/helm/client.ts
var client = __webpack_require__(9493);
// EXTERNAL MODULE: ./src/helm/release.ts
var helm_release = __webpack_require__(9777);
;// CONCATENATED MODULE: ./src/deploy/failure-hints.ts
const rules = [
    {
        pattern: /another operation \(install\/upgrade\/rollback\) is in progress/i,
        input: 'recover-stuck-release',
        hint: ({ name, namespace }) => `Another deploy of ${name} is running, or one was killed and left the release pending. Rerun when it has ` +
            `finished; if none is running, set recover-stuck-release: true (or run helm history ${name} -n ${namespace} ` +
            `and helm rollback ${name} <last deployed revision> -n ${namespace}).`,
    },
    {
        pattern: /cannot re-use a name that is still in use|has no deployed releases/i,
        input: 'release-name',
        hint: ({ name, namespace }) => `Release ${name} exists in namespace ${namespace} but has never been deployed successfully. Remove it with ` +
            `helm uninstall ${name} -n ${namespace} (or command: uninstall) and deploy again, or pick another release-name.`,
    },
    {
        pattern: /invalid ownership metadata|exists and cannot be imported|rendered manifests contain a resource that already exists/i,
        input: 'namespace',
        hint: () => 'An object the chart creates already belongs to another release or was made by hand. The chart gives some ' +
            'objects fixed names (redis, resource-config, the registry pull Secret), so two releases cannot share a ' +
            'namespace: use another namespace, or delete the conflicting object.',
    },
    {
        // helm adds "ensure CRDs are installed first", but for a built-in kind it is the cluster's Kubernetes version.
        pattern: /no matches for kind "[^"]+" in version "[^"]+"/i,
        input: 'values',
        hint: () => 'The cluster does not serve an API version the chart renders (HorizontalPodAutoscaler autoscaling/v2 needs ' +
            'Kubernetes 1.23 or newer, for example). Upgrade the cluster, or turn off the values that render that kind ' +
            '(autoscaling.enabled, say).',
    },
    {
        pattern: /cluster unreachable|connection refused|no such host|i\/o timeout|TLS handshake/i,
        hint: () => 'The Kubernetes API server could not be reached. Check that the cluster is running, that its API server ' +
            'accepts connections from this runner (authorized IP ranges; a private cluster needs private-cluster: auto ' +
            'or true, which go through runCommand), and the cluster inputs.',
    },
    {
        pattern: /context deadline exceeded|timed out waiting|resource not ready|timeout/i,
        input: 'timeout',
        hint: ({ name, namespace }) => `The gateway pods did not become ready in time. Look at kubectl get pods,events -n ${namespace} ` +
            `(image pull errors, crash loops, pending pods), or raise timeout if the cluster is just slow. ` +
            `helm history ${name} -n ${namespace} shows whether helm rolled back.`,
    },
    {
        pattern: /provide credentials|Unauthorized|forbidden/i,
        input: 'client-id',
        hint: ({ namespace }) => `The cluster refused the credentials. The identity needs a role that may manage Deployments, Services, ` +
            `Secrets and ConfigMaps in namespace ${namespace} (for example Azure Kubernetes Service RBAC Writer), or set admin: true.`,
    },
    {
        pattern: /not found in .*repository|no chart version found|failed to fetch|chart .*not found|404|could not find/i,
        input: 'chart-version',
        hint: () => 'helm could not fetch the chart. Check chart, chart-repository and chart-version (the version must exist ' +
            'in the repository), and that the runner can reach the repository.',
    },
];
function adviseOnUpgradeFailure(message, release) {
    const rule = rules.find((candidate) => candidate.pattern.test(message));
    if (rule)
        return { input: rule.input, hint: rule.hint(release) };
    return {
        hint: `helm's message is above. helm history ${release.name} -n ${release.namespace} shows the revisions, and ` +
            `kubectl get events -n ${release.namespace} what the cluster did.`,
    };
}

;// CONCATENATED MODULE: ./src/duration.ts
// How long something took or may take, for people: one format for the log, the errors and the summary.
/** `850 ms`, `48.3 s`, `1 min 2 s`, `3 h 0 min 5 s`. */
function formatDuration(ms) {
    const whole = Math.max(0, Math.round(ms));
    if (whole < 1000)
        return `${whole} ms`;
    if (whole < 59_950)
        return `${(whole / 1000).toFixed(1).replace(/\.0$/, '')} s`;
    const seconds = Math.round(whole / 1000);
    const [hours, minutes] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60)];
    return `${hours ? `${hours} h ` : ''}${minutes} min ${seconds % 60} s`;
}

// EXTERNAL MODULE: ./src/poll.ts
var poll = __webpack_require__(9810);
;// CONCATENATED MODULE: ./src/deploy/preflight.ts
// Before upgrading: is this a first install, an upgrade, or is the release stuck in a pending state because
// another deploy is running (wait for it) or was killed half-way (recover it, only when the user opted in)?





const seconds = (value) => formatDuration(Math.round(value) * 1000);
function decidePreflight(release, seen, deploy) {
    if (seen.status === undefined)
        return { action: 'install' };
    if (!helm_release/* PENDING_STATUSES */.FJ.includes(seen.status)) {
        return { action: 'upgrade', previousRevision: (0,helm_release/* lastGoodRevision */.Z)(seen.history) };
    }
    const { name, namespace } = release;
    const pending = `Release ${name} in namespace ${namespace} has been ${seen.status} for ${seconds(seen.ageSeconds)}`;
    if (seen.waitedSeconds < deploy.waitForPendingSeconds) {
        const left = seconds(deploy.waitForPendingSeconds - seen.waitedSeconds);
        return { action: 'wait', message: `${pending}: another deploy may be running; waiting up to ${left} more for it.` };
    }
    const latest = seen.history.at(-1)?.revision ?? Infinity;
    const target = (0,helm_release/* lastGoodRevision */.Z)(seen.history, latest);
    const fix = target === undefined
        ? { command: `helm uninstall ${name} -n ${namespace}`, what: 'uninstalling it (it was never deployed)' }
        : { command: `helm rollback ${name} ${target} -n ${namespace}`, what: `rolling back to revision ${target}` };
    const stuck = `${pending} and did not finish within wait-for-pending (${seconds(deploy.waitForPendingSeconds)})`;
    if (!deploy.recoverStuckRelease) {
        return {
            action: 'refuse',
            error: new errors/* ActionError */.l(`${stuck}. Nothing was deployed.`, {
                input: 'recover-stuck-release',
                hint: `If no other deploy of this release is running, set recover-stuck-release: true to recover it by ` +
                    `${fix.what}, or run: ${fix.command}`,
            }),
        };
    }
    const message = `${stuck}; recovering it (recover-stuck-release) by ${fix.what}.`;
    return target === undefined ? { action: 'uninstall', message } : { action: 'rollback', revision: target, message };
}
const POLL_SECONDS = 10;
async function observe(release, waitedSeconds, helm, seams) {
    const status = await helm.status(release);
    if (!status)
        return { ageSeconds: 0, history: [], waitedSeconds };
    const started = Date.parse(status.lastDeployed);
    return {
        status: status.status,
        ageSeconds: Number.isNaN(started) ? 0 : (seams.now() - started) / 1000,
        history: await helm.history(release),
        waitedSeconds,
    };
}
/** Waits out or recovers a pending release; resolves with what the upgrade will be. */
async function preflightRelease(release, options, helm, seams) {
    const startedAt = seams.now();
    const deadline = startedAt + options.deploy.waitForPendingSeconds * 1000;
    let recovered = false;
    for (;;) {
        (0,poll/* throwIfCancelled */.dZ)(options.signal);
        const seen = await observe(release, (seams.now() - startedAt) / 1000, helm, seams);
        const decision = decidePreflight(release, seen, options.deploy);
        switch (decision.action) {
            case 'install':
            case 'upgrade':
                return decision;
            case 'refuse':
                throw decision.error;
            case 'wait': {
                core/* info */.pq(decision.message);
                // Past the deadline, the next look decides to refuse or recover.
                await (0,poll/* pause */.v7)(POLL_SECONDS * 1000, { deadline, signal: options.signal }, seams);
                continue;
            }
            case 'rollback':
            case 'uninstall': {
                if (recovered) {
                    throw new errors/* ActionError */.l(`Release ${release.name} is still ${seen.status} after recovering it once.`, {
                        hint: `Look at helm history ${release.name} -n ${release.namespace} and fix the release by hand.`,
                    });
                }
                core/* warning */.$e(decision.message);
                if (decision.action === 'rollback') {
                    await helm.rollback(release, decision.revision, options.deploy.timeoutSeconds);
                }
                else {
                    await helm.uninstall(release, options.deploy.timeoutSeconds);
                }
                recovered = true;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/deploy/recover.ts
// Getting back to the last good state after a deploy that was aborted, failed, or failed its smoke test: roll back to
// the revision deployed before this run, or remove a release whose first install went wrong. The error that reaches
// the user says what was restored, and keeps both messages when recovering failed too.




const HELM_ROLLBACK = /^Rollback to (\d+)/;
function planRecovery(history, previousRevision) {
    const latest = history.at(-1);
    if (!latest)
        return {
            action: 'none',
            summary: 'not installed any more (helm removes a first install that fails), nothing to roll back',
        };
    const rolledBack = HELM_ROLLBACK.exec(latest.description);
    if (latest.status === 'deployed' && (latest.revision === previousRevision || rolledBack)) {
        // helm's own rollback-on-failure (or an earlier recovery) already brought the previous revision back.
        const summary = rolledBack
            ? `helm had already rolled back to revision ${rolledBack[1]} (now revision ${latest.revision})`
            : `still at revision ${latest.revision}, nothing to roll back`;
        return { action: 'none', summary, restoredRevision: rolledBack ? Number(rolledBack[1]) : latest.revision };
    }
    const target = previousRevision ?? (0,helm_release/* lastGoodRevision */.Z)(history, latest.revision);
    return target === undefined ? { action: 'uninstall' } : { action: 'rollback', revision: target };
}
async function recover(request, helm) {
    const { release, deploy } = request;
    const plan = planRecovery(await helm.history(release), request.previousRevision);
    switch (plan.action) {
        case 'none':
            return { summary: plan.summary, restoredRevision: plan.restoredRevision };
        case 'rollback':
            await helm.rollback(release, plan.revision, deploy.timeoutSeconds);
            return { summary: `rolled back to revision ${plan.revision}`, restoredRevision: plan.revision };
        case 'uninstall':
            await helm.uninstall(release, deploy.timeoutSeconds);
            return { summary: 'uninstalled the release (its first install failed)' };
    }
}
const detailsOf = (error) => (error instanceof errors/* ActionError */.l ? error.details : {});
const messageOf = (error) => (error instanceof Error ? error.message : String(error));
/**
 * Recovers the release after `cause` when the user wants that (`rollback-on-failure`), and returns the error to
 * report: `cause` with what was restored, or, when recovering failed as well, both failures.
 */
async function revertRelease(cause, request, session, seams) {
    const details = detailsOf(cause);
    if (!request.deploy.rollbackOnFailure)
        return new errors/* ActionError */.l(messageOf(cause), details);
    const { name, namespace } = request.release;
    try {
        const recovery = await recover(request, new client/* HelmClient */.E(session, seams));
        core/* warning */.$e(`Release ${name}: ${recovery.summary}.`);
        return new errors/* ActionError */.l(messageOf(cause), { ...details, recovery });
    }
    catch (recoveryError) {
        return new errors/* ActionError */.l(`${messageOf(cause)}\nRecovering the release failed too: ${messageOf(recoveryError)}`, {
            ...details,
            hint: `${details.hint ? `${details.hint} ` : ''}The release may be half-way: look at helm history ${name} -n ` +
                `${namespace} and roll back by hand (helm rollback ${name} <revision> -n ${namespace}).`,
        });
    }
}

;// CONCATENATED MODULE: ./src/deploy/deploy-release.ts
// The deploy verb, the way helm's own `pkg/action` Upgrade works: preflight, then `helm upgrade --install --wait` raced
// against the rollout watcher and against cancellation, and on failure the recovery composed in, both errors kept.
// main.ts only passes it the inputs, the cluster session and the watcher.








/**
 * The watcher owns the `timeout` budget because at its deadline it can say which pod is not ready and why; helm's own
 * --timeout, a little longer, is only the backstop (helm alone would just say "context deadline exceeded").
 */
const HELM_TIMEOUT_MARGIN_SECONDS = 30;
const settle = (promise) => promise.then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
const reasonOf = (signal) => signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
async function readReleaseInfo(release, helm) {
    const [metadata, manifest] = await Promise.all([helm.metadata(release), helm.manifest(release)]);
    if (!metadata || manifest === undefined) {
        throw new errors/* ActionError */.l(`helm reported success, but release ${release.name} is not in namespace ${release.namespace}.`);
    }
    return { ...release, ...metadata, manifest };
}
/**
 * Deploys, watches, and on a failure after helm started changing the release, recovers it (when
 * `rollback-on-failure`); the error then says what was restored. A release the preflight refused stays untouched.
 */
async function deployRelease(input, session, seams) {
    const helm = new client/* HelmClient */.E(session, seams);
    const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
    const progress = { touched: false };
    try {
        return await upgradeAndWatch(input, release, helm, seams, progress);
    }
    catch (error) {
        if (!progress.touched)
            throw error;
        // The revision the preflight saw deployed: a helm that failed before writing a new one leaves it as it is.
        const revert = { release, previousRevision: progress.previousRevision, deploy: input.deploy };
        throw await revertRelease(error, revert, session, seams);
    }
}
/** helm and the watcher side by side: helm applies and waits its way, the watcher spots a pod that can never start. */
async function upgradeAndWatch(input, release, helm, seams, progress) {
    const deadline = seams.now() + input.deploy.timeoutSeconds * 1000;
    const stopHelm = new AbortController();
    const stopWatch = new AbortController();
    const onCancel = () => {
        stopHelm.abort(input.signal?.reason);
        stopWatch.abort(input.signal?.reason);
    };
    if (input.signal?.aborted)
        onCancel();
    else
        input.signal?.addEventListener('abort', onCancel, { once: true });
    let startWatch = () => { };
    const watchFrom = new Promise((resolve) => (startWatch = resolve));
    const upgraded = settle(upgrade(input, release, helm, seams, stopHelm.signal, async (previousRevision) => {
        Object.assign(progress, { touched: true, previousRevision });
        // Judge only the revision this run creates, never the healthy one it replaces.
        if (input.watch)
            startWatch((await helm.history(release, { max: 1 })).at(-1)?.revision ?? 0);
    }).finally(() => startWatch(undefined)));
    const watched = settle(watchFrom.then((sinceRevision) => sinceRevision === undefined || !input.watch
        ? undefined
        : input.watch({
            releaseName: release.name,
            namespace: release.namespace,
            sinceRevision,
            deadline,
            signal: stopWatch.signal,
            wake: upgraded,
        })));
    try {
        const first = await Promise.race([
            upgraded.then((result) => ({ ...result, stop: stopWatch })),
            watched.then((result) => ({ ...result, stop: stopHelm })),
        ]);
        if (!first.ok) {
            first.stop.abort(first.error);
            await Promise.all([upgraded, watched]);
            throw first.error;
        }
        const [helmResult, watchResult] = await Promise.all([upgraded, watched]);
        if (!helmResult.ok)
            throw helmResult.error;
        if (!watchResult.ok)
            throw watchResult.error;
        return { release: helmResult.value, rollout: watchResult.value };
    }
    finally {
        input.signal?.removeEventListener('abort', onCancel);
    }
}
/** Preflight, `helm upgrade --install` streamed into the log, then the release read back. */
async function upgrade(input, release, helm, seams, signal, beforeUpgrade) {
    const plan = await preflightRelease(release, { deploy: input.deploy, signal }, helm, seams);
    core/* info */.pq(plan.action === 'install'
        ? `Release ${release.name} does not exist in namespace ${release.namespace} yet: first install.`
        : `Upgrading release ${release.name} (deployed revision before this run: ${plan.previousRevision ?? 'none'}).`);
    const args = (0,helm_args/* buildUpgradeArgs */.a8)({
        chart: input.chart,
        deploy: { ...input.deploy, timeoutSeconds: input.deploy.timeoutSeconds + HELM_TIMEOUT_MARGIN_SECONDS },
        valuesPath: input.valuesPath,
        runEnv: input.runEnv ?? process.env,
    }, helm.major);
    const previousRevision = plan.action === 'upgrade' ? plan.previousRevision : undefined;
    await beforeUpgrade(previousRevision);
    const result = await helm.run(args, { onLine: client/* logHelmLine */.x, signal });
    if (signal.aborted) {
        throw new errors/* ActionError */.l(`helm upgrade of release ${release.name} was stopped: ${reasonOf(signal)}`, {
            hint: `helm history ${release.name} -n ${release.namespace} shows where the release was left.`,
        });
    }
    if (result.exitCode !== 0) {
        const message = (0,helm_release/* helmMessage */.S_)(result.stderr, result.stdout);
        throw new errors/* ActionError */.l(`helm upgrade --install of release ${release.name} failed: ${message}`, adviseOnUpgradeFailure(message, release));
    }
    const info = await readReleaseInfo(release, helm);
    return previousRevision === undefined ? info : { ...info, previousRevision };
}

;// CONCATENATED MODULE: ./src/deploy/uninstall-release.ts
// `command: uninstall`: remove the release and say which objects went with it.



async function uninstallRelease(request, session, seams) {
    const helm = new client/* HelmClient */.E(session, seams);
    const release = { name: request.name, namespace: request.namespace };
    const manifest = await helm.manifest(release);
    if (manifest === undefined) {
        const summary = `Release ${release.name} was not found in namespace ${release.namespace}; nothing to uninstall.`;
        core/* info */.pq(summary);
        return { found: false, removed: [], summary };
    }
    const removed = (0,helm_release/* manifestResources */.xQ)(manifest);
    await helm.uninstall(release, request.timeoutSeconds);
    const summary = `Uninstalled release ${release.name} from namespace ${release.namespace}, removing ${removed.length} object(s)${removed.length ? `: ${removed.join(', ')}` : ''}.`;
    core/* info */.pq(summary);
    return { found: true, removed, summary };
}

;// CONCATENATED MODULE: ./src/deploy/index.ts
// The deploy stage as main.ts sees it.




;// CONCATENATED MODULE: ./src/cancellation.ts
// A cancelled workflow reaches the step as SIGINT (then SIGTERM): one AbortSignal carries it to every stage.


function cancelOnSignals() {
    const cancel = new AbortController();
    const onSignal = (signal) => {
        core/* warning */.$e(`Received ${signal}: the workflow was cancelled. Stopping helm and every wait cleanly.`);
        cancel.abort(new errors/* ActionError */.l(`The workflow was cancelled (${signal}).`));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return {
        signal: cancel.signal,
        stop() {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        },
    };
}

// EXTERNAL MODULE: ./src/azure/github-token.ts
var github_token = __webpack_require__(9532);
;// CONCATENATED MODULE: ./src/report/outcome.ts
// What one run of the action did, filled in by main.ts stage by stage, and read by the outputs and the summary.
// Every field but the basics is optional: a run can stop at any stage.

/** The failure as the outcome keeps it: an ActionError's details, or just the message of anything else. */
function describeFailure(error) {
    if (error instanceof errors/* ActionError */.l)
        return { message: error.message, ...error.details };
    return { message: error instanceof Error ? error.message : String(error) };
}
/** Times each stage for the summary's table; a stage that throws is recorded as failed and the error passes on. */
class StageTimer {
    now;
    stages = [];
    constructor(now = Date.now) {
        this.now = now;
    }
    async time(name, fn) {
        const started = this.now();
        try {
            const result = await fn();
            this.stages.push({ name, ms: this.now() - started, ok: true });
            return result;
        }
        catch (error) {
            this.stages.push({ name, ms: this.now() - started, ok: false });
            throw error;
        }
    }
}

;// CONCATENATED MODULE: ./src/report/outputs.ts
// Sets every output declared in action.yml, empty when the run did not get that far, so later steps can rely on
// each one existing.

/** The address later steps should use: a port-forward's local end dies with this step, the in-cluster one does not. */
function lastingGatewayUrl(address) {
    if (!address)
        return '';
    return address.via === 'port-forward' ? address.inClusterUrl : address.url;
}
function outputsOf(o) {
    const text = (value) => (value === undefined ? '' : String(value));
    return {
        'load-balancer-ip': text(o.address?.ip),
        'load-balancer-hostname': text(o.address?.hostname),
        'gateway-url': lastingGatewayUrl(o.address),
        'mcp-url': text(o.address?.mcpUrl),
        'release-name': o.release.name,
        namespace: o.release.namespace,
        'release-revision': text(o.release.revision),
        'release-status': text(o.release.status),
        'chart-version': text(o.release.chartVersion),
        'app-version': text(o.release.appVersion),
        'smoke-test-status': o.smokeTest?.status ?? 'skipped',
        'smoke-test-http-code': text(o.smokeTest?.httpCode),
        'smoke-test-latency-ms': text(o.smokeTest?.latencyMs),
        'helm-version': text(o.tools?.helm?.version),
        'kubectl-version': text(o.tools?.kubectl?.version),
        'helm-path': text(o.tools?.helm?.path),
        'kubectl-path': text(o.tools?.kubectl?.path),
        'kubeconfig-path': text(o.kubeconfigPath),
        'has-changes': o.plan ? String(o.plan.hasChanges) : '',
        changes: o.plan ? JSON.stringify(o.plan.counts) : '',
        'plan-file': text(o.planFile),
        'deployment-id': text(o.deployment?.id),
    };
}
function publishOutputs(o) {
    for (const [name, value] of Object.entries(outputsOf(o)))
        core/* setOutput */.uH(name, value);
}

;// CONCATENATED MODULE: ./src/github/rest.ts
class GitHubApiError extends Error {
    status;
    reason;
    constructor(status, 
    /** GitHub's `message`, with the `errors` of a 422 appended. */
    reason) {
        super(`GitHub answered ${status} ${reason}`);
        this.status = status;
        this.reason = reason;
        this.name = 'GitHubApiError';
    }
}
/** GitHub's error body: `{message, errors?: [{field, code, message?}], documentation_url}`. */
function rest_reasonOf(body) {
    try {
        const parsed = JSON.parse(body);
        const details = (parsed.errors ?? []).map((e) => e.message ?? `${e.field} ${e.code}`).join('; ');
        return [parsed.message?.replace(/\s+/g, ' ').trim(), details].filter(Boolean).join(': ') || body.slice(0, 200);
    }
    catch {
        return body.slice(0, 200) || '(empty answer)';
    }
}
function repositoryApi(run, token, seams) {
    const base = `${run.apiUrl}/repos/${run.repository}`;
    return async (method, path, body) => {
        const response = await seams.http({
            url: `${base}${path}`,
            method,
            headers: {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${token}`,
                'x-github-api-version': '2022-11-28',
                'user-agent': 'portkey-azure-deploy',
                ...(body && { 'content-type': 'application/json' }),
            },
            body: body && JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
        });
        if (response.status < 200 || response.status > 299)
            throw new GitHubApiError(response.status, rest_reasonOf(response.body));
        return JSON.parse(response.body);
    };
}
function deploymentsApi(run, token, seams) {
    const call = repositoryApi(run, token, seams);
    return {
        create: (deployment) => call('POST', '/deployments', deployment),
        addStatus: async (id, status) => {
            await call('POST', `/deployments/${id}/statuses`, status);
        },
        list: (environment) => call('GET', `/deployments?environment=${encodeURIComponent(environment)}&per_page=100`),
        latestState: async (id) => (await call('GET', `/deployments/${id}/statuses?per_page=1`))[0]?.state,
    };
}
function issueCommentsApi(run, token, seams) {
    const call = repositoryApi(run, token, seams);
    return {
        list: (issue) => call('GET', `/issues/${issue}/comments?per_page=100`),
        create: (issue, body) => call('POST', `/issues/${issue}/comments`, { body }),
        update: (id, body) => call('PATCH', `/issues/comments/${id}`, { body }),
    };
}

;// CONCATENATED MODULE: ./src/github/deployment-plan.ts




/** GitHub refuses a status description longer than this (422). */
const DESCRIPTION_LIMIT = 140;
function shorten(text, limit = DESCRIPTION_LIMIT) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}
/** The input names the environment; else the job's own (`environment:` of the job, the OIDC token's claim). */
function chooseEnvironment(input, jobEnvironment) {
    if (input)
        return input;
    return typeof jobEnvironment === 'string' && jobEnvironment ? jobEnvironment : undefined;
}
function target(config) {
    const { releaseName, namespace } = config.chart;
    const cluster = config.cluster.clusterName ? ` on ${config.cluster.clusterName}` : '';
    return `${releaseName} in ${namespace}${cluster}`;
}
function newDeployment(config, run, environment) {
    return {
        ref: run.sha,
        environment,
        description: shorten(`Portkey AI Gateway: ${target(config)}`),
        task: 'deploy',
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        payload: {
            release: config.chart.releaseName,
            namespace: config.chart.namespace,
            ...(config.cluster.clusterName && { cluster: config.cluster.clusterName }),
            ...(config.cluster.resourceGroup && { resourceGroup: config.cluster.resourceGroup }),
        },
    };
}
function startedStatus(config, run) {
    return { state: 'in_progress', description: shorten(`Deploying ${target(config)}`), log_url: run.url };
}
/**
 * `success` with the gateway's lasting URL; `failure` when the release itself did not come up (helm, rollout,
 * address, smoke test: the cluster was reached), `error` when the deploy never got to the cluster (sign-in, tools).
 */
function finishedStatus(outcome, run, error) {
    if (error === undefined) {
        const r = outcome.release;
        const smoke = outcome.smokeTest ? `smoke test ${outcome.smokeTest.status}` : 'smoke test skipped';
        return {
            state: 'success',
            description: shorten(`${r.name} revision ${r.revision ?? '?'} deployed, ${smoke}`),
            log_url: run.url,
            environment_url: lastingGatewayUrl(outcome.address) || undefined,
        };
    }
    return {
        state: outcome.kubeconfigPath ? 'failure' : 'error',
        description: shorten(describeFailure(error).message),
        log_url: run.url,
    };
}
/** The environment's deployments older than ours, newest first: the ones this deploy replaces. */
function replacedBy(ourId, listed) {
    return listed.filter((d) => d.id !== ourId && d.id < ourId).sort((a, b) => b.id - a.id);
}
/**
 * A GitHub API failure in the workflow author's terms: what failed, which input, what to do. `doing` is what the
 * action was doing, e.g. "create the GitHub Deployment".
 */
function explainApiFailure(error, run, doing) {
    const skip = 'or set `github-deployment: false` to stop recording deployments.';
    const lead = `Could not ${doing}`;
    if (!(error instanceof GitHubApiError)) {
        const reason = error?.cause?.code ?? error?.message ?? String(error);
        return new errors/* ActionError */.l(`${lead}: GitHub's API at ${run.apiUrl} did not answer (${reason}).`, {
            input: 'github-deployment',
            hint: `Check GITHUB_API_URL and githubstatus.com; the deploy itself does not depend on it, ${skip}`,
        });
    }
    const said = `GitHub answered ${error.status} ${error.reason}`;
    if (error.status === 401) {
        return new errors/* ActionError */.l(`${lead}: GitHub refused the token in \`github-token\` (${said}).`, {
            input: 'github-token',
            hint: `Leave \`github-token\` at its default (the job's own token) or give a valid token, ${skip}`,
        });
    }
    if (error.status === 403 && /not accessible by integration/i.test(error.reason)) {
        return new errors/* ActionError */.l(`${lead}: the token in \`github-token\` may not write deployments (${said}).`, {
            input: 'github-token',
            hint: `Add \`deployments: write\` to the job's \`permissions:\` (next to \`id-token: write\`), ${skip}`,
        });
    }
    if (error.status === 404) {
        return new errors/* ActionError */.l(`${lead}: ${said} for repository ${run.repository} at ${run.apiUrl}.`, {
            input: 'github-token',
            hint: `The token cannot see this repository (a token of another repository or app?), or GITHUB_API_URL is not this repository's GitHub; ${skip}`,
        });
    }
    if (error.status === 422 && /no ref found/i.test(error.reason)) {
        return new errors/* ActionError */.l(`${lead}: ${said}: commit ${run.sha} is not in ${run.repository}.`, {
            input: 'github-deployment',
            hint: `A deployment records a commit of this repository (a run for a commit of a fork has none here), ${skip}`,
        });
    }
    return new errors/* ActionError */.l(`${lead}: ${said}.`, {
        input: 'github-deployment',
        hint: error.status >= 500 || error.status === 429
            ? `GitHub is having trouble: re-run later, ${skip}`
            : `Read GitHub's message above, ${skip}`,
    });
}

;// CONCATENATED MODULE: ./src/github/run.ts
// The workflow run this step belongs to, as the runner describes it in its environment variables.
function runUrl(env) {
    if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID)
        return undefined;
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
    return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}
function workflowRun(env) {
    return {
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        repository: env.GITHUB_REPOSITORY ?? '',
        sha: env.GITHUB_SHA ?? '',
        url: runUrl(env),
    };
}

;// CONCATENATED MODULE: ./src/github/plan-comment.ts
// The plan of a pull request, as a comment on it: created on the first run, updated on every later push, so the
// conversation holds one current plan per release. The comment is found again by a marker only the action writes.
// GitHub's answer never decides the run: a failure is a warning, and the plan stays in the job summary.



/** The pull request of a `pull_request` (or `pull_request_target`) run, from its ref `refs/pull/N/merge`. */
function pullRequestNumber(env) {
    if (!/^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? ''))
        return undefined;
    const match = /^refs\/pull\/(\d+)\/(merge|head)$/.exec(env.GITHUB_REF ?? '');
    return match ? Number(match[1]) : undefined;
}
const commentMarker = (release) => `<!-- portkey-azure-deploy plan: ${release.namespace}/${release.name} -->`;
function explain(error, issue) {
    const said = error instanceof GitHubApiError ? `GitHub answered ${error.status} ${error.reason}` : String(error);
    const why = error instanceof GitHubApiError && error.status === 403
        ? 'the token in `github-token` may not write pull request comments: add `pull-requests: write` to the ' +
            "job's `permissions:` (a pull request from a fork gets a read-only token whatever the workflow asks)"
        : 'GitHub did not take the comment';
    return `Could not comment the plan on pull request #${issue} (${said}): ${why}. The plan is in the job summary.`;
}
/** Whether a plan is posted: `plan-comment` is on and the run is for a pull request. */
function commentsPlan(planComment, env = process.env) {
    return planComment && pullRequestNumber(env) !== undefined;
}
/** Creates or updates the plan's comment: its URL, or the warning saying why there is none. */
async function commentPlan(request) {
    const env = request.env ?? process.env;
    const issue = pullRequestNumber(env);
    if (issue === undefined)
        return {};
    const api = issueCommentsApi(workflowRun(env), request.token, request.seams);
    const marker = commentMarker(request.release);
    const body = `${marker}\n${request.markdown}`;
    try {
        const existing = (await api.list(issue)).find((comment) => comment.body.startsWith(marker));
        const comment = existing ? await api.update(existing.id, body) : await api.create(issue, body);
        core/* info */.pq(`${existing ? 'Updated' : 'Posted'} the plan on pull request #${issue}: ${comment.html_url}`);
        return { url: comment.html_url };
    }
    catch (error) {
        const warning = explain(error, issue);
        core/* warning */.$e(warning);
        return { warning };
    }
}

;// CONCATENATED MODULE: ./src/github/index.ts
// The GitHub Deployment of a deploy, around the deploy itself: created for the commit and environment with an
// `in_progress` status before it starts, then `success` with the gateway's URL (earlier deployments of the environment
// marked inactive) or `failure`/`error` with the reason. GitHub's answer never decides the deploy: an API failure is a
// warning, unless `github-deployment: strict`.






/** Runs `deploy` inside the GitHub Deployment's lifetime; any other command, or `github-deployment: false`, as is. */
async function trackGitHubDeployment(tracking, deploy) {
    const { config, outcome, stage } = tracking;
    if (config.command !== 'deploy' || !config.github.record)
        return deploy();
    const env = tracking.env ?? process.env;
    const run = workflowRun(env);
    const recorder = {
        run,
        api: deploymentsApi(run, config.github.token, tracking.seams),
        problem(error, strict = config.github.strict) {
            if (strict)
                throw error;
            const text = [error.message, error.details.hint].filter(Boolean).join(' ');
            core/* warning */.$e(text);
            outcome.warnings.push(text);
        },
    };
    await stage('Record a GitHub Deployment', () => start(tracking, recorder, env, tracking.getIDToken ?? core/* getIDToken */.V9));
    const id = outcome.deployment?.id;
    if (id === undefined)
        return deploy();
    let result;
    try {
        result = await deploy();
    }
    catch (error) {
        // The run has failed already: a GitHub problem now is only worth a warning, never a second error.
        await stage('Update the GitHub Deployment', () => finish(id, tracking, recorder, error));
        throw error;
    }
    await stage('Update the GitHub Deployment', () => finish(id, tracking, recorder));
    return result;
}
/** The job's environment, from the `environment` claim of its OIDC token (GitHub sets no variable for it). */
async function jobEnvironment(env, recorder, getIDToken) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL)
        return undefined;
    try {
        return (0,github_token/* decodeJwtClaims */.dG)(await getIDToken()).environment; // the toolkit masks the token
    }
    catch (error) {
        recorder.problem(new errors/* ActionError */.l(`Could not read the job's GitHub environment from its OIDC token: ${error.message}`, {
            input: 'github-deployment-environment',
            hint: 'Name the environment in `github-deployment-environment`, or set `github-deployment: false`.',
        }));
        return undefined;
    }
}
async function start({ config, outcome }, recorder, env, getIDToken) {
    const { run, api } = recorder;
    if (!config.github.token) {
        recorder.problem(new errors/* ActionError */.l('Could not record the GitHub Deployment: `github-token` is empty.', {
            input: 'github-token',
            hint: "Leave `github-token` at its default (the job's own token), or set `github-deployment: false`.",
        }));
        return;
    }
    const fromJob = config.github.environment ? undefined : await jobEnvironment(env, recorder, getIDToken);
    const environment = chooseEnvironment(config.github.environment, fromJob);
    if (!environment) {
        const why = 'No GitHub Deployment recorded: the job names no GitHub environment (`environment:`) and `github-deployment-environment` is empty.';
        if (config.github.strict) {
            throw new errors/* ActionError */.l(why, {
                input: 'github-deployment-environment',
                hint: 'Give the job an `environment:` (with `permissions: id-token: write`, so the action can read it), or name one in `github-deployment-environment`.',
            });
        }
        core/* info */.pq(why);
        return;
    }
    core/* info */.pq(`Recording commit ${run.sha.slice(0, 12)} in GitHub environment ${environment} (API ${run.apiUrl}).`);
    let id;
    try {
        ({ id } = await api.create(newDeployment(config, run, environment)));
    }
    catch (error) {
        recorder.problem(explainApiFailure(error, run, 'create the GitHub Deployment'));
        return;
    }
    outcome.deployment = { id, environment, state: 'created' };
    core/* info */.pq(`GitHub Deployment ${id} created.`);
    try {
        await api.addStatus(id, startedStatus(config, run));
        outcome.deployment.state = 'in_progress';
        core/* info */.pq(`GitHub Deployment ${id}: in_progress.`);
    }
    catch (error) {
        recorder.problem(explainApiFailure(error, run, `mark GitHub Deployment ${id} in progress`));
    }
}
async function finish(id, { outcome }, recorder, error) {
    const { run, api } = recorder;
    const strict = error === undefined ? undefined : false;
    const status = finishedStatus(outcome, run, error);
    try {
        await api.addStatus(id, status);
    }
    catch (caught) {
        recorder.problem(explainApiFailure(caught, run, `mark GitHub Deployment ${id} ${status.state}`), strict);
        return;
    }
    if (outcome.deployment)
        outcome.deployment.state = status.state;
    const url = status.environment_url ? ` at ${status.environment_url}` : '';
    core/* info */.pq(`GitHub Deployment ${id}: ${status.state}${url}.`);
    if (status.state === 'success')
        await inactivateReplaced(id, outcome.deployment?.environment ?? '', recorder);
}
/**
 * The deployments this one replaces stop showing as active. GitHub does it by itself only for non-production
 * environments; walking back stops at the first inactive one, everything older was made inactive before it.
 */
async function inactivateReplaced(id, environment, recorder) {
    const { run, api } = recorder;
    try {
        for (const earlier of replacedBy(id, await api.list(environment))) {
            const state = await api.latestState(earlier.id);
            if (state === 'inactive')
                break;
            if (state !== 'success')
                continue;
            await api.addStatus(earlier.id, {
                state: 'inactive',
                description: `Replaced by deployment ${id}`,
                log_url: run.url,
            });
            core/* info */.pq(`GitHub Deployment ${earlier.id}: inactive (replaced by ${id}).`);
        }
    }
    catch (error) {
        recorder.problem(explainApiFailure(error, run, `mark the earlier deployments of ${environment} inactive`));
    }
}


// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/inputs/scalars.ts
// Pure parsers for single-line inputs. Each throws InvalidInput with a sentence about the value; the caller
// (context.ts) prefixes the input's name, so every message reads "`input`: what is wrong: what to write".
class InvalidInput extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidInput';
    }
}
const quote = (raw) => JSON.stringify(raw);
/** Only `true` and `false`: a typo like `ture` must not silently mean false. */
function parseBoolean(raw) {
    if (raw === 'true')
        return true;
    if (raw === 'false')
        return false;
    throw new InvalidInput(`${quote(raw)} is not a boolean: write true or false.`);
}
/** `10m`, `90s`, `1h`, `1h30m` or plain seconds (`600`), in seconds. */
function parseDuration(raw, { allowZero = false } = {}) {
    const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(raw) ?? /^()()(\d+)$/.exec(raw);
    if (!raw || !match) {
        throw new InvalidInput(`${quote(raw)} is not a duration: write it like 10m, 90s, 1h30m or a number of seconds.`);
    }
    const [hours, minutes, seconds] = match.slice(1).map((part) => Number(part || 0));
    const total = hours * 3600 + minutes * 60 + seconds;
    if (total === 0 && !allowZero)
        throw new InvalidInput(`${quote(raw)} is zero: give a positive duration.`);
    return total;
}
function parseInteger(raw, min, max) {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        throw new InvalidInput(`${quote(raw)} is not a whole number from ${min} to ${max}.`);
    }
    return Number(raw);
}
const parsePort = (raw) => parseInteger(raw, 1, 65535);
/** One of `choices`, returned in its canonical spelling; `ignoreCase` where other tools accept any case. */
function parseChoice(raw, choices, { ignoreCase = false } = {}) {
    const found = choices.find((choice) => choice === raw || (ignoreCase && choice.toLowerCase() === raw.toLowerCase()));
    if (found !== undefined)
        return found;
    const shown = choices.map((choice) => (choice ? `\`${choice}\`` : 'empty')).join(', ');
    throw new InvalidInput(`${quote(raw)} is not one of ${shown}.`);
}
/** Items separated by newlines or commas, trimmed, empties dropped. */
function splitList(raw) {
    return raw
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter(Boolean);
}
function parseHttpUrl(raw, { httpsOnly = false } = {}) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        url = undefined;
    }
    const schemes = httpsOnly ? ['https:'] : ['https:', 'http:'];
    if (!url || !schemes.includes(url.protocol)) {
        throw new InvalidInput(`${quote(raw)} is not an ${httpsOnly ? 'https://' : 'http(s)://'} URL.`);
    }
    return raw.replace(/\/+$/, '');
}
/** `4.1.4`, `4.1`, `latest`; a leading `v` is dropped. */
function parseToolVersion(raw) {
    const version = raw.replace(/^v/, '');
    if (version === 'latest' || /^\d+\.\d+(\.\d+(-[0-9A-Za-z.-]+)?)?$/.test(version))
        return version;
    throw new InvalidInput(`${quote(raw)} is not a version: write an exact version (4.1.4), X.Y, or latest.`);
}
function parseSha256(raw) {
    if (/^[0-9a-fA-F]{64}$/.test(raw))
        return raw.toLowerCase();
    throw new InvalidInput(`${quote(raw)} is not a SHA-256 (64 hexadecimal characters).`);
}
const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** An IPv4 or IPv6 address with an optional prefix length, as Azure's allowed-ip-ranges annotation takes. */
function parseCidr(raw) {
    const [address, prefix, extra] = raw.split('/');
    const v4 = ipv4.test(address);
    const v6 = !v4 && /^[0-9a-fA-F:]+$/.test(address) && address.includes(':');
    const maxPrefix = v4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
    if ((v4 || v6) && prefixOk && extra === undefined)
        return raw;
    throw new InvalidInput(`${quote(raw)} is not an IP range: write CIDR ranges like 203.0.113.0/24.`);
}
/** A bare host name (no scheme, no path), for hosts the action builds URLs from. */
function parseHostName(raw) {
    if (/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d+)?$/.test(raw))
        return raw;
    throw new InvalidInput(`${quote(raw)} is not a host name: give the host alone, without https:// or a path.`);
}

;// CONCATENATED MODULE: ./src/inputs/chart-source.ts

function classifyChart(chart, repositoryUrl, isDirectory) {
    if (chart.startsWith('oci://')) {
        if (chart.length <= 'oci://'.length || /\s/.test(chart)) {
            throw new InvalidInput(`${JSON.stringify(chart)} is not an OCI reference: write oci://registry/path/chart.`);
        }
        return { kind: 'oci', reference: chart };
    }
    if (/^(\.{1,2})?\//.test(chart) || isDirectory(chart)) {
        if (!isDirectory(chart))
            throw new InvalidInput(`no chart folder at ${JSON.stringify(chart)}.`);
        return { kind: 'local', path: chart };
    }
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(chart)) {
        const hint = chart.includes('/')
            ? ` A repository alias like portkey-ai/gateway does not work here: give the chart name (gateway) and its repository URL in \`chart-repository\`.`
            : '';
        throw new InvalidInput(`${JSON.stringify(chart)} is not a chart name, an oci:// reference or a local path.${hint}`);
    }
    return { kind: 'repository', repositoryUrl, name: chart };
}

;// CONCATENATED MODULE: ./src/inputs/defaults.ts
// The defaults action.yml declares, kept here because they matter twice: a runner applies them, but a named input
// still at its default ranks below the user's values files (see src/values/), so we must know what "default" is.
// __tests__/inputs/defaults.test.ts keeps this table and action.yml in step.
const INPUT_DEFAULTS = {
    command: 'deploy',
    environment: 'AzureCloud',
    admin: 'false',
    'private-cluster': 'auto',
    'export-kubeconfig': 'false',
    'helm-version': '4.1.4',
    'kubectl-version': '1.35.2',
    'helm-download-url': 'https://get.helm.sh',
    'kubectl-download-url': 'https://dl.k8s.io',
    'release-name': 'portkey-ai',
    namespace: 'portkeyai',
    'create-namespace': 'true',
    chart: 'gateway',
    'chart-repository': 'https://portkey-ai.github.io/helm',
    'chart-version': '1.7.7',
    'service-name': 'gateway',
    'registry-server': 'https://index.docker.io/v1/',
    'create-service-account': 'true',
    'server-mode': 'gateway',
    'mcp-port': '8788',
    'mcp-service': 'false',
    'service-type': 'LoadBalancer',
    'service-port': '8787',
    'container-port': '8787',
    'load-balancer': 'public',
    cache: 'none',
    'redis-cluster': 'false',
    'azure-auth-mode': 'managed',
    'control-plane': 'internet',
    'control-plane-host': 'azure-cp.privatelink-az.portkey.ai',
    timeout: '10m',
    'fail-on-changes': 'false',
    'plan-comment': 'true',
    'rollback-on-failure': 'true',
    'recover-stuck-release': 'false',
    'wait-for-pending': '2m',
    'address-timeout': '5m',
    'smoke-test': 'true',
    'smoke-test-path': '/v1/health',
    'smoke-test-expected-status': '200',
    'smoke-test-timeout': '2m',
    'smoke-test-provider': 'openai',
    'github-deployment': 'true',
    'github-token': '${{ github.token }}',
};
/** The inputs whose values are secrets: masked with core.setSecret the moment they are read. */
const SECRET_INPUTS = [
    'portkey-client-auth',
    'registry-password',
    'redis-password',
    'azure-storage-key',
    'azure-entra-client-secret',
    'smoke-test-provider-key',
    'smoke-test-portkey-api-key',
    'kubeconfig',
    'github-token',
];

;// CONCATENATED MODULE: ./src/inputs/env-lines.ts
// `KEY=VALUE` lines for the `env` and `secret-env` inputs. Problems never quote a value: in `secret-env` it is a
// secret, and a line without `=` may be nothing but one.
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseEnvLines(raw) {
    const values = {};
    const problems = [];
    raw.split('\n').forEach((text, index) => {
        const line = text.trim();
        if (!line || line.startsWith('#'))
            return;
        const equals = line.indexOf('=');
        if (equals < 0) {
            problems.push(`line ${index + 1} has no '=': write KEY=VALUE, one per line.`);
            return;
        }
        const key = line.slice(0, equals).trim();
        if (!variableName.test(key)) {
            problems.push(`line ${index + 1}: ${JSON.stringify(key)} is not a valid variable name: use letters, digits and '_', not starting with a digit.`);
            return;
        }
        values[key] = line.slice(equals + 1).trim();
    });
    return { values, problems };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/inputs/kubeconfig.ts
// The `kubeconfig` input: the file's content or its path. Everything secret in it is returned for masking,
// even when the content turns out not to be a kubeconfig (the caller masks first, then reports).


const credentialKey = /token|secret|password|key-data|certificate-data/i;
function credentialsIn(node, key = '') {
    if (typeof node === 'string')
        return credentialKey.test(key) && node ? [node] : [];
    if (Array.isArray(node))
        return node.flatMap((item) => credentialsIn(item, key));
    if (node && typeof node === 'object') {
        return Object.entries(node).flatMap(([childKey, child]) => credentialsIn(child, childKey));
    }
    return [];
}
function parseQuietly(content) {
    try {
        return (0,dist/* parse */.qg)(content);
    }
    catch {
        return undefined;
    }
}
function readKubeconfig(raw, readFile) {
    const looksLikeContent = raw.includes('\n') || /^\s*(\{|apiVersion\s*:|kind\s*:|clusters\s*:)/.test(raw);
    let content = raw;
    if (!looksLikeContent) {
        try {
            content = readFile(raw);
        }
        catch {
            throw new InvalidInput('is neither a kubeconfig nor the path of a readable file.');
        }
    }
    const parsed = parseQuietly(content);
    if (!parsed || typeof parsed !== 'object' || !('clusters' in parsed)) {
        return { content, secrets: [content], problem: 'is not a kubeconfig (YAML with clusters, users and contexts).' };
    }
    return { content, secrets: [content, ...credentialsIn(parsed.users)] };
}

;// CONCATENATED MODULE: ./src/inputs/names.ts
// Kubernetes names. The release name also prefixes a Service name, and Service names must start with a letter,
// so it is held to the stricter rule.

function parseReleaseName(raw) {
    if (/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(raw) && raw.length <= 53)
        return raw;
    throw new InvalidInput(`${JSON.stringify(raw)} is not a valid release name: use lower-case letters, digits and '-', starting with a letter, at most 53 characters.`);
}
function parseNamespace(raw) {
    if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw) && raw.length <= 63)
        return raw;
    throw new InvalidInput(`${JSON.stringify(raw)} is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.`);
}
function parseServiceAccountName(raw) {
    const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
    if (new RegExp(`^${label}(\\.${label})*$`).test(raw) && raw.length <= 253)
        return raw;
    throw new InvalidInput(`${JSON.stringify(raw)} is not a valid service account name: use lower-case letters, digits, '-' and '.'.`);
}

;// CONCATENATED MODULE: ./src/inputs/key-path.ts
// Key paths as `set` writes them: dots separate keys, `\.` is a dot inside a key, `[N]` indexes a list.
// `service.annotations.service\.beta\.kubernetes\.io/azure-pip-name`, `imageCredentials[0].username`.

function parseKeyPath(raw) {
    const path = [];
    let key = '';
    let keyStarted = false;
    const endKey = () => {
        if (!keyStarted)
            throw new InvalidInput(`${JSON.stringify(raw)} has an empty key: write keys like a.b\\.c[0].d.`);
        path.push(key);
        key = '';
        keyStarted = false;
    };
    for (let i = 0; i < raw.length; i++) {
        const char = raw[i];
        if (char === '\\' && i + 1 < raw.length) {
            key += raw[++i];
            keyStarted = true;
        }
        else if (char === '.') {
            if (keyStarted)
                endKey();
            else if (typeof path[path.length - 1] !== 'number')
                endKey();
        }
        else if (char === '[') {
            if (keyStarted)
                endKey();
            const close = raw.indexOf(']', i);
            const index = raw.slice(i + 1, close);
            if (close < 0 || !/^\d+$/.test(index) || path.length === 0) {
                throw new InvalidInput(`${JSON.stringify(raw)} has a bad list index: write it like list[0].key.`);
            }
            path.push(Number(index));
            i = close;
            if (i + 1 < raw.length && raw[i + 1] !== '.' && raw[i + 1] !== '[') {
                throw new InvalidInput(`${JSON.stringify(raw)} needs a '.' after ${raw.slice(0, i + 1)}.`);
            }
        }
        else {
            key += char;
            keyStarted = true;
        }
    }
    if (keyStarted || path.length === 0 || typeof path[path.length - 1] !== 'number')
        endKey();
    return path;
}
/** The inverse of parseKeyPath: how keys are named in warnings and errors. */
function formatKeyPath(path) {
    return path
        .map((part, i) => typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${part.replace(/\\/g, '\\\\').replace(/\./g, '\\.')}`)
        .join('');
}

;// CONCATENATED MODULE: ./src/inputs/set-lines.ts


/** What `helm --set` makes of a bare value: booleans, null and plain numbers; anything else stays a string. */
function typeSetValue(raw) {
    if (/^(true|false)$/i.test(raw))
        return raw.toLowerCase() === 'true';
    if (/^null$/i.test(raw))
        return null;
    if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(raw) && Number.isSafeInteger(Math.trunc(Number(raw))))
        return Number(raw);
    return raw;
}
function parseSetLine(line) {
    const equals = line.indexOf('=');
    if (equals < 0)
        throw new InvalidInput(`no '=' found: write path=value, path:string=value or path:json=value.`);
    let key = line.slice(0, equals).trim();
    const raw = line.slice(equals + 1).trim();
    let type = 'auto';
    const typed = /:(string|json)$/.exec(key);
    if (typed) {
        type = typed[1];
        key = key.slice(0, typed.index);
    }
    const path = parseKeyPath(key);
    let value = raw;
    if (type === 'auto')
        value = typeSetValue(raw);
    if (type === 'json') {
        try {
            value = JSON.parse(raw);
        }
        catch {
            // JSON.parse's own message quotes the text, which may be a secret.
            throw new InvalidInput(`the value of ${key}:json is not valid JSON.`);
        }
    }
    return { path, type, raw, value };
}
function parseSetLines(raw) {
    const lines = [];
    const problems = [];
    raw.split('\n').forEach((text, index) => {
        const line = text.trim();
        if (!line || line.startsWith('#'))
            return;
        try {
            lines.push(parseSetLine(line));
        }
        catch (error) {
            if (!(error instanceof InvalidInput))
                throw error;
            problems.push(`line ${index + 1}: ${error.message}`);
        }
    });
    return { lines, problems };
}

// EXTERNAL MODULE: ./src/secrets.ts
var src_secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/inputs/read-inputs.ts
// The input contract of action.yml, read once into ActionConfig before anything touches the network.
// Secrets are masked the moment they are read; every problem is collected and thrown together, each line
// naming its input, so one failed run shows the workflow author everything to fix.











const AZURE_SIGN_IN_INPUTS = ['client-id', 'tenant-id', 'subscription-id', 'resource-group', 'cluster-name'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isDirectory(path) {
    try {
        return (0,external_node_fs_.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * An input's action.yml default as a value. A default that is an expression (`${{ github.token }}`) is the runner's
 * to fill in: where it was not (a run outside a runner), there is no value.
 */
function literalDefault(name) {
    const value = INPUT_DEFAULTS[name] ?? '';
    return value.startsWith('${{') ? '' : value;
}
/** Reads inputs (action.yml defaults filled in), masks secrets on sight, and collects problems. */
class InputReader {
    getInput;
    secrets;
    problems = [];
    read = new Set();
    constructor(getInput, secrets) {
        this.getInput = getInput;
        this.secrets = secrets;
    }
    /** The trimmed input or its action.yml default. `kubeconfig` is masked by readKubeconfigInput, content not path. */
    raw(name) {
        this.read.add(name);
        const value = this.getInput(name).trim() || literalDefault(name);
        if (SECRET_INPUTS.includes(name) && name !== 'kubeconfig')
            this.secrets.add(value);
        return value;
    }
    problem(name, message) {
        this.problems.push(`\`${name}\`: ${message}`);
    }
    /** Parses a non-empty input; an empty one gives `empty` without parsing. */
    parse(name, parse, empty) {
        const raw = this.raw(name);
        if (!raw)
            return empty;
        try {
            return parse(raw);
        }
        catch (error) {
            if (!(error instanceof InvalidInput))
                throw error;
            this.problem(name, error.message);
            return empty;
        }
    }
    bool = (name) => this.parse(name, parseBoolean, false);
    seconds = (name, allowZero = false) => this.parse(name, (raw) => parseDuration(raw, { allowZero }), 0);
    port = (name) => this.parse(name, parsePort, 0);
    choice = (name, choices, options) => this.parse(name, (raw) => parseChoice(raw, choices, options), choices[0]);
    url = (name, httpsOnly = false) => this.parse(name, (raw) => parseHttpUrl(raw, { httpsOnly }), '');
    lines(name, parse) {
        const parsed = parse(this.raw(name));
        for (const message of parsed.problems)
            this.problem(name, message);
        return parsed;
    }
    /** Inputs read so far whose value differs from their action.yml default (or is given, without a default). */
    changedInputs() {
        return [...this.read].filter((name) => {
            const given = this.getInput(name).trim();
            const fromRunner = INPUT_DEFAULTS[name] !== undefined && !literalDefault(name);
            return given !== '' && !fromRunner && given !== (INPUT_DEFAULTS[name] ?? '');
        });
    }
}
function readChart(input) {
    const chart = input.raw('chart');
    const repositoryUrl = input.url('chart-repository');
    let source = { kind: 'repository', repositoryUrl, name: chart };
    try {
        source = classifyChart(chart, repositoryUrl, isDirectory);
    }
    catch (error) {
        if (!(error instanceof InvalidInput))
            throw error;
        input.problem('chart', error.message);
    }
    return {
        source,
        version: source.kind === 'local' ? '' : input.raw('chart-version'),
        releaseName: input.parse('release-name', parseReleaseName, ''),
        namespace: input.parse('namespace', parseNamespace, ''),
        createNamespace: input.bool('create-namespace'),
    };
}
function readPortkey(input) {
    const secretEnv = input.lines('secret-env', parseEnvLines).values;
    input.secrets.add(...Object.values(secretEnv));
    const registry = {
        username: input.raw('registry-username'),
        password: input.raw('registry-password'),
        server: input.raw('registry-server'),
    };
    const imagePullSecret = input.raw('image-pull-secret');
    if (imagePullSecret && (registry.username || registry.password)) {
        input.problem('image-pull-secret', 'cannot be combined with `registry-username`/`registry-password`: use an existing pull secret or let the chart create one from the credentials, not both.');
    }
    else if (Boolean(registry.username) !== Boolean(registry.password)) {
        const missing = registry.username ? 'registry-password' : 'registry-username';
        input.problem(missing, 'is required together with the other registry credential.');
    }
    const cache = input.choice('cache', ['none', 'builtin', 'external']);
    const redisUrl = input.raw('redis-url');
    // Not a secret input, but a URL may carry the password (rediss://:password@host).
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s@]+@/i.test(redisUrl))
        input.secrets.add(redisUrl);
    if (redisUrl && cache !== 'external')
        input.problem('redis-url', 'is only used with `cache: external`.');
    const ingressClass = input.raw('ingress-class');
    for (const host of ['ingress-host', 'mcp-host']) {
        if (input.raw(host) && !ingressClass)
            input.problem(host, 'needs `ingress-class`: the host names live on the Ingress.');
    }
    const serverMode = input.choice('server-mode', ['gateway', 'all', 'mcp']);
    const serviceAccountName = input.parse('service-account-name', parseServiceAccountName, '');
    const createServiceAccount = input.bool('create-service-account');
    if (!createServiceAccount && !serviceAccountName) {
        input.problem('create-service-account', '`false` needs `service-account-name`: the existing service account to use.');
    }
    const hostName = (name) => input.parse(name, parseHostName, '');
    return {
        clientAuth: input.raw('portkey-client-auth'),
        organisationsToSync: splitList(input.raw('organisations-to-sync')).join(','),
        serviceName: input.raw('service-name'),
        gatewayImageRepository: input.raw('gateway-image-repository'),
        gatewayImageTag: input.raw('gateway-image-tag'),
        replicas: input.parse('replicas', (raw) => parseInteger(raw, 0, 1000), undefined),
        registry,
        imagePullSecret,
        serviceAccountName,
        createServiceAccount,
        serverMode: serverMode === 'gateway' ? '' : serverMode,
        mcpPort: input.port('mcp-port'),
        mcpGatewayBaseUrl: input.raw('mcp-gateway-base-url'),
        mcpService: input.bool('mcp-service'),
        serviceType: input.choice('service-type', ['LoadBalancer', 'ClusterIP', 'NodePort']),
        servicePort: input.port('service-port'),
        containerPort: input.port('container-port'),
        loadBalancer: input.choice('load-balancer', ['public', 'internal']),
        allowedIpRanges: input.parse('allowed-ip-ranges', (raw) => splitList(raw).map(parseCidr), []),
        staticIpName: input.raw('static-ip-name'),
        staticIpResourceGroup: input.raw('static-ip-resource-group'),
        ingressClass,
        ingressHost: hostName('ingress-host'),
        mcpHost: hostName('mcp-host'),
        cache,
        redis: {
            url: redisUrl,
            password: input.raw('redis-password'),
            authMode: input.choice('redis-auth-mode', ['', 'password', 'workload', 'managed', 'entra']),
            cluster: input.bool('redis-cluster'),
        },
        logStore: input.choice('log-store', ['', 'azure', 's3', 'wasabi', 'gcs', 'mongo']),
        blob: {
            account: input.raw('azure-storage-account'),
            container: input.raw('azure-storage-container'),
            authMode: input.choice('azure-auth-mode', ['managed', 'key', 'workload', 'entra']),
            key: input.raw('azure-storage-key'),
            managedClientId: input.raw('azure-managed-client-id'),
            workloadClientId: input.raw('azure-workload-client-id'),
            entraClientId: input.raw('azure-entra-client-id'),
            entraClientSecret: input.raw('azure-entra-client-secret'),
            entraTenantId: input.raw('azure-entra-tenant-id'),
        },
        logStoreFilePathFormat: input.choice('log-store-file-path-format', ['', 'v1', 'v2']),
        controlPlane: input.choice('control-plane', ['internet', 'private-link']),
        controlPlaneHost: hostName('control-plane-host'),
        env: input.lines('env', parseEnvLines).values,
        secretEnv,
    };
}
function readGitHubDeployment(input) {
    const mode = input.choice('github-deployment', ['true', 'false', 'strict']);
    const token = input.raw('github-token');
    const environment = input.raw('github-deployment-environment');
    // GitHub's limit for environment names.
    if (environment.length > 255)
        input.problem('github-deployment-environment', 'is longer than 255 characters.');
    return {
        record: mode !== 'false',
        strict: mode === 'strict',
        token,
        environment,
        planComment: input.bool('plan-comment'),
    };
}
function readKubeconfigInput(input) {
    const raw = input.raw('kubeconfig');
    if (!raw)
        return '';
    try {
        const kubeconfig = readKubeconfig(raw, (path) => (0,external_node_fs_.readFileSync)(path, 'utf8'));
        input.secrets.add(...kubeconfig.secrets);
        if (kubeconfig.problem)
            input.problem('kubeconfig', kubeconfig.problem);
        return kubeconfig.content;
    }
    catch (error) {
        if (!(error instanceof InvalidInput))
            throw error;
        input.problem('kubeconfig', error.message);
        return '';
    }
}
const PRIVATE_CLUSTER = { auto: 'auto', true: 'run-command', false: 'direct' };
/** Inputs a self-hosted runner with Azure workload identity provides through its environment instead. */
const WORKLOAD_IDENTITY_ENV = {
    'client-id': 'AZURE_CLIENT_ID',
    'tenant-id': 'AZURE_TENANT_ID',
};
function getConfig(getInput = (name) => core/* getInput */.V4(name), env = process.env, secrets = new src_secrets/* SecretSet */.rE()) {
    const input = new InputReader(getInput, secrets);
    const command = input.choice('command', ['deploy', 'plan', 'render', 'uninstall']);
    const kubeconfig = readKubeconfigInput(input);
    const guid = (name) => input.parse(name, (raw) => {
        if (!GUID.test(raw))
            throw new InvalidInput(`${JSON.stringify(raw)} is not a GUID (xxxxxxxx-xxxx-...).`);
        return raw;
    }, '');
    const config = {
        command,
        azure: {
            clientId: guid('client-id'),
            tenantId: input.raw('tenant-id'),
            subscriptionId: guid('subscription-id'),
            // Azure/login and the az CLI accept any case (`azurecloud`): workflows copied from them must keep working.
            cloud: input.choice('environment', ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'], {
                ignoreCase: true,
            }),
            authorityHost: input.url('authority-host', true),
            resourceManagerEndpoint: input.url('resource-manager-endpoint', true),
            oidcAudience: input.raw('oidc-audience'),
        },
        cluster: {
            resourceGroup: input.raw('resource-group'),
            clusterName: input.raw('cluster-name'),
            admin: input.bool('admin'),
            privateCluster: PRIVATE_CLUSTER[input.choice('private-cluster', ['auto', 'true', 'false'])],
            kubeconfig,
            exportKubeconfig: input.bool('export-kubeconfig'),
        },
        tools: {
            helm: {
                version: input.parse('helm-version', parseToolVersion, ''),
                downloadBaseUrl: input.url('helm-download-url'),
                sha256: input.parse('helm-sha256', parseSha256, ''),
            },
            kubectl: {
                version: input.parse('kubectl-version', parseToolVersion, ''),
                downloadBaseUrl: input.url('kubectl-download-url'),
                sha256: input.parse('kubectl-sha256', parseSha256, ''),
            },
        },
        chart: readChart(input),
        values: {
            files: splitList(input.raw('values-files')),
            inline: input.raw('values'),
            set: input.lines('set', parseSetLines).lines,
            changedInputs: [],
        },
        portkey: readPortkey(input),
        deploy: {
            timeoutSeconds: input.seconds('timeout'),
            rollbackOnFailure: input.bool('rollback-on-failure'),
            recoverStuckRelease: input.bool('recover-stuck-release'),
            waitForPendingSeconds: input.seconds('wait-for-pending', true),
        },
        addressTimeoutSeconds: input.seconds('address-timeout'),
        failOnChanges: input.bool('fail-on-changes'),
        smokeTest: {
            enabled: input.bool('smoke-test'),
            url: input.url('smoke-test-url'),
            path: input.parse('smoke-test-path', (raw) => {
                if (!raw.startsWith('/'))
                    throw new InvalidInput(`${JSON.stringify(raw)} must start with '/'.`);
                return raw;
            }, '/'),
            expectedStatus: input.parse('smoke-test-expected-status', (raw) => parseInteger(raw, 100, 599), 200),
            expectedBody: input.raw('smoke-test-expected-body'),
            timeoutSeconds: input.seconds('smoke-test-timeout'),
            chat: {
                model: input.raw('smoke-test-chat-model'),
                provider: input.raw('smoke-test-provider'),
                providerKey: input.raw('smoke-test-provider-key'),
                portkeyApiKey: input.raw('smoke-test-portkey-api-key'),
                customHost: input.url('smoke-test-custom-host'),
            },
        },
        github: readGitHubDeployment(input),
    };
    config.values.changedInputs = input.changedInputs();
    if (kubeconfig && config.cluster.privateCluster === 'run-command') {
        input.problem('private-cluster', 'is `true`, but runCommand goes through Azure Resource Manager and `kubeconfig` skips the Azure sign-in: give the Azure sign-in inputs instead of `kubeconfig`, or set `private-cluster: false`.');
    }
    if (command !== 'render' && !kubeconfig) {
        for (const name of AZURE_SIGN_IN_INPUTS) {
            const fromWorkloadIdentity = env.AZURE_FEDERATED_TOKEN_FILE && env[WORKLOAD_IDENTITY_ENV[name] ?? ''];
            if (!input.raw(name) && !fromWorkloadIdentity) {
                input.problem(name, `is required for \`command: ${command}\` (or give \`kubeconfig\` to skip Azure sign-in).`);
            }
        }
    }
    // Names only, never values: the log shows what this step was given without showing a secret.
    core/* info */.pq(input.problems.length > 0
        ? `command: ${command}; ${input.problems.length} problem(s) with the inputs, listed in the error below.`
        : `command: ${command}; inputs set differently from action.yml's defaults: ${config.values.changedInputs.join(', ') || 'none'}.`);
    if (input.problems.length > 0)
        throw new errors/* ValidationError */.y(input.problems);
    return config;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
// GitHub-flavoured Markdown for the job summary, where any text may come from outside: an input's value, helm's
// stderr, a pod's log. GitHub renders the summary as Markdown with HTML allowed, so `<docker-user>` would vanish as
// an unknown tag and `*`, `_` or `|` would restyle or split a table. Our own messages mark input names and values
// with backticks; those stay code spans, everything else is escaped to read exactly as written.
/** Characters that start inline syntax anywhere in a line (emphasis, links, strikethrough, table cells, escapes). */
const INLINE_SYNTAX = /[\\*_[\]~|]/g;
/** What turns a line into a heading, list item or setext underline when it comes first (`1.` escaped at its dot). */
const LINE_START_SYNTAX = /^(\s*)(\d*)([#+=.)-])/;
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Plain text that renders verbatim inside a line: no emphasis, links or tags. */
function plain(text) {
    return escapeHtml(text)
        .replace(INLINE_SYNTAX, (c) => `\\${c}`)
        .replace(/`/g, '\\`');
}
/** Text that begins a line or list item must not read as a heading or another list's marker either. */
function lineStart(markdown) {
    return markdown.replace(LINE_START_SYNTAX, (match, space, digits, marker) => digits && !'.)'.includes(marker) ? match : `${space}${digits}\\${marker}`);
}
/** A code span that no backtick inside can close early (CommonMark: a longer fence, padded when needed). */
function code(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}
/** One line of one of our messages, as a line of its own: its `backticked` parts stay code, the rest is plain. */
function inline(text) {
    const parts = [];
    let last = 0;
    for (const match of text.matchAll(/`([^`\n]+)`/g)) {
        parts.push(plain(text.slice(last, match.index)), code(match[1]));
        last = match.index + match[0].length;
    }
    parts.push(plain(text.slice(last)));
    return lineStart(parts.join(''));
}
/**
 * A message of several lines as Markdown blocks: `  - item` lines (how ValidationError lists problems) become a
 * list, other consecutive lines one paragraph with line breaks kept.
 */
function block(text) {
    const blocks = [];
    let paragraph = [];
    let list = [];
    const flush = () => {
        if (paragraph.length)
            blocks.push(paragraph.join('\\\n'));
        if (list.length)
            blocks.push(list.join('\n'));
        paragraph = [];
        list = [];
    };
    for (const line of text.split(/\r?\n/)) {
        const item = /^\s*- (.*)$/.exec(line);
        if (item) {
            if (paragraph.length)
                flush();
            list.push(`- ${inline(item[1])}`);
        }
        else if (line.trim()) {
            if (list.length)
                flush();
            paragraph.push(inline(line.trim()));
        }
        else {
            flush();
        }
    }
    flush();
    return blocks.join('\n\n');
}
/** An http(s) URL as a link showing itself; anything else as code. */
function url(text) {
    return /^https?:\/\/[^\s<>()[\]`]+$/.test(text) ? `[${plain(text)}](${text})` : code(text);
}
/** A table cell: pipes escaped (also inside code spans, as GFM requires), line breaks kept as <br>. */
function cell(markdown) {
    return markdown.replace(/(?<!\\)\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
/** A table of Markdown cells (callers give every header and cell some text: an empty cell reads as missing data). */
function table(header, rows) {
    return [
        `| ${header.map(cell).join(' | ')} |`,
        `| ${header.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ].join('\n');
}
/** A fenced block that no line of the text can close early; `language` colours it (`diff`). */
function fenced(text, language = 'text') {
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${text}\n${fence}`;
}

;// CONCATENATED MODULE: ./src/report/plan-section.ts

const ACTION_WORDS = { add: 'to add', change: 'to change', remove: 'to remove' };
function secretKeyLine(keys) {
    const parts = [
        keys.added.length && `added ${keys.added.join(', ')}`,
        keys.changed.length && `changed ${keys.changed.join(', ')}`,
        keys.removed.length && `removed ${keys.removed.join(', ')}`,
    ].filter(Boolean);
    return `Secret keys ${plain(parts.join('; '))} (values not shown).`;
}
function planSection(plan) {
    const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'nothing deployed yet';
    const parts = [`### Plan: ${plan.headline}`, `Against ${against} of release ${code(plan.release.name)}.`];
    for (const change of plan.resources) {
        const body = [change.secretKeys && secretKeyLine(change.secretKeys), change.diff && fenced(change.diff, 'diff')];
        parts.push([
            `<details><summary>${escapeHtml(change.resource)} ${ACTION_WORDS[change.action]}</summary>`,
            ...body.filter(Boolean),
            '</details>',
        ].join('\n\n'));
    }
    if (plan.values.length) {
        const shown = (secret, text) => (secret ? 'secret' : text ? code(text) : 'none');
        const rows = plan.values.map((value) => [
            code(value.key),
            value.action,
            plain(value.source ?? 'removed'),
            shown(value.secret, value.before),
            shown(value.secret, value.after),
        ]);
        parts.push(table(['Value', 'Change', 'From', 'Before', 'After'], rows));
    }
    return parts.join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/summary.ts
// The job summary, in the order a person reads it: on failure what failed, which input, what to do and the evidence
// come first; then the release and where it runs, its endpoints, workloads, checks, timings and warnings. Every text
// that may come from outside (inputs, helm, pods) goes through markdown.ts, so it reads exactly as written. Known
// secrets are cut from the outcome before any of it is formatted, and once more from the result.






function headline(o) {
    const verb = { deploy: 'deployed', plan: 'planned', uninstall: 'uninstalled', render: 'rendered' }[o.command];
    // Inputs refused before the release was known leave nothing to name.
    const target = o.release.name ? `: ${code(o.release.name)} in ${code(o.release.namespace)}` : '';
    return o.succeeded
        ? `## ✅ Portkey AI Gateway ${verb}${target}`
        : `## ❌ Portkey AI Gateway ${o.command} failed${target}`;
}
function failure(error) {
    const parts = ['### What failed', block(error.message)];
    if (error.input)
        parts.push(`**Input to check:** ${code(error.input)}`);
    if (error.hint)
        parts.push(`**What to do:** ${block(error.hint)}`);
    if (error.diagnosis) {
        parts.push(`<details open><summary>Diagnosis</summary>\n\n${fenced(error.diagnosis)}\n\n</details>`);
    }
    return parts.join('\n\n');
}
function release(o, env) {
    const items = [];
    const r = o.release;
    if (r.name) {
        const revision = r.revision !== undefined ? ` revision ${r.revision}` : '';
        items.push([
            'Release',
            `${code(r.name)}${revision}${r.status ? ` (${plain(r.status)})` : ''} in namespace ${code(r.namespace)}`,
        ]);
    }
    if (r.rolledBackTo !== undefined)
        items.push(['Rolled back to', `revision ${r.rolledBackTo}`]);
    const chart = [r.chartVersion && `chart ${plain(r.chartVersion)}`, r.appVersion && `app ${plain(r.appVersion)}`];
    if (chart.some(Boolean))
        items.push(['Chart', chart.filter(Boolean).join(', ')]);
    const c = o.cluster;
    if (c?.name || c?.server) {
        const name = c.name ? `${code(c.name)}${c.resourceGroup ? ` in resource group ${code(c.resourceGroup)}` : ''}` : '';
        items.push(['Cluster', [name, c.server && `API server ${code(c.server)}`].filter(Boolean).join(', ')]);
    }
    if (c?.reach) {
        const how = c.reach.via === 'run-command' ? `through ${plain(c.reach.through ?? 'AKS runCommand')}` : 'directly';
        items.push(['Reached', `${how}: ${plain(c.reach.why)}`]);
    }
    if (env.GITHUB_SHA) {
        const repo = env.GITHUB_REPOSITORY ? ` of ${code(env.GITHUB_REPOSITORY)}` : '';
        const run = runUrl(env);
        items.push(['Commit', `${code(env.GITHUB_SHA.slice(0, 12))}${repo}${run ? ` ([workflow run](${run}))` : ''}`]);
    }
    if (o.deployment) {
        const d = o.deployment;
        items.push(['GitHub Deployment', `${d.id} to environment ${code(d.environment)} (${plain(d.state)})`]);
    }
    const tools = [
        o.tools?.helm && `helm ${o.tools.helm.version}`,
        o.tools?.kubectl && `kubectl ${o.tools.kubectl.version}`,
    ];
    if (tools.some(Boolean))
        items.push(['Tools', plain(tools.filter(Boolean).join(', '))]);
    if (items.length === 0)
        return undefined;
    return `### ${r.name ? 'Release' : 'Run'}\n\n${items.map(([key, value]) => `- **${key}:** ${value}`).join('\n')}`;
}
const VIA = {
    'load-balancer': 'load balancer',
    ingress: 'Ingress',
    'port-forward': 'in the cluster only (tested through kubectl port-forward)',
    'cluster-ip': 'in the cluster only',
};
function endpoints(address) {
    const rows = [['AI gateway', url(lastingGatewayUrl(address))]];
    if (address.mcpUrl)
        rows.push(['MCP gateway', url(address.mcpUrl)]);
    const published = [address.ip, address.hostname].filter(Boolean).join(', ');
    const kind = address.via === 'load-balancer' || address.via === 'ingress' ? (address.internal ? 'internal ' : 'public ') : '';
    const via = `Reached via ${kind}${VIA[address.via]}${published ? `: ${plain(published)}` : ''}.`;
    return `### Endpoints\n\n${table(['Endpoint', 'URL'], rows)}\n\n${via}`;
}
const VERDICT = { passed: '✅ passed', failed: '❌ failed' };
function checks(o) {
    const s = o.smokeTest;
    if (!s)
        return '### Checks\n\nThe smoke test was skipped (`smoke-test: false`).';
    const answer = (httpCode) => (httpCode ? String(httpCode) : 'no answer');
    const rows = [
        ['Health', `GET ${plain(s.url)}`, VERDICT[s.status], answer(s.httpCode), `${s.latencyMs} ms`, String(s.attempts)],
    ];
    if (s.chat) {
        const chat = s.chat;
        rows.push([
            'Chat completion',
            'POST /v1/chat/completions',
            VERDICT[chat.status],
            answer(chat.httpCode),
            `${chat.latencyMs} ms`,
            '1',
        ]);
    }
    const header = ['Check', 'Request', 'Result', 'HTTP', 'Latency', 'Attempts'];
    // A failed smoke test's message already leads the summary under "What failed".
    const told = o.error?.message.includes(s.message);
    return `### Checks\n\n${table(header, rows)}${told ? '' : `\n\n${block(s.message)}`}`;
}
function timings(o) {
    // A stage can complete with a bad verdict (the smoke test): its check says so, this column says the stage ran.
    const rows = o.stages.map((s) => [plain(s.name), s.ok ? 'completed' : '❌ failed', formatDuration(s.ms)]);
    const total = formatDuration(o.stages.reduce((sum, s) => sum + s.ms, 0));
    return `### Timings\n\n${table(['Stage', 'Result', 'Duration'], rows)}\n\nTotal: ${total}.`;
}
const bullets = (lines) => lines.map((line) => `- ${inline(line.replace(/\s*\n\s*/g, ' '))}`).join('\n');
const redact = (text, secrets) => secrets?.redact(text) ?? text;
/** The outcome with every secret cut from every text in it, before escaping could change how a secret is spelled. */
function redactAll(value, secrets) {
    if (typeof value === 'string')
        return redact(value, secrets);
    if (Array.isArray(value))
        return value.map((item) => redactAll(item, secrets));
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactAll(item, secrets)]));
    }
    return value;
}
function formatSummary(outcome, options = {}) {
    const env = options.env ?? process.env;
    const { secrets } = options;
    const o = redactAll(outcome, secrets);
    const sections = [headline(o)];
    if (o.error)
        sections.push(failure(o.error));
    sections.push(release(o, env) ?? '');
    if (o.address)
        sections.push(endpoints(o.address));
    if (o.plan)
        sections.push(planSection(o.plan));
    if (o.workloads?.length)
        sections.push(`### Workloads\n\n${bullets(o.workloads)}`);
    if (o.command === 'deploy' && (o.smokeTest || o.succeeded))
        sections.push(checks(o));
    if (o.stages.length)
        sections.push(timings(o));
    if (o.warnings.length)
        sections.push(`### Warnings\n\n${bullets(o.warnings)}`);
    return redact(`${sections.filter(Boolean).join('\n\n')}\n`, secrets);
}
async function writeSummary(o, options = {}) {
    await core/* summary */.z.addRaw(formatSummary(o, options), true).write();
}

;// CONCATENATED MODULE: ./src/report/finish.ts
// The end of every run, whatever happened: the failure told the way a workflow author reads it (the message, the
// input, what to do, the diagnosis in its own log group), then every output and the job summary.




function startOutcome(stages) {
    return { command: 'deploy', succeeded: false, release: { name: '', namespace: '' }, stages, warnings: [] };
}
async function recordFailure(outcome, error) {
    const failure = describeFailure(error);
    outcome.error = failure;
    outcome.release.rolledBackTo = failure.recovery?.restoredRevision;
    if (failure.diagnosis)
        await core/* group */.Os('Diagnosis', async () => core/* info */.pq(failure.diagnosis));
    core/* setFailed */.C1([failure.message, failure.input && `Input: \`${failure.input}\``, failure.hint && `What to do: ${failure.hint}`]
        .filter(Boolean)
        .join('\n'));
}
async function publishReport(outcome, secrets) {
    publishOutputs(outcome);
    await writeSummary(outcome, { secrets }).catch((error) => core/* warning */.$e(`Could not write the job summary: ${describeFailure(error).message}`));
}

;// CONCATENATED MODULE: ./src/report/index.ts
// The report stage as main.ts sees it: outputs, job summary, and the outcome they are built from.





// EXTERNAL MODULE: ./src/seams.ts
var src_seams = __webpack_require__(4772);
// EXTERNAL MODULE: ./src/state-helper.ts
var state_helper = __webpack_require__(7155);
;// CONCATENATED MODULE: ./src/values/merge.ts
// Helm's merge rules for values, plus a memory of which source set each key, so that when two sources disagree
// the user is told which one won. Maps merge key by key; lists and scalars replace whole, as Helm does.

const isMap = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
/** Sources the user did not choose: overriding them is the point, not a conflict worth a warning. */
const ACTION_DEFAULTS = 'action defaults';
function childOf(node, key) {
    return Array.isArray(node) ? node[key] : Object.hasOwn(node, key) ? node[key] : undefined;
}
function setChild(node, key, value) {
    if (Array.isArray(node)) {
        // Helm fills the gap before an index beyond the end with nulls.
        while (node.length < key)
            node.push(null);
        node[key] = value;
    }
    else {
        node[key] = value;
    }
}
const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);
class ValuesMerger {
    values = {};
    origins = new Map();
    conflicts = new Set();
    get warnings() {
        return [...this.conflicts];
    }
    /** Merges a whole layer of values from one source. */
    merge(layer, source, prefix = []) {
        for (const [key, value] of Object.entries(layer)) {
            const path = [...prefix, key];
            if (isMap(value) && Object.keys(value).length > 0)
                this.merge(value, source, path);
            else
                this.assign(path, value, source);
        }
    }
    /** Sets one key path (list indexes allowed), creating the maps and lists on the way. */
    assign(path, value, source) {
        let node = this.values;
        for (let i = 0; i < path.length - 1; i++) {
            const wantList = typeof path[i + 1] === 'number';
            let child = childOf(node, path[i]);
            if (wantList ? !Array.isArray(child) : !isMap(child)) {
                if (child !== undefined && child !== null)
                    this.replacing(path.slice(0, i + 1), source);
                child = wantList ? [] : {};
                setChild(node, path[i], child);
            }
            node = child;
        }
        const last = path[path.length - 1];
        const existing = childOf(node, last);
        if (isMap(value) && isMap(existing))
            return; // an empty map merged into a map changes nothing
        if (existing !== undefined && !sameValue(existing, value))
            this.replacing(path, source);
        this.forget(path);
        this.origins.set(formatKeyPath(path), source);
        // A copy, so that later `set` lines that index into a list never edit the layer it came from.
        setChild(node, last, structuredClone(value));
    }
    /** Who set the value at `path`: its own source, or the source that set the map or list holding it. */
    sourceOf(path) {
        for (let i = path.length; i > 0; i--) {
            const source = this.origins.get(formatKeyPath(path.slice(0, i)));
            if (source)
                return source;
        }
        return undefined;
    }
    /** Records a warning for each other source whose setting at or under `path` is about to be overwritten. */
    replacing(path, source) {
        const key = formatKeyPath(path);
        const losers = new Set();
        for (const [other, otherSource] of this.origins) {
            if (other === key || other.startsWith(`${key}.`) || other.startsWith(`${key}[`))
                losers.add(otherSource);
        }
        if (losers.size === 0) {
            for (let i = path.length - 1; i > 0 && losers.size === 0; i--) {
                const ancestor = this.origins.get(formatKeyPath(path.slice(0, i)));
                if (ancestor)
                    losers.add(ancestor);
            }
        }
        for (const loser of losers) {
            if (loser === source || loser === ACTION_DEFAULTS)
                continue;
            this.conflicts.add(`\`${key}\` is set by ${loser} and by ${source}; ${source} wins.`);
        }
    }
    forget(path) {
        const key = formatKeyPath(path);
        for (const other of [...this.origins.keys()]) {
            if (other.startsWith(`${key}.`) || other.startsWith(`${key}[`))
                this.origins.delete(other);
        }
    }
}

;// CONCATENATED MODULE: ./src/values/secrets.ts


// `_TOKEN` only at the end: MAX_TOKENS and the like are settings, and masking "1000" would garble every log line.
const SECRET_ENV_NAME = /PASSWORD|SECRET|(^|_)TOKEN$|_KEY$|^PORTKEY_CLIENT_AUTH$/i;
/** The chart's stand-ins like `<docker-pwd>`: not secrets, and worth seeing in the printed values. */
const PLACEHOLDER = /^<[^>]*>$/;
/** `scheme://user:password@host` or `scheme://token@host`. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s@]+@/i;
function isSecretLeaf(path, value, secretEnvNames, known) {
    const [first, second, third] = path;
    if (first === 'environment' && second === 'data' && typeof third === 'string' && path.length === 3) {
        if (SECRET_ENV_NAME.test(third) || secretEnvNames.has(third))
            return true;
    }
    if (first === 'imageCredentials' && (path[2] === 'password' || path[2] === 'auth'))
        return true;
    return URL_WITH_CREDENTIALS.test(value) || known.has(value);
}
/** The forms the chart derives from registry credentials, which helm may print: `auth` and the dockerconfigjson. */
function pullSecretForms(registry, username, password) {
    const auth = Buffer.from(`${username}:${password}`).toString('base64');
    const entries = [{ username, password, auth }, { username, password, email: '', auth }, { auth }];
    const configs = entries.map((entry) => JSON.stringify({ auths: { [registry]: entry } }));
    return [auth, ...configs.map((config) => Buffer.from(config).toString('base64'))];
}
function derivedSecrets(values) {
    const credentials = Array.isArray(values.imageCredentials) ? values.imageCredentials : [];
    return credentials.filter(isMap).flatMap((item) => {
        const { registry, username, password } = item;
        if (typeof password !== 'string' || !password)
            return [];
        return pullSecretForms(String(registry ?? ''), String(username ?? ''), password);
    });
}
function scanSecrets(values, knownSecrets, secretEnvNames) {
    const known = new Set(knownSecrets.filter(Boolean));
    const names = new Set(secretEnvNames);
    const found = new Set(known);
    const visit = (node, path) => {
        if (Array.isArray(node))
            return node.map((item, index) => visit(item, [...path, index]));
        if (isMap(node))
            return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child, [...path, key])]));
        if (typeof node !== 'string' && typeof node !== 'number')
            return node;
        const text = String(node);
        if (text && !PLACEHOLDER.test(text) && isSecretLeaf(path, text, names, known)) {
            found.add(text);
            return src_secrets/* REDACTED */.XF;
        }
        return node;
    };
    const redactedTree = visit(values, []);
    for (const secret of derivedSecrets(values))
        found.add(secret);
    const secrets = [...found];
    // Secrets quoted inside other strings (a URL, a connection string) are cut out as well; masking is the caller's.
    const set = new src_secrets/* SecretSet */.rE(() => undefined);
    set.add(...secrets);
    const redacted = visitStrings(redactedTree, (text) => set.redact(text));
    return { secrets, redacted };
}
function visitStrings(node, change) {
    if (typeof node === 'string')
        return change(node);
    if (Array.isArray(node))
        return node.map((item) => visitStrings(item, change));
    if (isMap(node))
        return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visitStrings(child, change)]));
    return node;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/verify/workloads.ts
// Pure decisions about the release's workloads: which ones the manifest declares, which pods belong to their
// current revision, and whether each one has finished rolling out.

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
/** Every object of a multi-document manifest (`helm get manifest`), empty documents dropped. */
function parseManifest(manifest) {
    return (0,dist/* parseAllDocuments */.hR)(manifest)
        .map((doc) => doc.toJS())
        .filter((o) => typeof o === 'object' && o !== null && typeof o.kind === 'string');
}
function findWorkloads(objects, releaseNamespace) {
    return objects.flatMap((o) => WORKLOAD_KINDS.includes(o.kind ?? '') && o.metadata?.name
        ? [{ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace ?? releaseNamespace }]
        : []);
}
/** The selector in kubectl's `-l` syntax. */
function selectorToString(selector) {
    const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
    for (const e of selector?.matchExpressions ?? []) {
        const values = (e.values ?? []).join(',');
        if (e.operator === 'In')
            parts.push(`${e.key} in (${values})`);
        else if (e.operator === 'NotIn')
            parts.push(`${e.key} notin (${values})`);
        else if (e.operator === 'Exists')
            parts.push(e.key);
        else if (e.operator === 'DoesNotExist')
            parts.push(`!${e.key}`);
    }
    return parts.join(',');
}
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/**
 * The pods of the workload's current revision. Pods of an older revision (say, the crash-looping pods of the
 * broken release this deploy fixes) must not fail the deploy, and are on their way out anyway.
 */
function currentPods(workload, pods, replicaSets) {
    const alive = pods.filter((p) => !p.metadata.deletionTimestamp);
    if (workload.kind === 'StatefulSet') {
        const revision = workload.status?.updateRevision;
        return revision ? alive.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision) : alive;
    }
    if (workload.kind === 'DaemonSet')
        return alive;
    const owned = replicaSets.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === workload.metadata.uid));
    // No ReplicaSets visible at all: judge every selected pod rather than none.
    if (owned.length === 0)
        return alive;
    const revisionOf = (rs) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
    const revision = workload.metadata.annotations?.[REVISION_ANNOTATION];
    // The Deployment names its current revision; without that annotation, the newest ReplicaSet is the current one.
    const current = revision
        ? owned.find((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] === revision)
        : owned.reduce((a, b) => (revisionOf(b) > revisionOf(a) ? b : a));
    if (!current)
        return [];
    return alive.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === current.metadata.uid));
}
function rolloutProgress(workload) {
    const s = workload.status ?? {};
    const label = `${workload.kind} ${workload.metadata.name}`;
    const observed = (s.observedGeneration ?? 0) >= (workload.metadata.generation ?? 0);
    let desired, updated, ready, available, total;
    if (workload.kind === 'DaemonSet') {
        desired = s.desiredNumberScheduled ?? 0;
        updated = s.updatedNumberScheduled ?? 0;
        ready = s.numberReady ?? 0;
        available = s.numberAvailable ?? 0;
        total = desired;
    }
    else {
        desired = workload.spec?.replicas ?? 1;
        updated = s.updatedReplicas ?? 0;
        ready = s.readyReplicas ?? 0;
        // Older API servers leave availableReplicas out of StatefulSet status.
        available = s.availableReplicas ?? (workload.kind === 'StatefulSet' ? ready : 0);
        total = s.replicas ?? 0;
    }
    const done = observed && updated === desired && ready === desired && available === desired && total === desired;
    const extra = [];
    if (!observed)
        extra.push('controller has not seen the new spec yet');
    if (total > desired)
        extra.push(`${total - desired} old pod(s) still terminating`);
    return {
        done,
        summary: `${label}: ${ready}/${desired} ready, ${updated} updated, ${available} available` +
            (extra.length ? ` (${extra.join('; ')})` : ''),
    };
}
/**
 * The controller cannot create the workload's pods at all, so no pod will ever show why: a missing service account,
 * an exceeded quota, an admission policy. The Deployment controller copies its ReplicaSet's condition here.
 */
function findReplicaFailure(workload) {
    const condition = workload.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    if (!condition)
        return undefined;
    return {
        workload: `${workload.kind} ${workload.metadata.name}`,
        reason: condition.reason ?? 'FailedCreate',
        message: condition.message ?? '',
    };
}
/** What to change for a pod the controller may not create. */
function adviceForReplicaFailure(message) {
    if (/serviceaccount/i.test(message)) {
        return {
            input: 'service-account-name',
            hint: 'The pods name a service account that does not exist in the namespace: create it first, or let the chart ' +
                'create it (create-service-account: true).',
        };
    }
    if (/exceeded quota/i.test(message)) {
        return { hint: "The namespace's ResourceQuota is used up: lower the pods' resource requests or raise the quota." };
    }
    return {
        hint: 'The cluster refuses to create the pods (an admission policy or webhook, say): its message is above.',
    };
}

;// CONCATENATED MODULE: ./src/plan/unified-diff.ts
// A unified diff of two texts, line by line, the way `diff -u` and every code review tool show one. Pure. The texts
// are single Kubernetes objects as YAML (tens to hundreds of lines), so a plain longest-common-subsequence table is
// small and fast enough.
const CONTEXT = 3;
function lineOps(before, after) {
    const rows = before.length;
    const cols = after.length;
    // common[i][j]: length of the longest common subsequence of before[i..] and after[j..].
    const common = Array.from({ length: rows + 1 }, () => new Array(cols + 1).fill(0));
    for (let i = rows - 1; i >= 0; i--) {
        for (let j = cols - 1; j >= 0; j--) {
            common[i][j] = before[i] === after[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
        }
    }
    const ops = [];
    let i = 0;
    let j = 0;
    while (i < rows || j < cols) {
        if (i < rows && j < cols && before[i] === after[j]) {
            ops.push({ kind: ' ', line: before[i], oldAt: i++, newAt: j++ });
        }
        else if (i < rows && (j === cols || common[i + 1][j] >= common[i][j + 1])) {
            // Removals first, as diff -u shows a changed line: the old one, then the new.
            ops.push({ kind: '-', line: before[i], oldAt: i++, newAt: j });
        }
        else {
            ops.push({ kind: '+', line: after[j], oldAt: i, newAt: j++ });
        }
    }
    return ops;
}
/** `--- a` / `+++ b` headers and `@@` hunks with three lines of context; empty when the texts are equal. */
function unifiedDiff(before, after, labels) {
    const split = (text) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
    const ops = lineOps(split(before), split(after));
    const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
    if (changed.length === 0)
        return '';
    const hunks = [];
    for (const index of changed) {
        const from = Math.max(0, index - CONTEXT);
        const to = Math.min(ops.length - 1, index + CONTEXT);
        const last = hunks.at(-1);
        if (last && from <= last[1] + 1)
            last[1] = Math.max(last[1], to);
        else
            hunks.push([from, to]);
    }
    const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
    for (const [from, to] of hunks) {
        const slice = ops.slice(from, to + 1);
        const oldCount = slice.filter((op) => op.kind !== '+').length;
        const newCount = slice.filter((op) => op.kind !== '-').length;
        const oldStart = oldCount ? slice.find((op) => op.kind !== '+').oldAt + 1 : slice[0].oldAt;
        const newStart = newCount ? slice.find((op) => op.kind !== '-').newAt + 1 : slice[0].newAt;
        out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
        for (const op of slice)
            out.push(`${op.kind}${op.line}`);
    }
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/plan/diff-manifests.ts
// What a deploy would do to the release, object by object: the manifest helm holds for the deployed revision against
// the one a server-side dry run renders now. Pure. Secrets are compared key by key and only their key names are
// shown; every other object as a unified diff of its YAML, with fields the server owns left out.




const SERVER_FIELDS = ['resourceVersion', 'managedFields', 'uid', 'creationTimestamp', 'generation', 'selfLink'];
function index(manifest, releaseNamespace) {
    const byKey = new Map();
    for (const object of parseManifest(manifest)) {
        const namespace = object.metadata?.namespace ?? releaseNamespace;
        const resource = `${object.kind}/${object.metadata?.name ?? '?'}`;
        byKey.set(`${namespace} ${resource}`, { resource, namespace, object });
    }
    return byKey;
}
/** The object without what the server owns, and a Secret without its data (compared apart, by digest). */
function comparable(object) {
    const copy = structuredClone(object);
    delete copy.status;
    if (object.kind === 'Secret') {
        delete copy.data;
        delete copy.stringData;
    }
    const metadata = copy.metadata;
    for (const field of SERVER_FIELDS)
        delete metadata?.[field];
    return copy;
}
const digest = (value) => (0,external_node_crypto_.createHash)('sha256')
    .update(String(value ?? ''))
    .digest('hex');
/** Secret keys by digest of their value: `data` is base64 of the value, `stringData` the value itself. */
function secretDigests(object) {
    const digests = new Map();
    for (const [key, value] of Object.entries(object?.data ?? {})) {
        digests.set(key, digest(Buffer.from(String(value ?? ''), 'base64').toString('utf8')));
    }
    for (const [key, value] of Object.entries(object?.stringData ?? {}))
        digests.set(key, digest(value));
    return digests;
}
function secretKeyChanges(before, after) {
    const old = secretDigests(before);
    const next = secretDigests(after);
    const keys = {
        added: [...next.keys()].filter((key) => !old.has(key)),
        changed: [...next.keys()].filter((key) => old.has(key) && old.get(key) !== next.get(key)),
        removed: [...old.keys()].filter((key) => !next.has(key)),
    };
    return keys.added.length + keys.changed.length + keys.removed.length > 0 ? keys : undefined;
}
const yamlOf = (object) => object ? (0,dist/* stringify */.As)(comparable(object), { sortMapEntries: true, lineWidth: 0 }) : '';
/**
 * `redact` cuts every known secret out of the diff text: a ConfigMap (environment.secret: false) carries the
 * gateway's environment in the clear.
 */
function diffManifests(live, planned, releaseNamespace, redact) {
    const before = index(live, releaseNamespace);
    const after = index(planned, releaseNamespace);
    const changes = [];
    let unchanged = 0;
    for (const key of new Set([...before.keys(), ...after.keys()])) {
        const old = before.get(key);
        const next = after.get(key);
        const { resource, namespace } = (next ?? old);
        const isSecret = (next ?? old).object.kind === 'Secret';
        const diff = redact(unifiedDiff(yamlOf(old?.object), yamlOf(next?.object), { before: 'deployed', after: 'planned' }));
        const secretKeys = isSecret ? secretKeyChanges(old?.object, next?.object) : undefined;
        const action = !old
            ? 'add'
            : !next
                ? 'remove'
                : diff || secretKeys
                    ? 'change'
                    : undefined;
        if (!action)
            unchanged++;
        else
            changes.push({ action, resource, namespace, diff, ...(secretKeys && { secretKeys }) });
    }
    const count = (action) => changes.filter((change) => change.action === action).length;
    return { changes, counts: { add: count('add'), change: count('change'), remove: count('remove') }, unchanged };
}
/** `3 to change, 1 to add` (or `no changes`), the plan's headline. */
function describeCounts(counts) {
    const parts = [
        counts.change && `${counts.change} to change`,
        counts.add && `${counts.add} to add`,
        counts.remove && `${counts.remove} to remove`,
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : 'no changes';
}

;// CONCATENATED MODULE: ./src/plan/diff-values.ts
// The values a deploy would give helm against the values the deployed revision got (`helm get values`), key by key,
// each with where its new value comes from. Pure. A secret is only ever said to be changed or unchanged.



/**
 * Every leaf of a values tree by key path. Lists are leaves, as Helm replaces them whole; an empty map is none.
 */
function leaves(values, prefix = [], into = new Map()) {
    if (isMap(values) && Object.keys(values).length > 0) {
        for (const [key, child] of Object.entries(values))
            leaves(child, [...prefix, key], into);
    }
    else if (prefix.length > 0 && !(isMap(values) && Object.keys(values).length === 0)) {
        into.set(formatKeyPath(prefix), { path: prefix, value: values });
    }
    return into;
}
/** JSON with map keys sorted: helm gives the deployed values back with its own key order. */
function canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if (isMap(value)) {
        const keys = Object.keys(value).sort();
        return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
    }
    return JSON.stringify(value ?? null);
}
const diff_values_digest = (value) => (0,external_node_crypto_.createHash)('sha256').update(canonical(value)).digest('hex');
function diffValues(live, planned, redact) {
    const before = leaves(live.values);
    const after = leaves(planned.values);
    const secretKeys = new Set([...leaves(planned.redacted ?? {}), ...leaves(live.redacted ?? {})]
        .filter(([, leaf]) => JSON.stringify(leaf.value)?.includes('***'))
        .map(([key]) => key));
    const changes = [];
    for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const old = before.get(key);
        const next = after.get(key);
        if (old && next && diff_values_digest(old.value) === diff_values_digest(next.value))
            continue;
        const secret = secretKeys.has(key);
        const shown = (leaf) => (secret || !leaf ? undefined : redact(JSON.stringify(leaf.value)));
        changes.push({
            action: !old ? 'add' : !next ? 'remove' : 'change',
            key,
            ...(next && { source: planned.sourceOf(next.path) ?? 'action defaults' }),
            secret,
            ...(shown(old) !== undefined && { before: shown(old) }),
            ...(shown(next) !== undefined && { after: shown(next) }),
        });
    }
    return changes;
}

;// CONCATENATED MODULE: ./src/plan/plan-release.ts
// What a deploy would change, without changing anything: the deployed revision's manifest and values, read from helm,
// against a server-side dry run of the same upgrade a deploy runs. The result holds key names and diffs, never a
// secret value.








async function planRelease(input, session, seams) {
    const helm = new client/* HelmClient */.E(session, seams);
    const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
    // Side by side: through runCommand they then share one invocation.
    const [status, liveManifest, liveValues] = await Promise.all([
        helm.status(release),
        helm.manifest(release),
        helm.values(release),
    ]);
    const dryRun = await helm.run((0,helm_args/* dryRunArgs */.oK)(input.chart, input.valuesPath));
    if (dryRun.exitCode !== 0) {
        throw new errors/* ActionError */.l(`The server-side dry run of release ${release.name} failed: ${input.secrets.redact((0,helm_release/* helmMessage */.S_)(dryRun.stderr, dryRun.stdout))}`, {
            input: 'values',
            hint: 'The API server refused what a deploy would apply, so a deploy would fail the same way: fix the values or inputs named in the message.',
        });
    }
    const planned = JSON.parse(dryRun.stdout).manifest ?? '';
    // The deployed values hold the same kinds of secrets; they are never printed, only compared.
    const live = scanSecrets(liveValues ?? {}, [], []);
    input.secrets.add(...live.secrets);
    const redact = (text) => input.secrets.redact(text);
    const manifest = diffManifests(liveManifest ?? '', planned, release.namespace, redact);
    const values = diffValues({ values: liveValues ?? {}, redacted: live.redacted }, { values: input.plan.values, redacted: input.plan.redacted, sourceOf: input.plan.sourceOf }, redact);
    const result = {
        release,
        deployedRevision: status?.revision,
        hasChanges: manifest.changes.length > 0,
        counts: manifest.counts,
        headline: describeCounts(manifest.counts),
        resources: manifest.changes,
        unchangedResources: manifest.unchanged,
        values,
    };
    logPlan(result);
    return result;
}
function logPlan(plan) {
    const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'no deployed release';
    core/* info */.pq(`Plan for release ${plan.release.name} against ${against}: ${plan.headline}.`);
    for (const change of plan.resources) {
        core/* info */.pq(`${change.action} ${change.resource}${change.diff ? `\n${change.diff}` : ''}`);
        if (change.secretKeys)
            core/* info */.pq(`  Secret keys changed (values not shown): ${JSON.stringify(change.secretKeys)}`);
    }
    for (const value of plan.values) {
        core/* info */.pq(`value ${value.action} ${value.key} (${value.source ?? 'removed'})${value.secret ? ', secret' : ''}`);
    }
}
/**
 * The plan a deploy shows in its summary: a plan that cannot be made (helm refuses a dry run while another deploy of
 * the release is pending, say) is a warning, and the deploy goes on to its preflight, which deals with that.
 */
async function planBeforeDeploy(input, session, seams) {
    try {
        return await planRelease(input, session, seams);
    }
    catch (error) {
        core/* warning */.$e(`No plan for this deploy: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}
/** A drift check that found the deployed release differs from what the repository says. */
function driftError(plan) {
    return new errors/* ActionError */.l(`Release ${plan.release.name} differs from what a deploy would apply: ${plan.headline}.`, {
        input: 'fail-on-changes',
        hint: 'The plan in the job summary shows each difference. Deploy to bring the release in line, or change the values or inputs if the live state is the one you want.',
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/plan/plan-file.ts
// The plan as a file later steps can read or upload (no secret value is in it). It lives in RUNNER_TEMP beside the
// action's private folder, so the post step, which removes that folder, leaves it for the rest of the job.



async function writePlanFile(plan, env = process.env) {
    const file = external_node_path_.join(env.RUNNER_TEMP || external_node_os_.tmpdir(), `portkey-azure-deploy-plan-${plan.release.name}.json`);
    await (0,promises_.writeFile)(file, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o644 });
    return file;
}

;// CONCATENATED MODULE: ./src/plan/index.ts
// The plan stage as main.ts sees it: what a deploy would change, and the machine-readable file of it.



;// CONCATENATED MODULE: ./src/values/chart-fit.ts
// Last touches to the merged values, for how Portkey's real chart renders them (see ../shared/reference): each one
// turns a value the chart would render into something a real API server refuses, or silently misreads, into the
// value that means what the user asked for. Pure; returns a warning for each change worth telling.

/**
 * - An empty string in `environment.data` renders as `KEY: ` (a YAML null) inside the env Secret, and the API server
 *   refuses the whole release (`unknown object type "nil" in Secret.data.KEY`): null says "unset" the way the chart
 *   understands, so "" becomes null, wherever it came from.
 * - SERVER_MODE `gateway`: the chart knows only empty, `all` and `mcp`; any other value leaves the gateway with no
 *   ports. Portkey's guide calls gateway-only "empty or not provided".
 * - `imageCredentials` items without `email` render `"email":"%!s(<nil>)"` into the `.dockerconfigjson`.
 */
function fitToChart(values) {
    const warnings = [];
    const environment = values.environment;
    if (isMap(environment) && isMap(environment.data)) {
        const data = environment.data;
        if (data.SERVER_MODE === 'gateway') {
            data.SERVER_MODE = null;
            warnings.push('environment.data.SERVER_MODE "gateway" was left unset (the chart\'s way of saying gateway only).');
        }
        for (const [key, value] of Object.entries(data))
            if (value === '')
                data[key] = null;
    }
    if (Array.isArray(values.imageCredentials)) {
        for (const item of values.imageCredentials) {
            if (isMap(item) && item.create !== false && !item.auth && item.email === undefined)
                item.email = '';
        }
    }
    return warnings;
}

;// CONCATENATED MODULE: ./src/values/environment-data.ts
// `environment.data` becomes the gateway's environment: the chart stringifies every value, so we do too (then
// `PORT: 8787` in a values file and `container-port: 8787` agree), and names from Portkey's older enterprise guide
// are renamed to the ones today's gateway reads.

const OLD_NAMES = {
    AZURE_STORAGE_ACCOUNT_NAME: 'AZURE_STORAGE_ACCOUNT',
    AZURE_STORAGE_ACCOUNT_KEY: 'AZURE_STORAGE_KEY',
    AZURE_CONTAINER_NAME: 'AZURE_STORAGE_CONTAINER',
    PORTKEY_ORGANISATION_ID: 'ORGANISATIONS_TO_SYNC',
};
/** The chart's toString: numbers and booleans become strings; null (delete the key) and maps/lists stay. */
function stringifyEnvValue(value) {
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
/** The name today's gateway reads, with a warning when an old name was used. */
function currentEnvName(name, source, warnings) {
    const current = OLD_NAMES[name];
    if (!current)
        return name;
    warnings.push(`${source} uses the old name ${name}: renamed to ${current}; use ${current} to silence this warning.`);
    return current;
}
/** A copy of `data` with old names renamed (a current name given alongside wins) and values stringified. */
function normalizeEnvironmentData(data, source, warnings) {
    const result = {};
    for (const [name, value] of Object.entries(data)) {
        const current = currentEnvName(name, source, warnings);
        if (current !== name && Object.hasOwn(data, current))
            continue;
        result[current] = stringifyEnvValue(value);
    }
    return result;
}
/** A layer with its `environment.data` normalized; the rest untouched. */
function normalizeLayer(layer, source, warnings) {
    const environment = layer.environment;
    if (!isMap(environment) || !isMap(environment.data))
        return layer;
    return {
        ...layer,
        environment: { ...environment, data: normalizeEnvironmentData(environment.data, source, warnings) },
    };
}

;// CONCATENATED MODULE: ./src/values/named-inputs.ts
/** Settings the action always writes: the chart's own defaults are wrong for a hybrid deployment on AKS. */
const ALWAYS_SET = {
    // The chart's default (clickhouse) is for fully self-hosted installs; hybrid gateways report to the control plane.
    environment: { data: { ANALYTICS_STORE: 'control_plane' } },
};
const REGISTRY_SECRET_NAME = 'portkeyenterpriseregistrycredentials';
/** `image-pull-secret: none`: the nodes pull the image themselves (ACR attached to the cluster). */
const NO_PULL_SECRET = 'none';
const ANNOTATION = 'service.beta.kubernetes.io/';
const HEALTH_PROBE = {
    [`${ANNOTATION}azure-load-balancer-health-probe-protocol`]: 'http',
    [`${ANNOTATION}azure-load-balancer-health-probe-request-path`]: '/v1/health',
};
/** Settings written as `condition && setting`: keeps only those whose condition held. */
const present = (settings) => settings.filter((setting) => Boolean(setting));
const data = (entries) => ({ environment: { data: entries } });
const annotations = (entries) => ({ service: { annotations: entries } });
/**
 * The chart deploys its fixed-name `redis` Deployment whenever CACHE_STORE is exactly `redis`, which its own defaults
 * say; null removes the chart's default. An external cache is reached through REDIS_URL with CACHE_STORE left unset, as
 * Portkey's enterprise guide says for a Redis of your own ("leave it blank").
 */
function cacheSettings(p) {
    if (p.cache === 'builtin') {
        return [
            {
                inputs: ['cache'],
                values: data({ CACHE_STORE: 'redis', REDIS_URL: 'redis://redis:6379', REDIS_TLS_ENABLED: 'false' }),
            },
        ];
    }
    if (p.cache === 'none') {
        return [{ inputs: ['cache'], values: data({ CACHE_STORE: null, REDIS_URL: null, REDIS_TLS_ENABLED: null }) }];
    }
    return present([
        { inputs: ['cache'], values: data({ CACHE_STORE: null, REDIS_TLS_ENABLED: 'true' }) },
        p.redis.url && { inputs: ['redis-url'], values: data({ REDIS_URL: p.redis.url }) },
        p.redis.password && { inputs: ['redis-password'], values: data({ REDIS_PASSWORD: p.redis.password }) },
        p.redis.authMode && { inputs: ['redis-auth-mode'], values: data({ AZURE_REDIS_AUTH_MODE: p.redis.authMode }) },
        p.redis.cluster && { inputs: ['redis-cluster'], values: data({ REDIS_MODE: 'cluster' }) },
    ]);
}
function blobSettings(p) {
    const b = p.blob;
    const given = (input, key, value) => Boolean(value) && { inputs: [input], values: data({ [key]: value }) };
    return present([
        p.logStore === 'azure' && {
            inputs: ['azure-auth-mode'],
            // Storage-key access is the gateway's default mode and is selected by leaving AZURE_AUTH_MODE unset.
            values: data({ AZURE_AUTH_MODE: b.authMode === 'key' ? null : b.authMode }),
        },
        given('azure-storage-account', 'AZURE_STORAGE_ACCOUNT', b.account),
        given('azure-storage-container', 'AZURE_STORAGE_CONTAINER', b.container),
        given('azure-storage-key', 'AZURE_STORAGE_KEY', b.key),
        given('azure-managed-client-id', 'AZURE_MANAGED_CLIENT_ID', b.managedClientId),
        given('azure-entra-client-id', 'AZURE_ENTRA_CLIENT_ID', b.entraClientId),
        given('azure-entra-client-secret', 'AZURE_ENTRA_CLIENT_SECRET', b.entraClientSecret),
        given('azure-entra-tenant-id', 'AZURE_ENTRA_TENANT_ID', b.entraTenantId),
        Boolean(b.workloadClientId) && {
            inputs: ['azure-workload-client-id'],
            values: {
                serviceAccount: { annotations: { 'azure.workload.identity/client-id': b.workloadClientId } },
                podLabels: { 'azure.workload.identity/use': 'true' },
            },
        },
    ]);
}
function serviceSettings(p) {
    const loadBalancer = p.serviceType === 'LoadBalancer';
    return present([
        {
            inputs: ['service-type'],
            values: { service: { type: p.serviceType, ...(loadBalancer && { annotations: HEALTH_PROBE }) } },
        },
        { inputs: ['service-port'], values: { service: { port: p.servicePort } } },
        {
            inputs: ['container-port'],
            values: { service: { containerPort: p.containerPort }, environment: { data: { PORT: String(p.containerPort) } } },
        },
        loadBalancer && {
            inputs: ['load-balancer'],
            values: annotations({ [`${ANNOTATION}azure-load-balancer-internal`]: String(p.loadBalancer === 'internal') }),
        },
        p.allowedIpRanges.length > 0 && {
            inputs: ['allowed-ip-ranges'],
            values: annotations({ [`${ANNOTATION}azure-allowed-ip-ranges`]: p.allowedIpRanges.join(',') }),
        },
        Boolean(p.staticIpName) && {
            inputs: ['static-ip-name'],
            values: annotations({ [`${ANNOTATION}azure-pip-name`]: p.staticIpName }),
        },
        Boolean(p.staticIpResourceGroup) && {
            inputs: ['static-ip-resource-group'],
            values: annotations({ [`${ANNOTATION}azure-load-balancer-resource-group`]: p.staticIpResourceGroup }),
        },
    ]);
}
function ingressSettings(p) {
    if (!p.ingressClass)
        return [];
    return present([
        {
            inputs: ['ingress-class'],
            values: {
                ingress: {
                    enabled: true,
                    ingressClassName: p.ingressClass,
                    annotations: { [`${ANNOTATION}azure-load-balancer-health-probe-request-path`]: '/v1/health' },
                },
            },
        },
        p.ingressHost && { inputs: ['ingress-host'], values: { ingress: { hostname: p.ingressHost } } },
        p.mcpHost && { inputs: ['mcp-host'], values: { ingress: { hostBased: true, mcpHostname: p.mcpHost } } },
    ]);
}
function imageSettings(p) {
    const { username, password, server } = p.registry;
    return present([
        p.gatewayImageRepository && {
            inputs: ['gateway-image-repository'],
            values: { images: { gatewayImage: { repository: p.gatewayImageRepository } } },
        },
        p.gatewayImageTag && {
            inputs: ['gateway-image-tag'],
            values: { images: { gatewayImage: { tag: p.gatewayImageTag } } },
        },
        (username || password) && {
            inputs: ['registry-username', 'registry-password', 'registry-server'],
            values: {
                imageCredentials: [{ name: REGISTRY_SECRET_NAME, create: true, registry: server, username, password }],
            },
        },
        p.imagePullSecret && {
            inputs: ['image-pull-secret'],
            // Without emptying imageCredentials the chart would also create its placeholder pull secret.
            values: p.imagePullSecret === NO_PULL_SECRET
                ? { imageCredentials: [] }
                : { imageCredentials: [], imagePullSecrets: [{ name: p.imagePullSecret }] },
        },
    ]);
}
function controlPlaneSettings(p) {
    if (p.controlPlane !== 'private-link')
        return [];
    const base = `https://${p.controlPlaneHost}`;
    return [
        {
            inputs: ['control-plane', 'control-plane-host'],
            values: data({
                ALBUS_BASEPATH: `${base}/albus`,
                CONTROL_PLANE_BASEPATH: `${base}/api/v1`,
                SOURCE_SYNC_API_BASEPATH: `${base}/api/v1/sync`,
                CONFIG_READER_PATH: `${base}/api/model-configs`,
            }),
        },
    ];
}
/** Every named input's contribution to the values, in a fixed order. */
function namedInputSettings(p) {
    const mcp = p.serverMode !== '';
    return present([
        p.clientAuth && { inputs: ['portkey-client-auth'], values: data({ PORTKEY_CLIENT_AUTH: p.clientAuth }) },
        p.organisationsToSync && {
            inputs: ['organisations-to-sync'],
            values: data({ ORGANISATIONS_TO_SYNC: p.organisationsToSync }),
        },
        { inputs: ['service-name'], values: data({ SERVICE_NAME: p.serviceName }) },
        p.replicas !== undefined && { inputs: ['replicas'], values: { replicaCount: p.replicas } },
        ...imageSettings(p),
        // Chart 1.7.7 fails to render without a service account (its default became create: false, no name).
        { inputs: ['create-service-account'], values: { serviceAccount: { create: p.createServiceAccount } } },
        p.serviceAccountName && {
            inputs: ['service-account-name'],
            values: { serviceAccount: { name: p.serviceAccountName } },
        },
        // Gateway only is SERVER_MODE "empty or not provided" in Portkey's guide: unset, never "" (see plan.ts).
        { inputs: ['server-mode'], values: data({ SERVER_MODE: p.serverMode || null }) },
        (mcp || p.mcpPort !== 8788) && { inputs: ['mcp-port'], values: data({ MCP_PORT: String(p.mcpPort) }) },
        p.mcpGatewayBaseUrl && {
            inputs: ['mcp-gateway-base-url'],
            values: data({ MCP_GATEWAY_BASE_URL: p.mcpGatewayBaseUrl }),
        },
        { inputs: ['mcp-service'], values: { mcpService: { enabled: p.mcpService } } },
        ...serviceSettings(p),
        ...ingressSettings(p),
        ...cacheSettings(p),
        p.logStore && { inputs: ['log-store'], values: data({ LOG_STORE: p.logStore }) },
        ...blobSettings(p),
        p.logStoreFilePathFormat && {
            inputs: ['log-store-file-path-format'],
            values: data({ LOG_STORE_FILE_PATH_FORMAT: p.logStoreFilePathFormat }),
        },
        ...controlPlaneSettings(p),
    ]);
}

;// CONCATENATED MODULE: ./src/values/validate.ts

const validate_ANNOTATION = 'service.beta.kubernetes.io/';
const MIN_CHART = [1, 6, 0];
const validate_PLACEHOLDER = /^<[^>]*>$/;
const mapAt = (values, ...path) => {
    let node = values;
    for (const key of path)
        node = isMap(node) ? node[key] : undefined;
    return isMap(node) ? node : {};
};
const validate_text = (value) => (value === undefined || value === null ? '' : String(value));
const OBJECT_STORE_KEYS = [
    { key: 'LOG_STORE_REGION', input: 'env' },
    { key: 'LOG_STORE_ACCESS_KEY', input: 'secret-env' },
    { key: 'LOG_STORE_SECRET_KEY', input: 'secret-env' },
    { key: 'LOG_STORE_GENERATIONS_BUCKET', input: 'env' },
];
const LOG_STORE_KEYS = {
    s3: OBJECT_STORE_KEYS,
    wasabi: OBJECT_STORE_KEYS,
    gcs: OBJECT_STORE_KEYS,
    mongo: [
        { key: 'MONGO_DB_CONNECTION_URL', input: 'secret-env' },
        { key: 'MONGO_DATABASE', input: 'env' },
        { key: 'MONGO_COLLECTION_NAME', input: 'env' },
    ],
};
const STORAGE_KEY = [{ key: 'AZURE_STORAGE_KEY', input: 'azure-storage-key' }];
/** By AZURE_AUTH_MODE; storage-key access is selected by leaving it empty (`key` is accepted too). */
const BLOB_KEYS = {
    '': STORAGE_KEY,
    key: STORAGE_KEY,
    managed: [],
    workload: [],
    entra: [
        { key: 'AZURE_ENTRA_CLIENT_ID', input: 'azure-entra-client-id' },
        { key: 'AZURE_ENTRA_CLIENT_SECRET', input: 'azure-entra-client-secret' },
        { key: 'AZURE_ENTRA_TENANT_ID', input: 'azure-entra-tenant-id' },
    ],
};
function checkLogStore(values, data, problem) {
    const store = validate_text(data.LOG_STORE);
    const warnings = [];
    const need = (key, input, what) => {
        if (validate_text(data[key]))
            return;
        const how = input === 'env' || input === 'secret-env' ? `add ${key}=... to \`${input}\`` : `set \`${input}\``;
        problem(input, `${what} needs ${key}: ${how}.`);
    };
    if (store === 'azure') {
        const mode = validate_text(data.AZURE_AUTH_MODE);
        const what = `LOG_STORE azure with AZURE_AUTH_MODE ${mode || 'key (empty)'}`;
        need('AZURE_STORAGE_ACCOUNT', 'azure-storage-account', what);
        need('AZURE_STORAGE_CONTAINER', 'azure-storage-container', what);
        const keys = Object.hasOwn(BLOB_KEYS, mode) ? BLOB_KEYS[mode] : undefined;
        if (!keys)
            problem('azure-auth-mode', `AZURE_AUTH_MODE ${JSON.stringify(mode)} is not key, managed, workload or entra.`);
        for (const { key, input } of keys ?? [])
            need(key, input, what);
        const clientId = mapAt(values, 'serviceAccount', 'annotations')['azure.workload.identity/client-id'];
        if (mode === 'workload' && !validate_text(clientId)) {
            problem('azure-workload-client-id', `${what} needs the service account annotation azure.workload.identity/client-id: set \`azure-workload-client-id\`.`);
        }
    }
    else if (Object.hasOwn(LOG_STORE_KEYS, store)) {
        for (const { key, input } of LOG_STORE_KEYS[store])
            need(key, input, `LOG_STORE ${store}`);
    }
    else if (store) {
        warnings.push(`\`log-store\`: LOG_STORE ${JSON.stringify(store)} is not azure, s3, wasabi, gcs or mongo; its settings are not checked.`);
    }
    return warnings;
}
function olderThanMinimum(version) {
    const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
    if (!match)
        return false;
    const parts = match.slice(1).map(Number);
    const index = parts.findIndex((part, i) => part !== MIN_CHART[i]);
    return index >= 0 && parts[index] < MIN_CHART[index];
}
function placeholderCredential(values) {
    if (values.imageCredentials === undefined)
        return '<docker-user>';
    const items = Array.isArray(values.imageCredentials) ? values.imageCredentials.filter(isMap) : [];
    for (const item of items) {
        if (item.create === false)
            continue;
        const found = [item.username, item.password, item.registry].find((field) => validate_PLACEHOLDER.test(validate_text(field)));
        if (found !== undefined)
            return validate_text(found);
    }
    return undefined;
}
/**
 * Checks the merged values. `chartVersion` is the version to be deployed when known (an exact version, or the
 * local chart's Chart.yaml version). Missing secrets are warnings for `render`, which runs on pull requests
 * where secrets are not available, and errors otherwise.
 */
function validateValues(values, config, chartVersion) {
    const errors = [];
    const warnings = [];
    const problem = (input, message) => errors.push(`\`${input}\`: ${message}`);
    const secretProblem = (input, message) => (config.command === 'render' ? warnings : errors).push(`\`${input}\`: ${message}`);
    const warn = (input, message) => warnings.push(`\`${input}\`: ${message}`);
    const environment = mapAt(values, 'environment');
    const data = mapAt(values, 'environment', 'data');
    // With an existing Secret the variables live there, where the action cannot see them.
    const dataIsComplete = environment.create !== false && !validate_text(environment.existingSecret);
    if (dataIsComplete) {
        if (!validate_text(data.PORTKEY_CLIENT_AUTH)) {
            secretProblem('portkey-client-auth', 'PORTKEY_CLIENT_AUTH is not set: pass the client auth key Portkey shared with you, from a secret.');
        }
        if (!validate_text(data.ORGANISATIONS_TO_SYNC)) {
            secretProblem('organisations-to-sync', 'ORGANISATIONS_TO_SYNC is not set: give your Portkey organisation ID (see app.portkey.ai/organisation/<id>/).');
        }
        warnings.push(...checkLogStore(values, data, problem));
        if (config.portkey.cache === 'external' && !validate_text(data.REDIS_URL)) {
            problem('redis-url', '`cache: external` needs REDIS_URL: set `redis-url` to your Azure Redis endpoint.');
        }
    }
    for (const [key, value] of Object.entries(data)) {
        if (value !== null && typeof value === 'object') {
            problem('values', `environment.data.${key} is a ${Array.isArray(value) ? 'list' : 'map'}: give a string.`);
        }
    }
    const serverMode = data.SERVER_MODE === undefined ? '' : validate_text(data.SERVER_MODE);
    if (!['', 'all', 'mcp'].includes(serverMode)) {
        problem('server-mode', `SERVER_MODE ${JSON.stringify(serverMode)} is not "", all or mcp: the chart would render a Service with no ports. Use \`server-mode\` (gateway, mcp or all).`);
    }
    const ingress = mapAt(values, 'ingress');
    if (serverMode === 'all' && ingress.enabled === true && (ingress.hostBased !== true || !validate_text(ingress.mcpHostname))) {
        problem('mcp-host', 'SERVER_MODE all behind an Ingress needs host-based routing: set `mcp-host` to the MCP gateway host name.');
    }
    const baseUrl = validate_text(data.MCP_GATEWAY_BASE_URL);
    if (baseUrl && !/^https?:\/\/\S+$/.test(baseUrl)) {
        problem('mcp-gateway-base-url', `${JSON.stringify(baseUrl)} must start with http:// or https://.`);
    }
    const service = mapAt(values, 'service');
    const containerPort = validate_text(service.containerPort);
    if (containerPort && data.PORT !== undefined && data.PORT !== null && containerPort !== validate_text(data.PORT)) {
        problem('container-port', `service.containerPort (${containerPort}) differs from environment.data.PORT (${validate_text(data.PORT)}): the gateway would listen on one port and be probed on the other. Set both with \`container-port\`.`);
    }
    const placeholder = placeholderCredential(values);
    if (placeholder) {
        secretProblem('registry-username', `the chart's placeholder registry credential ${placeholder} would reach the cluster and image pulls would fail: set \`registry-username\` and \`registry-password\` (shared by Portkey), or \`image-pull-secret\` naming an existing pull secret, or \`image-pull-secret: none\` when the nodes pull the image without one (ACR attached to the cluster).`);
    }
    if (olderThanMinimum(chartVersion)) {
        const input = config.chart.source.kind === 'local' ? 'chart' : 'chart-version';
        problem(input, `chart ${chartVersion} is older than 1.6.0, which took the container port from service.port: use chart 1.6.0 or newer (the action is tested with 1.7.7).`);
    }
    const account = mapAt(values, 'serviceAccount');
    if (account.create !== true && !validate_text(account.name)) {
        problem('service-account-name', 'the values set no service account, and chart 1.7.7 fails to render without one.');
    }
    const accountAnnotations = Object.keys(mapAt(values, 'serviceAccount', 'annotations'));
    if (account.create === false && accountAnnotations.length > 0) {
        warn('create-service-account', `the chart does not create service account ${validate_text(account.name)}, so it will not annotate it (${accountAnnotations.join(', ')}): put those annotations on the existing service account.`);
    }
    const dataservice = mapAt(values, 'dataservice');
    const dataserviceAccount = mapAt(values, 'dataservice', 'serviceAccount');
    if (dataservice.enabled === true && dataserviceAccount.create !== true && !validate_text(dataserviceAccount.name)) {
        problem('values', 'dataservice is enabled without a service account: set dataservice.serviceAccount.create: true.');
    }
    const annotations = mapAt(values, 'service', 'annotations');
    if (service.type === 'LoadBalancer' && validate_text(annotations[`${validate_ANNOTATION}azure-load-balancer-internal`]) !== 'true') {
        const ranges = validate_text(annotations[`${validate_ANNOTATION}azure-allowed-ip-ranges`]);
        const open = ranges.split(',').some((range) => ['0.0.0.0/0', '::/0'].includes(range.trim()));
        if (!ranges || open) {
            warn('allowed-ip-ranges', 'the gateway gets a public load balancer open to the whole internet: list the CIDR ranges that may reach it, or use `load-balancer: internal`.');
        }
        if (ingress.enabled === true) {
            warn('service-type', 'both an Ingress and a LoadBalancer Service expose the gateway: consider `service-type: ClusterIP`.');
        }
    }
    return { errors, warnings };
}

;// CONCATENATED MODULE: ./src/values/plan.ts
// The values plan: every source of values merged in a fixed order of precedence, checked, with its secrets found
// and masked, before any network call. Lowest first (the chart's own defaults are applied by helm underneath):
//   action defaults (named inputs left at their action.yml default, plus ALWAYS_SET)
//   < values-files, in order < inline `values` < named inputs the user changed < `env`, `secret-env` < `set`.










// Helm reads values as YAML 1.1, where an unquoted `yes` or `on` is a boolean: writing 1.1 quotes such strings.
const YAML_OUT = { version: '1.1', lineWidth: 0 };
/** The first line of a YAML error only: the rest quotes the source, which may hold a secret. */
function parseError(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/:$/, '');
}
function parseLayer(text, input, what, problems) {
    let parsed;
    try {
        parsed = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        problems.push(`\`${input}\`: ${what} is not valid YAML: ${parseError(error)}.`);
        return undefined;
    }
    if (parsed === null || parsed === undefined)
        return {};
    if (!isMap(parsed)) {
        problems.push(`\`${input}\`: ${what} must be a YAML map of values (key: value), not a ${typeof parsed}.`);
        return undefined;
    }
    return parsed;
}
async function readUserLayers(config, readFile, problems) {
    const layers = [];
    for (const file of config.values.files) {
        let text;
        try {
            text = await readFile(file);
        }
        catch (error) {
            problems.push(`\`values-files\`: cannot read ${file}: ${error.message}.`);
            continue;
        }
        const values = parseLayer(text, 'values-files', file, problems);
        if (values)
            layers.push({ source: `values-files (${file})`, values });
    }
    if (config.values.inline) {
        const values = parseLayer(config.values.inline, 'values', 'the inline YAML', problems);
        if (values)
            layers.push({ source: 'input `values`', values });
    }
    return layers;
}
/** The version of the chart about to be used, when known without the network. */
async function knownChartVersion(config, readFile) {
    const source = config.chart.source;
    if (source.kind !== 'local')
        return config.chart.version;
    try {
        const chart = (0,dist/* parse */.qg)(await readFile(external_node_path_.join(source.path, 'Chart.yaml')));
        return isMap(chart) ? String(chart.version ?? '') : '';
    }
    catch {
        return '';
    }
}
function mergeAll(config, userLayers, warnings) {
    const merger = new ValuesMerger();
    const changed = new Set(config.values.changedInputs);
    const settings = namedInputSettings(config.portkey);
    const userChanged = settings.filter((setting) => setting.inputs.some((input) => changed.has(input)));
    merger.merge(ALWAYS_SET, ACTION_DEFAULTS);
    for (const setting of settings)
        if (!userChanged.includes(setting))
            merger.merge(setting.values, ACTION_DEFAULTS);
    const envLayers = [
        { source: 'input `env`', values: { environment: { data: config.portkey.env } } },
        { source: 'input `secret-env`', values: { environment: { data: config.portkey.secretEnv } } },
    ];
    const layers = [
        ...userLayers,
        ...userChanged.map((setting) => ({ source: `input \`${setting.inputs[0]}\``, values: setting.values })),
        ...envLayers,
    ];
    for (const layer of layers)
        merger.merge(normalizeLayer(layer.values, layer.source, warnings), layer.source);
    for (const line of config.values.set) {
        const [first, second, name] = line.path;
        const envVariable = first === 'environment' && second === 'data' && typeof name === 'string' && line.path.length === 3;
        const linePath = envVariable ? [first, second, currentEnvName(name, 'input `set`', warnings)] : line.path;
        merger.assign(linePath, envVariable ? stringifyEnvValue(line.value) : line.value, 'input `set`');
    }
    warnings.push(...merger.warnings, ...fitToChart(merger.values));
    return merger;
}
async function planValues(config, secretSet, readFile = (file) => (0,promises_.readFile)(file, 'utf8')) {
    const problems = [];
    const userLayers = await readUserLayers(config, readFile, problems);
    if (problems.length > 0)
        throw new errors/* ValidationError */.y(problems);
    const warnings = [];
    const merger = mergeAll(config, userLayers, warnings);
    const values = merger.values;
    const p = config.portkey;
    const knownSecrets = [
        p.clientAuth,
        p.registry.password,
        p.redis.password,
        p.blob.key,
        p.blob.entraClientSecret,
        ...Object.values(p.secretEnv),
    ];
    // Masked before validation, so that nothing printed from here on can show a secret from a values file.
    const scan = scanSecrets(values, knownSecrets, Object.keys(p.secretEnv));
    secretSet.add(...scan.secrets);
    const check = validateValues(values, config, await knownChartVersion(config, readFile));
    if (check.errors.length > 0)
        throw new errors/* ValidationError */.y(check.errors.map((error) => secretSet.redact(error)));
    return {
        values,
        yaml: (0,dist/* stringify */.As)(values, YAML_OUT),
        redactedYaml: (0,dist/* stringify */.As)(scan.redacted, YAML_OUT),
        redacted: scan.redacted,
        sourceOf: (path) => merger.sourceOf(path),
        secrets: scan.secrets,
        warnings: [...warnings, ...check.warnings].map((warning) => secretSet.redact(warning)),
    };
}
/** Writes the values file helm reads: 0600, inside the action's private folder. */
function writeValues(plan, workspace) {
    return workspace.writePrivateFile('values.yaml', plan.yaml);
}

;// CONCATENATED MODULE: ./src/values/index.ts
// The values stage: plan (merge, check, mask) then write.


;// CONCATENATED MODULE: ./src/verify/cluster-reads.ts
// The reads the verify stage makes while polling. A poll must survive a transient API error (the next tick
// retries), so these return the failure instead of throwing; the callers decide when enough is enough.

async function tryKubectlJson(tools, seams, args, signal) {
    const result = await runKubectl(tools, seams, [...args, '-o', 'json'], { signal });
    if (result.exitCode !== 0)
        return { ok: false, error: (result.stderr || result.stdout).trim() };
    // `--ignore-not-found` prints nothing when nothing matched.
    if (!result.stdout.trim())
        return { ok: true, value: undefined };
    try {
        return { ok: true, value: JSON.parse(result.stdout) };
    }
    catch {
        return { ok: false, error: `kubectl printed something that is not JSON: ${result.stdout.slice(0, 200)}` };
    }
}
/** `kubectl get a/x b/y -o json` returns a List; a single name returns the object itself. */
function listItems(json) {
    if (!json || typeof json !== 'object')
        return [];
    const o = json;
    return o.kind?.endsWith('List') && Array.isArray(o.items) ? o.items : [json];
}
function eventTime(e) {
    return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
}
/** The newest events, oldest first, one line each: `<time> Warning BackOff (x5): Back-off restarting …`. */
function formatEvents(events, max = 10) {
    return [...events]
        .sort((a, b) => eventTime(a).localeCompare(eventTime(b)))
        .slice(-max)
        .map((e) => {
        const count = e.series?.count ?? e.count ?? 1;
        const when = eventTime(e);
        return `${when ? `${when} ` : ''}${e.type ?? 'Normal'} ${e.reason ?? ''}${count > 1 ? ` (x${count})` : ''}: ${(e.message ?? '').trim()}`;
    });
}
async function readEvents(tools, seams, namespace, objectName, signal) {
    const read = await tryKubectlJson(tools, seams, ['get', 'events', '-n', namespace, '--field-selector', `involvedObject.name=${objectName}`], signal);
    return read.ok ? { ok: true, value: listItems(read.value) } : read;
}
/** The last lines a container wrote, of its previous run when it crash-loops. */
async function readLogTail(tools, seams, target, signal) {
    const args = [
        'logs',
        target.pod,
        '-n',
        target.namespace,
        '-c',
        target.container,
        '--tail',
        String(target.lines ?? 20),
    ];
    if (target.previous)
        args.push('--previous');
    const result = await runKubectl(tools, seams, args, { signal });
    return result.exitCode === 0
        ? { ok: true, value: result.stdout.trimEnd() }
        : { ok: false, error: (result.stderr || result.stdout).trim() };
}
/** Indents a block under a heading, or says why it is missing. */
function section(title, body) {
    if (!body.ok)
        return `${title}: could not read them (${body.error})`;
    const lines = Array.isArray(body.value) ? body.value : body.value ? body.value.split('\n') : [];
    return lines.length ? `${title}:\n${lines.map((l) => `  ${l}`).join('\n')}` : `${title}: none`;
}

;// CONCATENATED MODULE: ./src/verify/pod-health.ts
// Pure decisions about one pod: is it failing in a way that waiting will not fix, and what do we tell the user?
// Only the fields these decisions read are typed; the objects come straight from `kubectl get pods -o json`.
/** Container states that never heal by themselves within a deploy's time budget. */
const FATAL_WAITING_REASONS = [
    'CrashLoopBackOff',
    'ImagePullBackOff',
    'ErrImagePull',
    'CreateContainerConfigError',
    'InvalidImageName',
];
function isFatalWaitingReason(reason) {
    return FATAL_WAITING_REASONS.includes(reason ?? '');
}
/** The first fatal problem of a pod (init containers first, as they run first), or undefined. */
function findPodFailure(pod) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const container of statuses) {
        const waiting = container.state?.waiting;
        if (!isFatalWaitingReason(waiting?.reason))
            continue;
        const terminated = container.lastState?.terminated;
        return {
            pod: pod.metadata.name,
            container: container.name,
            reason: waiting.reason,
            message: waiting.message ?? '',
            restarts: container.restartCount,
            lastExit: terminated ? { exitCode: terminated.exitCode, reason: terminated.reason } : undefined,
        };
    }
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
        return { pod: pod.metadata.name, reason: 'Unschedulable', message: scheduled.message ?? '' };
    }
    return undefined;
}
/** Only a crash loop has a previous run whose last log lines explain the failure. */
function wantsPreviousLogs(failure) {
    return failure.reason === 'CrashLoopBackOff' && failure.container !== undefined;
}
function isPodReady(pod) {
    return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
/** What to do about each fatal reason, and which input most likely caused it. */
function adviceFor(reason) {
    switch (reason) {
        case 'CrashLoopBackOff':
            return {
                hint: 'The gateway process exits right after it starts. Read the log lines in the diagnosis: a wrong ' +
                    'portkey-client-auth, an unreachable Redis or log store, or a bad env value are the usual causes.',
            };
        case 'ImagePullBackOff':
        case 'ErrImagePull':
            return {
                input: 'gateway-image-repository',
                hint: 'The node cannot pull the image: check gateway-image-repository and gateway-image-tag, and the ' +
                    'registry credentials (registry-username/registry-password, or image-pull-secret for ACR).',
            };
        case 'InvalidImageName':
            return {
                input: 'gateway-image-repository',
                hint: 'The image reference is not valid: check gateway-image-repository and gateway-image-tag.',
            };
        case 'CreateContainerConfigError':
            return {
                hint: 'The pod references a Secret, ConfigMap or key that does not exist (environment.existingSecret, ' +
                    'secretKeys, image pull secrets): create it in the namespace or fix the values.',
            };
        case 'Unschedulable':
            return {
                hint: 'No node can run the pod: lower the resource requests or replicas, fix nodeSelector/affinity/' +
                    'tolerations, or add nodes (enable the cluster autoscaler or scale the node pool).',
            };
    }
}
/** One line per container and condition that keeps a pod from being ready, for the timeout diagnosis. */
function describeNotReady(pod) {
    const lines = [];
    for (const condition of pod.status?.conditions ?? []) {
        if (condition.status === 'True')
            continue;
        const why = [condition.reason, condition.message].filter(Boolean).join(': ');
        lines.push(`condition ${condition.type}=${condition.status}${why ? ` (${why})` : ''}`);
    }
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const container of statuses) {
        if (container.ready)
            continue;
        lines.push(`container ${container.name}: ${describeState(container.state)}, ${container.restartCount ?? 0} restarts`);
    }
    if (lines.length === 0)
        lines.push(`phase ${pod.status?.phase ?? 'unknown'}`);
    return lines;
}
function describeState(state) {
    if (state?.waiting)
        return `waiting (${[state.waiting.reason, state.waiting.message].filter(Boolean).join(': ')})`;
    if (state?.terminated) {
        const t = state.terminated;
        return `terminated (${t.reason ?? 'exit'} ${t.exitCode ?? ''}`.trimEnd() + ')';
    }
    if (state?.running)
        return 'running but not ready (readiness probe failing?)';
    return 'not started';
}

;// CONCATENATED MODULE: ./src/verify/rollout-diagnosis.ts




async function fatalError(found, input, tools, seams) {
    const { failure, namespace } = found;
    const where = `pod ${failure.pod}${failure.container ? `, container ${failure.container}` : ''}`;
    const lines = [
        `Pod: ${failure.pod} (namespace ${namespace})`,
        ...(failure.container ? [`Container: ${failure.container}`] : []),
        `Reason: ${failure.reason}`,
        ...(failure.message ? [`Message: ${failure.message}`] : []),
    ];
    if (failure.lastExit) {
        lines.push(`Previous run: exit code ${failure.lastExit.exitCode ?? '?'} (${failure.lastExit.reason ?? 'terminated'}), ${failure.restarts ?? 0} restart(s)`);
    }
    const blocks = [lines.join('\n'), section('Recent events', mapRead(found.events, formatEvents))];
    if (wantsPreviousLogs(failure)) {
        const logs = await readLogTail(tools, seams, { namespace, pod: failure.pod, container: failure.container, previous: true }, input.signal);
        blocks.push(section(`Last log lines of the previous run of ${failure.container}`, logs));
    }
    const advice = adviceFor(failure.reason);
    return new errors/* ActionError */.l(`The rollout of release ${input.releaseName} failed: ${where} is in ${failure.reason}` +
        (failure.message ? `: ${failure.message}` : ''), { ...advice, diagnosis: blocks.join('\n\n') });
}
/** Evidence for a rollout that never became ready: workload counts, pod conditions, events, logs. */
async function timeoutError(input, seen, tools, seams, why, lastError) {
    const progress = seen.watched.map((w) => rolloutProgress(w.workload));
    const present = new Set(seen.watched.map((w) => `${w.workload.kind}/${w.workload.metadata.name}`));
    const missing = seen.refs
        .filter((r) => !present.has(`${r.kind}/${r.name}`))
        .map((r) => `${r.kind} ${r.name}: not created yet`);
    const blocks = [
        `Release ${input.releaseName} revision ${seen.release.revision} (${seen.release.status})`,
        section('Workloads', { ok: true, value: [...progress.map((p) => p.summary), ...missing] }),
    ];
    if (lastError)
        blocks.push(`Last error while watching: ${lastError}`);
    const notReady = seen.watched.flatMap((w) => w.pods
        .filter((p) => !isPodReady(p))
        .map((pod) => ({ pod, namespace: w.workload.metadata.namespace ?? input.namespace })));
    for (const [index, { pod, namespace }] of notReady.slice(0, 3).entries()) {
        const events = await readEvents(tools, seams, namespace, pod.metadata.name, input.signal);
        const parts = [
            section(`Pod ${pod.metadata.name}`, { ok: true, value: describeNotReady(pod) }),
            section('Recent events', mapRead(events, formatEvents)),
        ];
        const container = pod.status?.containerStatuses?.find((c) => !c.ready);
        if (index === 0 && container && (container.state?.running || container.restartCount)) {
            const previous = !container.state?.running;
            const logs = await readLogTail(tools, seams, { namespace, pod: pod.metadata.name, container: container.name, previous }, input.signal);
            parts.push(section(`Last log lines of ${container.name}`, logs));
        }
        blocks.push(parts.join('\n'));
    }
    const summary = progress
        .filter((p) => !p.done)
        .map((p) => p.summary)
        .concat(missing)
        .join('; ');
    if (why === 'failed') {
        return new errors/* ActionError */.l(`helm marked revision ${seen.release.revision} of release ${input.releaseName} as failed` +
            (summary ? `: ${summary}` : ''), {
            hint: 'Read the pod conditions and events in the diagnosis, and the helm output above.',
            diagnosis: blocks.join('\n\n'),
        });
    }
    return new errors/* ActionError */.l(`The rollout of release ${input.releaseName} did not finish in time` + (summary ? `: ${summary}` : ''), {
        input: 'timeout',
        hint: 'If the pods are merely slow (large image, busy nodes), raise `timeout`; otherwise the conditions and ' +
            'events in the diagnosis say what keeps them from becoming ready (a failing readiness probe on /v1/health ' +
            'usually means the gateway cannot reach its control plane).',
        diagnosis: blocks.join('\n\n'),
    });
}
function notRecordedError(input, last, lastError) {
    const found = last.kind === 'old-revision'
        ? `its newest revision is still ${last.revision}, the one before this deploy`
        : `helm has no release ${input.releaseName} in namespace ${input.namespace}`;
    return new errors/* ActionError */.l(`The rollout of release ${input.releaseName} never started: ${found}`, {
        input: 'timeout',
        hint: 'helm did not record the new revision before the time budget ran out: read the helm output above.',
        diagnosis: lastError ? `Last error while watching: ${lastError}` : undefined,
    });
}
function replicaFailureError(failure, input) {
    return new errors/* ActionError */.l(`The rollout of release ${input.releaseName} failed: ${failure.workload} cannot create its pods ` +
        `(${failure.reason}): ${failure.message}`, {
        ...adviceForReplicaFailure(failure.message),
        diagnosis: `${failure.workload}\nCondition: ReplicaFailure (${failure.reason})\nMessage: ${failure.message}`,
    });
}
function mapRead(read, map) {
    return read.ok ? { ok: true, value: map(read.value) } : read;
}

;// CONCATENATED MODULE: ./src/verify/rollout.ts
// Watches the release's workloads while `helm upgrade --wait` runs, so a pod that can never start fails the deploy
// in seconds with its reason, events and last log lines, instead of at the timeout with "context deadline exceeded".







const ACCESS_DENIED = /forbidden|unauthorized|must be logged in/i;
/**
 * A controller can fail to create a pod for a moment (the service account applied a blink later): only a failure
 * that lasts this long is the deploy's fault.
 */
const REPLICA_FAILURE_GRACE_MS = 5000;
async function waitForRollout(input, session, seams) {
    const started = seams.now();
    const helm = new client/* HelmClient */.E(session, seams);
    const manifests = new Map();
    const replicaFailureSince = new Map();
    let last = { kind: 'no-release' };
    let lastError;
    const options = { deadline: input.deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal };
    const report = await (0,poll/* poll */.wt)({ ...options, wake: input.wake }, seams, async () => {
        const seen = await rollout_observe(input, helm, session, seams, manifests);
        if (seen.kind === 'error') {
            if (ACCESS_DENIED.test(seen.error)) {
                throw new errors/* ActionError */.l(`Cannot watch the rollout of release ${input.releaseName}: ${seen.error}`, {
                    hint: 'The identity needs read access to workloads, pods, events and pod logs in the namespace.',
                });
            }
            lastError = seen.error;
        }
        else {
            last = seen;
            lastError = undefined;
        }
        if (last.kind !== 'progress')
            return undefined;
        const failure = await findFatalFailure(input, last, session, seams);
        if (failure)
            throw await fatalError(failure, input, session, seams);
        const cannotCreate = lastingReplicaFailure(last, replicaFailureSince, seams.now());
        if (cannotCreate)
            throw replicaFailureError(cannotCreate, input);
        if (last.release.status === 'failed')
            throw await timeoutError(input, last, session, seams, 'failed');
        const progress = last.watched.map((w) => rolloutProgress(w.workload));
        const allPresent = last.watched.length === last.refs.length;
        // A pending revision is still being applied: the workloads may not carry the new spec yet.
        if (last.release.status !== 'deployed' || !allPresent || !progress.every((p) => p.done))
            return undefined;
        return {
            revision: last.release.revision,
            workloads: progress.map((p) => p.summary),
            elapsedMs: seams.now() - started,
        };
    });
    if (report)
        return report;
    const final = last;
    if (final.kind === 'progress')
        throw await timeoutError(input, final, session, seams, 'timeout', lastError);
    throw notRecordedError(input, final, lastError);
}
async function rollout_observe(input, helm, tools, seams, manifests) {
    const { releaseName: name, namespace, signal } = input;
    let release;
    let refs;
    try {
        release = (await helm.history({ name, namespace }, { max: 1, signal })).at(-1);
        if (!release)
            return { kind: 'no-release' };
        if (input.sinceRevision !== undefined && release.revision <= input.sinceRevision) {
            return { kind: 'old-revision', revision: release.revision };
        }
        refs = manifests.get(release.revision);
        if (!refs) {
            const manifest = await helm.manifest({ name, namespace }, { revision: release.revision, signal });
            refs = findWorkloads(parseManifest(manifest ?? ''), namespace);
            manifests.set(release.revision, refs);
        }
    }
    catch (error) {
        // A poll survives a transient API error: the next look retries.
        if (error instanceof errors/* ActionError */.l)
            return { kind: 'error', error: error.message };
        throw error;
    }
    const watched = [];
    for (const ns of new Set(refs.map((r) => r.namespace))) {
        const names = refs.filter((r) => r.namespace === ns).map((r) => `${r.kind.toLowerCase()}/${r.name}`);
        const read = await tryKubectlJson(tools, seams, ['get', ...names, '-n', ns, '--ignore-not-found'], signal);
        if (!read.ok)
            return { kind: 'error', error: read.error };
        for (const workload of listItems(read.value)) {
            const pods = await readCurrentPods(workload, ns, tools, seams, signal);
            if (!pods.ok)
                return { kind: 'error', error: pods.error };
            watched.push({ workload, pods: pods.value });
        }
    }
    return { kind: 'progress', release, refs, watched };
}
async function readCurrentPods(workload, namespace, tools, seams, signal) {
    const what = workload.kind === 'Deployment' ? 'pods,replicasets' : 'pods';
    const selector = selectorToString(workload.spec?.selector);
    const read = await tryKubectlJson(tools, seams, ['get', what, '-n', namespace, '-l', selector], signal);
    if (!read.ok)
        return read;
    const items = listItems(read.value);
    const pods = items.filter((i) => i.kind === 'Pod');
    const replicaSets = items.filter((i) => i.kind === 'ReplicaSet');
    return { ok: true, value: currentPods(workload, pods, replicaSets) };
}
async function findFatalFailure(input, seen, tools, seams) {
    const judgeFrom = seen.release.status.startsWith('pending') ? recordedAtSecond(seen.release.updated) : 0;
    for (const { workload, pods } of seen.watched) {
        const namespace = workload.metadata.namespace ?? input.namespace;
        for (const pod of pods) {
            // While helm is still applying, a pod older than the revision may belong to the state being replaced.
            if (Date.parse(pod.metadata.creationTimestamp ?? '') < judgeFrom)
                continue;
            const failure = findPodFailure(pod);
            if (!failure)
                continue;
            const events = await readEvents(tools, seams, namespace, pod.metadata.name, input.signal);
            // The cluster autoscaler is adding a node for this pod: waiting will fix it.
            if (failure.reason === 'Unschedulable' &&
                events.ok &&
                events.value.some((e) => e.reason === 'TriggeredScaleUp')) {
                continue;
            }
            return { failure, namespace, events };
        }
    }
    return undefined;
}
/** A ReplicaFailure seen without a break for the grace period; `since` remembers when each was first seen. */
function lastingReplicaFailure(seen, since, now) {
    const current = seen.watched.flatMap(({ workload }) => findReplicaFailure(workload) ?? []);
    for (const key of since.keys())
        if (!current.some((f) => `${f.workload}: ${f.message}` === key))
            since.delete(key);
    for (const failure of current) {
        const key = `${failure.workload}: ${failure.message}`;
        if (!since.has(key))
            since.set(key, now);
        if (now - since.get(key) >= REPLICA_FAILURE_GRACE_MS)
            return failure;
    }
    return undefined;
}
function recordedAtSecond(updated) {
    const ms = Date.parse(updated ?? '');
    // Pod timestamps have one-second precision.
    return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000) * 1000;
}

;// CONCATENATED MODULE: ./src/verify/gateway-service.ts
/** The chart's fullname: `fullnameOverride`, else the release name if it contains "gateway", else `<release>-gateway`. */
function gatewayFullname(releaseName, values) {
    const override = typeof values.fullnameOverride === 'string' ? values.fullnameOverride : '';
    const name = override || (releaseName.includes('gateway') ? releaseName : `${releaseName}-gateway`);
    return name.slice(0, 63).replace(/-+$/, '');
}
const INTERNAL_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';
function findObject(objects, kind, name) {
    return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}
function portsOf(service) {
    return (service.spec?.ports ?? []).filter((p) => typeof p.port === 'number');
}
/** Where to look for the gateway's address, from the rendered manifest; undefined when it has no gateway Service. */
function findGatewayTarget(objects, fullname) {
    const service = findObject(objects, 'Service', fullname);
    if (!service)
        return undefined;
    const ports = portsOf(service);
    const gatewayPort = ports.find((p) => p.name === 'gateway') ?? ports.find((p) => p.name !== 'mcp') ?? ports[0];
    if (!gatewayPort)
        return undefined;
    const ingress = findObject(objects, 'Ingress', fullname);
    const mcpServiceObject = findObject(objects, 'Service', `${fullname}-mcp`);
    const mcpServicePort = mcpServiceObject && portsOf(mcpServiceObject)[0];
    const tls = ingress?.spec?.tls ?? [];
    return {
        serviceName: fullname,
        serviceType: service.spec?.type ?? 'ClusterIP',
        port: gatewayPort.port,
        mcpPort: ports.find((p) => p.name === 'mcp' && p !== gatewayPort)?.port,
        // String(): values written as a YAML boolean arrive here unquoted.
        internal: String(service.metadata?.annotations?.[INTERNAL_ANNOTATION]) === 'true',
        ingress: ingress ? { name: fullname, tlsHosts: tls.flatMap((t) => t.hosts ?? []) } : undefined,
        mcpService: mcpServicePort ? { name: `${fullname}-mcp`, port: mcpServicePort.port } : undefined,
    };
}
/** The first address Kubernetes published in `status.loadBalancer.ingress`, if any. */
function loadBalancerAddress(object) {
    const first = object.status?.loadBalancer?.ingress?.find((i) => i.ip || i.hostname);
    return first ? { ip: first.ip || undefined, hostname: first.hostname || undefined } : undefined;
}
/** `http://host[:port]`: the port left out when it is the scheme's default; IPv6 literals bracketed. */
function baseUrl(host, port, scheme = 'http') {
    const bracketed = host.includes(':') ? `[${host}]` : host;
    const isDefault = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
    return `${scheme}://${bracketed}${isDefault ? '' : `:${port}`}`;
}
function inClusterUrl(serviceName, namespace, port) {
    return baseUrl(`${serviceName}.${namespace}.svc.cluster.local`, port);
}
/** SERVER_MODE as the chart reads it: the MCP gateway runs for `all` and `mcp`. */
function servesMcp(values) {
    const environment = values.environment;
    const mode = String(environment?.data?.SERVER_MODE ?? '');
    return mode === 'all' || mode === 'mcp';
}

;// CONCATENATED MODULE: ./src/verify/address.ts
// Finds where the deployed gateway answers: the load balancer's (or Ingress's) published address, or, for a
// Service with no external address, a `kubectl port-forward` that lives until `close()`.







/** The address wait for a deployed release, from the run's own settings. */
function addressInputFor(config, release, values, signal) {
    return {
        releaseName: release.name,
        namespace: release.namespace,
        manifest: release.manifest,
        values,
        timeoutSeconds: config.addressTimeoutSeconds,
        ingressHost: config.portkey.ingressHost || undefined,
        mcpHost: config.portkey.mcpHost || undefined,
        // A port-forward only serves the smoke test, and only when no smoke-test-url says where to go instead.
        portForward: config.smokeTest.enabled && !config.smokeTest.url,
        signal,
    };
}
/** Where the gateway answers, as the log shows it (`npm run bench` times the action by this line). */
function describeAddress(address) {
    return `Gateway: ${address.url}${address.mcpUrl ? `, MCP gateway: ${address.mcpUrl}` : ''}`;
}
async function waitForAddress(input, tools, seams) {
    const address = await findAddress(input, tools, seams);
    core/* info */.pq(`${describeAddress(address)} (${ADDRESS_SOURCE[address.via]})`);
    return address;
}
const ADDRESS_SOURCE = {
    'load-balancer': 'the load balancer of its Service',
    ingress: 'its Ingress',
    'port-forward': 'kubectl port-forward: the Service has no external address',
    'cluster-ip': 'its in-cluster address: the Service has no external address the runner could use',
};
async function findAddress(input, tools, seams) {
    const fullname = gatewayFullname(input.releaseName, input.values);
    const target = findGatewayTarget(parseManifest(input.manifest), fullname);
    if (!target) {
        throw new errors/* ActionError */.l(`The release's manifest has no gateway Service named ${fullname} with a port.`, {
            input: 'server-mode',
            hint: 'The chart names it after fullnameOverride or the release name; with SERVER_MODE `mcp` the gateway ' +
                'Service has no port. Check values that rename or disable the Service.',
        });
    }
    const wantsMcp = servesMcp(input.values);
    const common = {
        port: target.port,
        internal: target.internal,
        serviceName: fullname,
        inClusterUrl: inClusterUrl(fullname, input.namespace, target.port),
        close: async () => { },
    };
    if (target.ingress) {
        const found = await waitForPublished('ingress', target.ingress.name, input, tools, seams);
        const scheme = (host) => (target.ingress.tlsHosts.includes(host) ? 'https' : 'http');
        const host = input.ingressHost || found.ip || found.hostname;
        return {
            ...common,
            ...found,
            port: scheme(host) === 'https' ? 443 : 80,
            url: baseUrl(host, scheme(host) === 'https' ? 443 : 80, scheme(host)),
            mcpUrl: wantsMcp
                ? input.mcpHost
                    ? baseUrl(input.mcpHost, scheme(input.mcpHost) === 'https' ? 443 : 80, scheme(input.mcpHost))
                    : mcpUrlOnService(target, host, input.namespace)
                : undefined,
            via: 'ingress',
        };
    }
    if (target.serviceType === 'LoadBalancer') {
        const found = await waitForPublished('service', fullname, input, tools, seams);
        const host = found.ip ?? found.hostname;
        return {
            ...common,
            ...found,
            url: baseUrl(host, target.port),
            mcpUrl: wantsMcp ? mcpUrlOnService(target, host, input.namespace) : undefined,
            via: 'load-balancer',
        };
    }
    const mcpUrl = wantsMcp
        ? mcpUrlOnService(target, `${fullname}.${input.namespace}.svc.cluster.local`, input.namespace)
        : undefined;
    // A remote cluster's runner cannot reach it at all: the smoke test goes through its API server instead.
    if (input.portForward === false || tools.remote)
        return { ...common, url: common.inClusterUrl, mcpUrl, via: 'cluster-ip' };
    const forward = await startPortForward(tools, seams, { namespace: input.namespace, service: fullname, port: target.port }, input.signal);
    return { ...common, url: baseUrl('127.0.0.1', forward.localPort), mcpUrl, via: 'port-forward', close: forward.close };
}
/** MCP on the gateway Service's own `mcp` port, else on the separate MCP Service (in-cluster only). */
function mcpUrlOnService(target, host, namespace) {
    if (target.mcpPort)
        return baseUrl(host, target.mcpPort);
    if (target.mcpService)
        return inClusterUrl(target.mcpService.name, namespace, target.mcpService.port);
    return undefined;
}
async function waitForPublished(kind, name, input, tools, seams) {
    const deadline = seams.now() + input.timeoutSeconds * 1000;
    core/* info */.pq(`Waiting up to ${input.timeoutSeconds} s for ${kind} ${name} in ${input.namespace} to get an IP address or hostname.`);
    let lastError;
    const found = await (0,poll/* poll */.wt)({ deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal }, seams, async () => {
        const read = await tryKubectlJson(tools, seams, ['get', kind, name, '-n', input.namespace], input.signal);
        lastError = read.ok ? undefined : read.error;
        return (read.ok && read.value && loadBalancerAddress(read.value)) || undefined;
    });
    if (found)
        return found;
    const events = await readEvents(tools, seams, input.namespace, name, input.signal);
    const diagnosis = [
        section(`Events of ${kind} ${name}`, events.ok ? { ok: true, value: formatEvents(events.value) } : events),
    ];
    if (lastError)
        diagnosis.push(`Last error while watching: ${lastError}`);
    const what = kind === 'service' ? `The load balancer of Service ${name}` : `The Ingress ${name}`;
    throw new errors/* ActionError */.l(`${what} got no IP address or hostname within ${input.timeoutSeconds} s.`, {
        input: kind === 'service' ? 'address-timeout' : 'ingress-class',
        hint: kind === 'service'
            ? 'The events in the diagnosis name the cause: public IP quota reached, a static-ip-name that is in use or ' +
                'lives in another resource group (set static-ip-resource-group), a full subnet for an internal load ' +
                'balancer, or the cluster identity lacking rights on the resource group. If Azure is only slow, raise address-timeout.'
            : 'No ingress controller published an address: check that a controller for the ingress-class is installed ' +
                '(for example the application routing add-on) and read the events in the diagnosis.',
        diagnosis: diagnosis.join('\n\n'),
    });
}
const FORWARDING = /Forwarding from 127\.0\.0\.1:(\d+)/;
/** `kubectl port-forward svc/<name> :<port>`: kubectl picks a free local port and prints it. */
async function startPortForward(tools, seams, target, signal, readyWithinMs = 20000) {
    const controller = new AbortController();
    let localPort;
    let exit;
    const running = runKubectl(tools, seams, ['port-forward', `svc/${target.service}`, `:${target.port}`, '-n', target.namespace, '--address', '127.0.0.1'], {
        signal: controller.signal,
        onLine: (line) => {
            localPort ??= Number(FORWARDING.exec(line)?.[1]) || undefined;
        },
    }).then((result) => (exit = result), (error) => (exit = error));
    const close = async () => {
        controller.abort();
        await running;
    };
    const deadline = seams.now() + readyWithinMs;
    await (0,poll/* poll */.wt)({ deadline, intervalMs: 100, signal }, seams, async () => localPort !== undefined || exit !== undefined ? true : undefined).catch(async (error) => {
        await close();
        throw error;
    });
    if (localPort !== undefined && exit === undefined)
        return { localPort, close };
    await close();
    const why = exit instanceof Error
        ? exit.message
        : exit
            ? `kubectl exited with ${exit.exitCode}: ${(exit.stderr || exit.stdout).trim()}`
            : `no "Forwarding from" line within ${readyWithinMs / 1000} s`;
    throw new errors/* ActionError */.l(`Could not port-forward to Service ${target.service} for the smoke test: ${why}`, {
        input: 'smoke-test-url',
        hint: 'Set smoke-test-url to an address the runner can reach, or smoke-test: false to skip the smoke test.',
    });
}

;// CONCATENATED MODULE: ./src/verify/smoke-test.ts
// Asks the deployed gateway whether it is alive (retrying while the load balancer warms up), then, if asked to,
// sends one chat completion through it. Returns a verdict instead of throwing: the caller decides on rollback.



const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 8000;
const REQUEST_TIMEOUT_MS = 10000;
const CHAT_TIMEOUT_MS = 60000;
async function timedRequest(seams, request, timeoutMs, cancelled) {
    const started = seams.now();
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
        const signal = cancelled ? AbortSignal.any([timeout, cancelled]) : timeout;
        const response = await seams.http({ ...request, signal });
        return { response, latencyMs: seams.now() - started };
    }
    catch (error) {
        return { error: describeNetworkError(error), latencyMs: seams.now() - started };
    }
}
/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND, a certificate problem) in `cause`. */
function describeNetworkError(error) {
    // The timeout arrives as a DOMException, which is not always an Error instance.
    const e = error;
    if (e?.name === 'TimeoutError')
        return 'no answer in time';
    if (e?.cause?.code)
        return `${e.cause.code}${e.cause.message ? ` (${e.cause.message})` : ''}`;
    return e?.message ?? String(error);
}
function joinUrl(base, path) {
    return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
/** Text safe to print: every secret replaced, long bodies cut. */
function safeSnippet(text, secrets, max = 200) {
    const safe = secrets.redact(text).replace(/\s+/g, ' ').trim();
    return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}
/** Runs the smoke test and tells the log each retry and the verdict, so the step's log shows how it went. */
async function runSmokeTest(config, gatewayUrl, context, seams) {
    const result = await check(config, gatewayUrl, context, seams);
    core/* info */.pq(`Smoke test ${result.status}: ${result.message}`);
    return result;
}
async function check(config, gatewayUrl, context, seams) {
    const url = joinUrl(gatewayUrl, config.path);
    const { secrets, signal } = context;
    const started = seams.now();
    const backoff = (attempt) => Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    let attempts = 0;
    let last = { latencyMs: 0, error: 'not tried' };
    let verdict;
    await (0,poll/* poll */.wt)({ deadline: started + config.timeoutSeconds * 1000, intervalMs: backoff, signal }, seams, async (n) => {
        attempts = n;
        last = await timedRequest(seams, { url, method: 'GET' }, REQUEST_TIMEOUT_MS, signal);
        verdict = judgeHealth(last, config, secrets);
        if (!verdict)
            return true;
        core/* info */.pq(`Attempt ${n}: GET ${url} ${verdict}; trying again in ${(backoff(n) / 1000).toFixed(1)} s.`);
        return undefined;
    });
    const httpCode = last.response?.status ?? 0;
    const base = { httpCode, latencyMs: last.latencyMs, attempts, url };
    if (verdict) {
        const seconds = Math.round((seams.now() - started) / 1000);
        return {
            ...base,
            status: 'failed',
            message: `GET ${url} ${verdict} (${attempts} attempt(s) over ${seconds} s).`,
        };
    }
    const healthy = `GET ${url} answered ${httpCode} in ${last.latencyMs} ms (attempt ${attempts}).`;
    if (!config.chat.model)
        return { ...base, status: 'passed', message: healthy };
    const chat = await sendChatCompletion(config, gatewayUrl, context, seams);
    return { ...base, status: chat.status, chat, message: `${healthy} ${chat.message}` };
}
/** Undefined when the answer is the expected one, else what was wrong with it. */
function judgeHealth(attempt, config, secrets) {
    if (!attempt.response)
        return `got no answer: ${attempt.error}`;
    const { status, body } = attempt.response;
    if (status !== config.expectedStatus) {
        return `answered ${status}, expected ${config.expectedStatus}; body: ${safeSnippet(body, secrets) || '(empty)'}`;
    }
    if (config.expectedBody && !body.includes(config.expectedBody)) {
        return `answered ${status} but the body does not contain "${config.expectedBody}"; body: ${safeSnippet(body, secrets) || '(empty)'}`;
    }
    return undefined;
}
async function sendChatCompletion(config, gatewayUrl, { secrets, signal }, seams) {
    const { model, provider, providerKey, portkeyApiKey, customHost } = config.chat;
    const headers = { 'content-type': 'application/json', 'x-portkey-provider': provider };
    if (providerKey)
        headers.authorization = `Bearer ${providerKey}`;
    if (portkeyApiKey)
        headers['x-portkey-api-key'] = portkeyApiKey;
    if (customHost)
        headers['x-portkey-custom-host'] = customHost;
    const url = joinUrl(gatewayUrl, '/v1/chat/completions');
    const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'Reply with the single word: ok' }] });
    const attempt = await timedRequest(seams, { url, method: 'POST', headers, body }, CHAT_TIMEOUT_MS, signal);
    const what = `Chat completion with ${model} via ${provider}`;
    if (!attempt.response) {
        return {
            status: 'failed',
            httpCode: 0,
            latencyMs: attempt.latencyMs,
            message: `${what} got no answer: ${attempt.error}.`,
        };
    }
    const { status: httpCode, body: answer } = attempt.response;
    const parsed = parseJson(answer);
    if (httpCode >= 200 && httpCode < 300 && parsed?.choices?.[0]?.message) {
        return {
            status: 'passed',
            httpCode,
            latencyMs: attempt.latencyMs,
            message: `${what} answered in ${attempt.latencyMs} ms.`,
        };
    }
    // Only the error's own message, keys removed: a provider may echo the request (and its key) back.
    const reason = typeof parsed?.error?.message === 'string'
        ? safeSnippet(parsed.error.message, secrets)
        : 'no choices[0].message in the answer';
    return {
        status: 'failed',
        httpCode,
        latencyMs: attempt.latencyMs,
        message: `${what} failed with ${httpCode}: ${reason}.`,
    };
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** The error a failed smoke test becomes, naming the input that points at what failed. */
function smokeTestError(result) {
    if (result.chat?.status === 'failed') {
        return new errors/* ActionError */.l(`The smoke test's chat completion failed: ${result.chat.message}`, {
            input: 'smoke-test-chat-model',
            hint: 'The gateway answers but could not complete a chat: check smoke-test-provider, smoke-test-provider-key, ' +
                'smoke-test-portkey-api-key and smoke-test-chat-model, and that the gateway reaches the provider.',
        });
    }
    return new errors/* ActionError */.l(`The smoke test failed: ${result.message}`, {
        input: 'smoke-test-path',
        hint: "Check the gateway pods' logs, or adjust smoke-test-path / smoke-test-expected-status / smoke-test-url.",
    });
}

;// CONCATENATED MODULE: ./src/verify/service-proxy.ts
// The gateway as seen from inside the cluster, through the API server's service proxy
// (`/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`), asked with `kubectl get --raw`: the one way in when the
// runner cannot reach the cluster at all, since kubectl runs in the runCommand pod there. kubectl's exit code says
// 2xx or not, and its `-v=6` log line the status itself. It sends no headers of its own choosing, so only plain GETs
// go this way (the health check, not a chat completion).

/** `/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`, every piece escaped. */
function proxyPath(target, gatewayPath) {
    const rest = gatewayPath.startsWith('/') ? gatewayPath : `/${gatewayPath}`;
    const service = `${encodeURIComponent(target.name)}:${target.port}`;
    return `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/services/${service}/proxy${rest}`;
}
/**
 * The status of the last response kubectl logged at -v=6: `"Response" verb="GET" … status="503 Service Unavailable"`
 * (kubectl 1.27 and newer) or `GET https://… 503 Service Unavailable in 3 milliseconds` (older).
 */
function loggedStatus(stderr) {
    const found = [...stderr.matchAll(/status="(\d{3})|\b(?:GET|POST) \S+ (\d{3}) .* in \d+ milliseconds/g)].at(-1);
    return found ? Number(found[1] ?? found[2]) : undefined;
}
/** kubectl's own sentence about a refused request: `Error from server (ServiceUnavailable): …`. */
const errorLine = (stderr) => stderr.split('\n').find((line) => line.startsWith('Error from server')) ?? '';
/** One GET through the service proxy. */
async function proxyGet(session, seams, target, gatewayPath, signal) {
    const result = await runKubectl(session, seams, ['get', '--raw', proxyPath(target, gatewayPath), '-v=6'], { signal });
    const status = loggedStatus(result.stderr) ?? (result.exitCode === 0 ? 200 : 0);
    if (status === 0)
        throw new Error(`kubectl exited with ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`);
    return { status, headers: {}, body: result.exitCode === 0 ? result.stdout : errorLine(result.stderr) };
}
/** An HTTP client for `baseUrl` that goes through the service proxy instead: what the smoke test is given. */
function throughServiceProxy(session, seams, target, baseUrl) {
    return async (request) => {
        if ((request.method ?? 'GET') !== 'GET' || Object.keys(request.headers ?? {}).length > 0) {
            throw new Error('only a plain GET goes through the service proxy with kubectl');
        }
        const url = new URL(request.url);
        const base = new URL(baseUrl);
        if (url.origin !== base.origin)
            throw new Error(`${request.url} is not on ${baseUrl}`);
        return proxyGet(session, seams, target, `${url.pathname}${url.search}`, request.signal);
    };
}

;// CONCATENATED MODULE: ./src/verify/smoke-route.ts
// Where the smoke test asks the gateway: at its published address from the runner, or, when the runner cannot reach
// the cluster at all (a private cluster through runCommand), from inside it through the API server's service proxy.


function smokeTestRoute(config, address, namespace, session, seams) {
    // smoke-test-url says where the runner reaches the gateway: that wins.
    if (!session.remote || config.url)
        return { config, url: config.url || address.url, seams, warnings: [] };
    // The Service's own port (an Ingress's address has 80 or 443).
    const target = { namespace, name: address.serviceName, port: Number(new URL(address.inClusterUrl).port) };
    const warnings = config.chat.model
        ? [
            `The smoke test's chat completion (smoke-test-chat-model: ${config.chat.model}) was skipped: through runCommand ` +
                'the gateway is reached with kubectl through the API server, which cannot send its headers. Set ' +
                'smoke-test-url to an address this runner reaches to run it.',
        ]
        : [];
    for (const warning of warnings)
        core/* warning */.$e(warning);
    return {
        config: { ...config, chat: { ...config.chat, model: '' } },
        url: address.inClusterUrl,
        seams: { ...seams, http: throughServiceProxy(session, seams, target, address.inClusterUrl) },
        warnings,
    };
}

;// CONCATENATED MODULE: ./src/verify/index.ts
// The verify stage as main.ts sees it: watch the rollout, find the address, smoke-test it.





// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
;// CONCATENATED MODULE: ./src/main.ts
// The table of contents: read the inputs, then run one stage after another, each in its own log group, passing each
// stage's output to the next and keeping the outcome. The stages decide; this file only wires them, the way helm's
// CLI wires its pkg/action verbs, and turns the runner's signals into a cancelled run.














/** A stage: timed for the summary, in its own log group. */
const stage = (run, name, fn) => run.timer.time(name, () => core/* group */.Os(name, fn));
async function planAndWriteValues(run) {
    const plan = await stage(run, 'Merge values', async () => {
        const merged = await planValues(run.config, run.secrets);
        core/* info */.pq(merged.redactedYaml);
        for (const warning of merged.warnings)
            core/* warning */.$e(warning);
        return merged;
    });
    run.outcome.warnings.push(...plan.warnings);
    return { plan, valuesPath: await writeValues(plan, run.workspace) };
}
/**
 * Loaded once the first stage is under way, by the commands that use them: @actions/tool-cache and the Azure SDK
 * are most of the bundle's start-up time, and `render` never signs in to Azure.
 */
const installTools = async (...args) => (await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(484)]).then(__webpack_require__.bind(__webpack_require__, 484))).installTools(...args);
async function render(run) {
    const { valuesPath } = await planAndWriteValues(run);
    const { helm } = await stage(run, 'Install helm', () => installTools(run.config.tools, ['helm'], run.seams));
    run.outcome.tools = { helm };
    const { renderChart } = await __webpack_require__.e(/* import() */ 955).then(__webpack_require__.bind(__webpack_require__, 1955));
    const session = { helm, env: privateHelmEnv(run.workspace.dir) };
    await stage(run, 'Render the chart', () => renderChart({ chart: run.config.chart, session, valuesPath, secrets: run.secrets }, run.seams));
}
/** Signs in and installs the tools side by side: neither needs the other, and both wait on the network. */
async function connect(run) {
    const { config, seams } = run;
    const { connectToCluster } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(256), __webpack_require__.e(414)]).then(__webpack_require__.bind(__webpack_require__, 5414));
    const { connection, tools, session } = await stage(run, 'Connect to the cluster and install helm and kubectl', async () => {
        const [connection, tools] = await Promise.all([
            connectToCluster(config.azure, config.cluster, run.workspace, seams, {
                secrets: run.secrets,
                signal: run.cancelled,
            }),
            installTools(config.tools, ['helm', 'kubectl'], seams),
        ]);
        const parts = { ...connection, tools, clusterName: config.cluster.clusterName };
        return { connection, tools, session: await openSession(parts, run.workspace, seams) };
    });
    Object.assign(run.outcome, { tools, kubeconfigPath: connection.kubeconfigPath || undefined });
    const reach = { ...connection.reach, through: session.remote?.description };
    run.outcome.cluster = { ...run.outcome.cluster, server: connection.server, reach };
    return session;
}
/** The chart as the session's helm reaches it: a remote cluster's helm gets it packaged, to send with the command. */
const chartFor = async (run, session) => session.remote ? stage(run, 'Package the chart', () => session.remote.chart(run.config.chart)) : run.config.chart;
/** What a deploy would change, in the log, the summary, the outputs and the plan file. */
async function planChanges(run, session, values, planner) {
    const input = { ...values, secrets: run.secrets };
    const changes = await stage(run, 'Plan the changes', () => planner(input, session, run.seams));
    if (changes)
        Object.assign(run.outcome, { plan: changes, planFile: await writePlanFile(changes) });
    return changes;
}
async function plan(run) {
    const { config, outcome } = run;
    const values = await planAndWriteValues(run);
    const session = await connect(run);
    const changes = await planChanges(run, session, { ...values, chart: await chartFor(run, session) }, planRelease);
    if (commentsPlan(config.github.planComment)) {
        const { warning } = await stage(run, 'Comment the plan on the pull request', () => commentPlan({
            release: changes.release,
            markdown: planSection(changes),
            token: config.github.token,
            seams: run.seams,
        }));
        if (warning)
            outcome.warnings.push(warning);
    }
    if (config.failOnChanges && changes.hasChanges)
        throw driftError(changes);
}
async function deploy(run) {
    const { config, outcome, seams, cancelled: signal } = run;
    const { plan, valuesPath } = await planAndWriteValues(run);
    const session = await connect(run);
    const chart = await chartFor(run, session);
    await planChanges(run, session, { plan, valuesPath, chart }, planBeforeDeploy);
    const { release, rollout } = await stage(run, `helm upgrade --install ${config.chart.releaseName}`, () => deployRelease({
        chart,
        deploy: config.deploy,
        valuesPath,
        signal,
        watch: (request) => waitForRollout(request, session, seams),
    }, session, seams));
    outcome.workloads = rollout?.workloads;
    const { name, namespace, revision, status, chartVersion, appVersion } = release;
    Object.assign(outcome.release, { name, namespace, revision, status, chartVersion, appVersion });
    const address = await stage(run, 'Wait for the gateway address', () => waitForAddress(addressInputFor(config, release, plan.values, signal), session, seams));
    outcome.address = address;
    try {
        if (!config.smokeTest.enabled)
            return;
        const route = smokeTestRoute(config.smokeTest, address, release.namespace, session, seams);
        outcome.warnings.push(...route.warnings);
        const result = await stage(run, 'Smoke test', () => runSmokeTest(route.config, route.url, { secrets: run.secrets, signal }, route.seams));
        outcome.smokeTest = result;
        if (result.status === 'failed') {
            const revert = { release, previousRevision: release.previousRevision, deploy: config.deploy };
            throw await stage(run, 'Roll back', () => revertRelease(smokeTestError(result), revert, session, seams));
        }
    }
    finally {
        await address.close();
    }
}
async function uninstall(run) {
    const session = await connect(run);
    const { chart, deploy: settings } = run.config;
    const request = { name: chart.releaseName, namespace: chart.namespace, timeoutSeconds: settings.timeoutSeconds };
    const removed = await stage(run, `helm uninstall ${chart.releaseName}`, () => uninstallRelease(request, session, run.seams));
    run.outcome.release.status = removed.found ? 'uninstalled' : 'not-found';
}
async function run(seams = src_seams/* realSeams */.eU) {
    (0,state_helper/* markMainStarted */.UM)();
    const timer = new StageTimer(seams.now);
    const secrets = new src_secrets/* SecretSet */.rE();
    const outcome = startOutcome(timer.stages);
    const cancellation = cancelOnSignals();
    try {
        const config = await stage({ timer }, 'Read inputs', async () => getConfig(undefined, undefined, secrets));
        outcome.command = config.command;
        outcome.release = { name: config.chart.releaseName, namespace: config.chart.namespace };
        outcome.cluster = { name: config.cluster.clusterName, resourceGroup: config.cluster.resourceGroup };
        const workspace = await (0,src_workspace/* createWorkspace */.s)();
        (0,state_helper/* saveWorkDir */.uS)(workspace.dir);
        const current = { config, workspace, outcome, timer, secrets, cancelled: cancellation.signal, seams };
        await trackGitHubDeployment({ config, outcome, seams, stage: (name, fn) => stage(current, name, fn) }, () => ({ deploy, plan, render, uninstall })[config.command](current));
        outcome.succeeded = true;
    }
    catch (error) {
        await recordFailure(outcome, error);
    }
    finally {
        cancellation.stop();
        await publishReport(outcome, secrets);
    }
}


/***/ }),

/***/ 9810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dZ: () => (/* binding */ throwIfCancelled),
/* harmony export */   v7: () => (/* binding */ pause),
/* harmony export */   wt: () => (/* binding */ poll)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
// The one way the action waits: for a pending release, a rollout, a load balancer's address, a gateway that is
// warming up, a throttled Resource Manager. Every wait ends at its deadline, wakes early when told to, and stops at
// once when the workflow is cancelled, so a cancelled run still gets to write its outputs and summary.

/** Throws the cancellation (the reason main gave the signal) once the workflow is cancelled. */
function throwIfCancelled(signal) {
    if (!signal?.aborted)
        return;
    throw signal.reason instanceof Error ? signal.reason : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('The workflow was cancelled.');
}
/**
 * Sleeps `ms`, or less: up to the deadline, until `wake` settles. Throws when the workflow is cancelled meanwhile.
 * False when the deadline has already passed, so there is nothing left to wait for.
 */
async function pause(ms, options, clock) {
    throwIfCancelled(options.signal);
    const left = (options.deadline ?? Infinity) - clock.now();
    if (left <= 0)
        return false;
    const nap = clock.sleep(Math.min(ms, left), options.signal).catch(() => undefined);
    await (options.wake ? Promise.race([nap, options.wake.catch(() => undefined)]) : nap);
    throwIfCancelled(options.signal);
    return true;
}
/**
 * Calls `attempt` until it returns something other than undefined, and resolves with it; resolves with undefined
 * when the deadline passes first. `attempt` throws to stop with an error. `wake` counts once: after it settled, the
 * loop sleeps its interval again.
 */
async function poll(options, clock, attempt) {
    let wake;
    const settled = () => {
        wake = undefined;
    };
    wake = options.wake?.then(settled, settled);
    for (let n = 1;; n++) {
        throwIfCancelled(options.signal);
        const result = await attempt(n);
        if (result !== undefined)
            return result;
        const ms = typeof options.intervalMs === 'number' ? options.intervalMs : options.intervalMs(n);
        if (!(await pause(ms, { ...options, wake }, clock)))
            return undefined;
    }
}


/***/ }),

/***/ 4772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eU: () => (/* binding */ realSeams)
/* harmony export */ });
/* unused harmony exports sendHttp, runProcess */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6058);
// The only doors to the outside world. Stages receive a `Seams` object, so tests can swap any of these
// for a fake and assert on exactly what would have been sent or run.




const sendHttp = async (request) => {
    const response = await fetch(request.url, {
        method: request.method ?? 'GET',
        headers: request.headers,
        body: request.body,
        signal: request.signal,
    });
    const headers = {};
    response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: await response.text() };
};
function splitLines(onLine, stream) {
    let pending = '';
    return {
        push(chunk) {
            pending += chunk;
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const line of lines)
                onLine?.(line, stream);
        },
        flush() {
            if (pending)
                onLine?.(pending, stream);
            pending = '';
        },
    };
}
const runProcess = (file, args, options = {}) => new Promise((resolve, reject) => {
    const started = Date.now();
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
        env: options.env ?? process.env,
        cwd: options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        signal: options.signal,
        killSignal: 'SIGINT',
    });
    let stdout = '';
    let stderr = '';
    const out = splitLines(options.onLine, 'stdout');
    const err = splitLines(options.onLine, 'stderr');
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
        stdout += chunk;
        out.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
        stderr += chunk;
        err.push(chunk);
    });
    child.on('error', (error) => {
        if (error.name === 'AbortError')
            return;
        reject(new Error(`Could not run ${file}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
        out.flush();
        err.flush();
        // Machine-readable for `npm run bench`, which separates the action's own time from its children's.
        _actions_core__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz(`child-process ${node_path__WEBPACK_IMPORTED_MODULE_2__.basename(file)} ${args[0] ?? ''} exited ${code ?? signal} after ${Date.now() - started} ms`);
        resolve({ exitCode: code ?? (signal ? 130 : 1), stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
});
const realSeams = {
    http: sendHttp,
    run: runProcess,
    sleep: (ms, signal) => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(ms, undefined, { signal }),
    now: () => Date.now(),
};


/***/ }),

/***/ 7194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XF: () => (/* binding */ REDACTED),
/* harmony export */   rE: () => (/* binding */ SecretSet)
/* harmony export */ });
/* unused harmony exports base64Forms, derivedForms */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
// The run's secrets, in one set: every secret input, every secret found in the values, every token and credential
// the action comes to hold. A secret is masked the moment it is added, together with the forms it travels in (a
// pull secret carries it in base64, a JSON document escaped, a log prints a PEM key line by line), and one redaction
// over the whole set serves the values, the render output, the smoke test's messages and the job summary.

const REDACTED = '***';
/** Shorter derived pieces would blank out ordinary words and numbers wherever they appear. */
const MIN_PIECE = 6;
/** Nothing this short is a real secret, and cutting it out would garble every text (the log masks it anyway). */
const MIN_REDACTED = 4;
/**
 * The substrings of base64 that `secret` produces wherever it sits in a larger encoded text: for each of the three
 * byte alignments, the characters that depend on the secret's bytes alone.
 */
function base64Forms(secret) {
    const bytes = Buffer.from(secret, 'utf8');
    const forms = [bytes.toString('base64')];
    for (let offset = 0; offset < 3; offset++) {
        const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
        // Character c holds bits [6c, 6c + 6): it depends on the secret alone when they lie inside its bytes.
        const first = Math.ceil((8 * offset) / 6);
        const last = Math.floor((8 * (offset + bytes.length) - 6) / 6);
        forms.push(encoded.slice(first, last + 1));
    }
    return forms;
}
/** `secret` and every form it is likely to be printed in. Pure. */
function derivedForms(secret) {
    const forms = [secret, JSON.stringify(secret).slice(1, -1), ...base64Forms(secret)];
    for (const line of secret.split(/\r?\n/))
        forms.push(line.trim());
    return [...new Set(forms)].filter((form) => form === secret || form.length >= MIN_PIECE);
}
class SecretSet {
    mask;
    forms = new Set();
    sorted;
    constructor(mask = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq) {
        this.mask = mask;
    }
    /** Adds secrets (empty values are skipped) and masks each of their forms. */
    add(...secrets) {
        for (const secret of secrets) {
            if (!secret)
                continue;
            for (const form of derivedForms(secret)) {
                if (this.forms.has(form))
                    continue;
                this.forms.add(form);
                this.mask(form);
                this.sorted = undefined;
            }
        }
    }
    has(value) {
        return this.forms.has(value);
    }
    /** Every secret form in `text` replaced by ***, the longest first so that overlapping secrets stay hidden. */
    redact(text) {
        this.sorted ??= [...this.forms].filter((form) => form.length >= MIN_REDACTED).sort((a, b) => b.length - a.length);
        return this.sorted.reduce((result, form) => result.split(form).join(REDACTED), text);
    }
}


/***/ }),

/***/ 3338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ removeWorkspace),
/* harmony export */   s: () => (/* binding */ createWorkspace)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
// One private folder under RUNNER_TEMP for every file the action writes (kubeconfig, values, helm config),
// so the post step can remove all of them by deleting one folder.



async function createWorkspace(runnerTemp = process.env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir()) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(runnerTemp, 'portkey-azure-deploy-'));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(dir, 0o700);
    return {
        dir,
        async writePrivateFile(name, content) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, name);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, content, { mode: 0o600 });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(file, 0o600);
            return file;
        },
    };
}
async function removeWorkspace(dir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
}


/***/ })

};

//# sourceMappingURL=925.index.js.map