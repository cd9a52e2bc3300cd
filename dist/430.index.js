export const id = 430;
export const ids = [430];
export const modules = {

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
const postRendererArgs = (chart) => (chart.postRenderer ? ['--post-renderer', chart.postRenderer] : []);
/** The release, the chart, the namespace, the values and the post-renderer: what template and an upgrade share. */
function releaseAndChart(chart, valuesPath) {
    const source = chartSourceArgs(chart);
    const where = ['-n', chart.namespace, '-f', valuesPath];
    return [chart.releaseName, source.chart, ...where, ...source.flags, ...postRendererArgs(chart)];
}
/** `helm template`: the same chart and values an upgrade would use, rendered offline. */
function templateArgs(chart, valuesPath) {
    return ['template', ...releaseAndChart(chart, valuesPath)];
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
    return ['upgrade', '--install', ...releaseAndChart(chart, valuesPath)];
}
function buildUpgradeArgs(request, helmMajor) {
    const { chart, deploy } = request;
    const trace = deployTrace(request.runEnv);
    // No --rollback-on-failure (--atomic): the action owns rollback (src/deploy/recovery.ts, docs/architecture.md).
    return [
        ...upgradeTarget(chart, request.valuesPath),
        ...(chart.createNamespace ? ['--create-namespace'] : []),
        '--timeout',
        `${deploy.timeoutSeconds}s`,
        waitFlag(helmMajor),
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
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _poll_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9810);
/* harmony import */ var _secrets_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2840);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5119);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9777);
// The one helm client: every helm command the action runs (reads of a release, upgrade, rollback, uninstall,
// template, pull) goes through here, with the cluster session's kubeconfig and private helm home, fresh credentials, and
// helm's own error text kept in every failure.









const DEFAULT_CHANGE_TIMEOUT_SECONDS = 300;
/** Streams a long helm command's output into the log, inside the caller's group. */
const logHelmLine = (line) => (0,_secrets_index_js__WEBPACK_IMPORTED_MODULE_6__/* .printForeign */ .Qr)(line);
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
        return json === undefined ? undefined : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .parseReleaseStatus */ .$_)(json);
    }
    /** `helm get metadata -o json`; undefined when the release does not exist. */
    async metadata(release) {
        const json = await this.read(release, ['get', 'metadata'], 'json', 'chart metadata');
        return json === undefined ? undefined : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .parseReleaseMetadata */ .as)(json);
    }
    /** `helm history -o json`, oldest first (the newest `max` only, when given); empty when there is no release. */
    async history(release, options = {}) {
        const command = ['history', ...(options.max ? ['--max', String(options.max)] : [])];
        const json = await this.read(release, command, 'json', 'history', options.signal);
        return json === undefined ? [] : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .parseHistory */ .i6)(json);
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
    rollback(release, revision, options = {}) {
        return this.change(['rollback', release.name, String(revision), '-n', release.namespace], `Rolling back release ${release.name} to revision ${revision}`, options);
    }
    uninstall(release, options = {}) {
        return this.change(['uninstall', release.name, '-n', release.namespace], `Uninstalling release ${release.name}`, options);
    }
    /** `helm template`: offline, no cluster involved. */
    template(chart, valuesPath) {
        return this.seams.run(this.session.helm.path, (0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .templateArgs */ .gg)(chart, valuesPath), { env: this.session.env });
    }
    /**
     * Fetches the chart into `directory` (empty) with this helm, here, and checks it is the chart and version asked for.
     * Offline for a local chart (`helm package`).
     */
    async pull(chart, directory) {
        const helm = this.session.helm.path;
        const pulled = await this.seams.run(helm, (0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .pullArgs */ .bw)(chart, directory), { env: this.session.env });
        const [file] = pulled.exitCode === 0 ? (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(directory)).filter((name) => name.endsWith('.tgz')) : [];
        if (!file) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .l(`helm could not fetch the chart: ${(0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .helmMessage */ .S_)(pulled.stderr, pulled.stdout)}`, {
                input: 'chart-version',
                hint: 'Check chart, chart-repository and chart-version, and that the runner can reach the repository.',
            });
        }
        const chartPath = node_path__WEBPACK_IMPORTED_MODULE_2__.join(directory, file);
        const shown = await this.seams.run(helm, ['show', 'chart', chartPath], { env: this.session.env });
        const metadata = (shown.exitCode === 0 ? (0,yaml__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)(shown.stdout) : undefined);
        if (!metadata?.name || (chart.version && metadata.version !== chart.version)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .l(`The fetched chart ${file} is not version ${chart.version} of the chart asked for: ${shown.exitCode === 0 ? `it is ${metadata?.name} ${metadata?.version}` : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .helmMessage */ .S_)(shown.stderr)}.`, { input: 'chart-version', hint: 'Check chart and chart-version, and what the repository serves under them.' });
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
        if ((0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .isReleaseNotFound */ .Dh)(result.stderr))
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .l(`Could not read the ${what} of release ${release.name} in namespace ${release.namespace}: ${(0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .helmMessage */ .S_)(result.stderr, result.stdout)}`, { hint: 'Check that the cluster is reachable and that the credentials may read Secrets in the namespace.' });
    }
    /** A command that changes the release, waiting for the cluster to settle unless told not to. */
    async change(args, what, options) {
        const { timeoutSeconds = DEFAULT_CHANGE_TIMEOUT_SECONDS, wait = true, giveUp } = options;
        const waiting = wait ? [(0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .waitFlag */ .mx)(this.major)] : [];
        const running = this.run([...args, ...waiting, '--timeout', `${timeoutSeconds}s`], { onLine: logHelmLine });
        const late = () => new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .l(`${what} did not finish before its deadline; it goes on without this run, which stops here.`);
        const result = giveUp ? await (0,_poll_js__WEBPACK_IMPORTED_MODULE_5__/* .until */ .TG)(running, giveUp, late) : await running;
        if (result.exitCode !== 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .l(`${what} failed (helm exited with ${result.exitCode}): ${(0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .helmMessage */ .S_)(result.stderr, result.stdout)}`);
        }
    }
}


/***/ }),

/***/ 9777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ parseReleaseStatus),
/* harmony export */   Dh: () => (/* binding */ isReleaseNotFound),
/* harmony export */   FJ: () => (/* binding */ PENDING_STATUSES),
/* harmony export */   S_: () => (/* binding */ helmMessage),
/* harmony export */   Z: () => (/* binding */ lastGoodRevision),
/* harmony export */   as: () => (/* binding */ parseReleaseMetadata),
/* harmony export */   i6: () => (/* binding */ parseHistory),
/* harmony export */   xQ: () => (/* binding */ manifestResources)
/* harmony export */ });
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

/***/ 2892:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N5: () => (/* binding */ helmArchiveMember),
/* harmony export */   ae: () => (/* binding */ withoutTrailingSlash),
/* harmony export */   h5: () => (/* binding */ kubectlArtifact),
/* harmony export */   hr: () => (/* binding */ helmArtifact)
/* harmony export */ });
function withoutTrailingSlash(url) {
    return url.replace(/\/+$/, '');
}
/**
 * `<base>/helm-vX.Y.Z-<os>-<arch>.tar.gz` (zip on Windows) holding `<os>-<arch>/helm`, checksum `.sha256sum`,
 * signature `.asc`.
 */
function helmArtifact(base, version, platform) {
    const fileName = `helm-v${version}-${platform.os}-${platform.arch}.${platform.helmArchive}`;
    const url = `${withoutTrailingSlash(base)}/${fileName}`;
    return { url, checksumUrl: `${url}.sha256sum`, signatureUrl: `${url}.asc`, fileName };
}
/** The binary inside the helm archive: `linux-amd64/helm`, `windows-amd64/helm.exe`. */
function helmArchiveMember(platform) {
    return `${platform.os}-${platform.arch}/helm${platform.exe}`;
}
/** `<base>/release/vX.Y.Z/bin/<os>/<arch>/kubectl` (`kubectl.exe` on Windows), checksum `.sha256`. */
function kubectlArtifact(base, version, platform) {
    const fileName = `kubectl${platform.exe}`;
    const url = `${withoutTrailingSlash(base)}/release/v${version}/bin/${platform.os}/${platform.arch}/${fileName}`;
    return { url, checksumUrl: `${url}.sha256`, fileName };
}


/***/ }),

/***/ 2578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DM: () => (/* binding */ detectHelmMajor),
/* harmony export */   rB: () => (/* binding */ resolveKubectlVersion),
/* harmony export */   t2: () => (/* binding */ parseHelmMajor),
/* harmony export */   tC: () => (/* binding */ resolveHelmVersion)
/* harmony export */ });
/* unused harmony exports parseVersionRequest, parsePublishedVersion, majorOf, assertSupportedHelm */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _artifacts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2892);


const exactPattern = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const minorPattern = /^\d+\.\d+$/;
/** `4.1.4`, `v4.1.4`, `4.1`, `latest`; anything else is an error naming `input`. */
function parseVersionRequest(raw, input) {
    const text = raw.trim().replace(/^v/i, '');
    if (text.toLowerCase() === 'latest')
        return { kind: 'latest' };
    if (exactPattern.test(text))
        return { kind: 'exact', version: text };
    if (minorPattern.test(text))
        return { kind: 'minor', minor: text };
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`${input} "${raw}" is not a version.`, {
        input,
        hint: 'Use an exact version like 4.1.4, a minor version like 4.1 for its newest patch, or latest.',
    });
}
/** A version as published in `helm-latest-version` or `stable.txt` (`v1.35.2`), without the `v`. */
function parsePublishedVersion(body) {
    const text = body.trim().replace(/^v/, '');
    return exactPattern.test(text) ? text : undefined;
}
function majorOf(version) {
    return Number(version.split('.')[0]);
}
/** The deploy stage speaks Helm 3 and Helm 4 flags only. */
function assertSupportedHelm(version) {
    const major = majorOf(version);
    if (major === 3 || major === 4)
        return major;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`helm ${version} is not supported: this action drives Helm 3 or Helm 4.`, {
        input: 'helm-version',
        hint: 'Set helm-version to a 4.x (recommended, e.g. 4.1.4) or 3.x release.',
    });
}
async function ask(request, input, purpose, seams) {
    try {
        return await seams.http(request);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`Could not reach ${request.url} to ${purpose}: ${error.message}`, {
            input,
            hint: 'Check that the runner can reach the download site, or pin an exact version.',
        });
    }
}
/** GETs a file holding one published version. */
async function readPublishedVersion(url, input, purpose, seams) {
    const response = await ask({ url }, input, purpose, seams);
    const version = response.status === 200 ? parsePublishedVersion(response.body) : undefined;
    if (!version) {
        const got = response.status === 200 ? `"${response.body.trim().slice(0, 80)}"` : `HTTP ${response.status}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`Could not ${purpose}: ${url} answered ${got}.`, {
            input,
            hint: `Pin an exact version in ${input}, or check the download URL.`,
        });
    }
    return version;
}
/** Highest probes for one minor: a guard against a mirror that answers 200 to everything. */
const maxPatchProbes = 100;
/**
 * helm publishes no per-minor index, so the newest patch of `X.Y` is found by asking for the checksum file of
 * X.Y.0, X.Y.1, … until the first 404. Checking this platform's file also proves the release has a build for it.
 */
async function newestHelmPatch(minor, request, platform, seams) {
    let newest;
    for (let patch = 0; patch < maxPatchProbes; patch++) {
        const candidate = `${minor}.${patch}`;
        const { checksumUrl } = (0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .helmArtifact */ .hr)(request.downloadBaseUrl, candidate, platform);
        const response = await ask({ url: checksumUrl, method: 'HEAD' }, 'helm-version', `resolve helm ${minor}`, seams);
        if (response.status === 404)
            break;
        if (response.status !== 200) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`Could not resolve helm ${minor}: ${checksumUrl} answered HTTP ${response.status}.`, {
                input: 'helm-version',
                hint: 'Retry, or pin an exact version such as 4.1.4.',
            });
        }
        newest = candidate;
    }
    if (!newest) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`helm-version ${minor}: no helm ${minor}.0 is published at ${(0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutTrailingSlash */ .ae)(request.downloadBaseUrl)}.`, {
            input: 'helm-version',
            hint: 'Check the version on https://github.com/helm/helm/releases (or your helm-download-url mirror).',
        });
    }
    return newest;
}
async function resolveHelmVersion(request, platform, seams) {
    const wanted = parseVersionRequest(request.version, 'helm-version');
    const version = wanted.kind === 'exact'
        ? wanted.version
        : wanted.kind === 'minor'
            ? await newestHelmPatch(wanted.minor, request, platform, seams)
            : await readPublishedVersion(`${(0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutTrailingSlash */ .ae)(request.downloadBaseUrl)}/helm-latest-version`, 'helm-version', 'resolve helm-version latest', seams);
    assertSupportedHelm(version);
    return version;
}
async function resolveKubectlVersion(request, seams) {
    const wanted = parseVersionRequest(request.version, 'kubectl-version');
    if (wanted.kind === 'exact')
        return wanted.version;
    const file = wanted.kind === 'minor' ? `stable-${wanted.minor}.txt` : 'stable.txt';
    const purpose = `resolve kubectl-version ${wanted.kind === 'minor' ? wanted.minor : 'latest'}`;
    return readPublishedVersion(`${(0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutTrailingSlash */ .ae)(request.downloadBaseUrl)}/release/${file}`, 'kubectl-version', purpose, seams);
}
/** `v4.1.4` (from `helm version --template {{.Version}}`) → 4; undefined for anything else. */
function parseHelmMajor(output) {
    const version = parsePublishedVersion(output);
    const major = version && majorOf(version);
    return major === 3 || major === 4 ? major : undefined;
}
/** Asks the installed binary itself, so a cached or mirrored build that differs from its label cannot fool the deploy stage. */
async function detectHelmMajor(helmPath, seams) {
    const result = await seams.run(helmPath, ['version', '--template', '{{.Version}}']);
    const major = result.exitCode === 0 ? parseHelmMajor(result.stdout) : undefined;
    if (!major) {
        const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 300);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`The installed helm at ${helmPath} did not report a Helm 3 or 4 version (exit ${result.exitCode}): ${said}`, {
            input: 'helm-version',
            hint: 'Set helm-version to a 4.x or 3.x release; if a mirror is in use, check that it serves real helm archives.',
        });
    }
    return major;
}


/***/ })

};

//# sourceMappingURL=430.index.js.map