export const id = 454;
export const ids = [454];
export const modules = {

/***/ 4632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ cancelOnSignals),
/* harmony export */   e: () => (/* binding */ RUNNER_GRACE)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
// A cancelled workflow reaches the step the way GitHub's runner sends it: SIGINT, SIGTERM 7.5 s later, then the whole
// process tree killed 2.5 s after that. One AbortSignal carries the cancellation to every wait; two more deadlines
// share out the grace, so that a recovery stops in time for the GitHub Deployment, the outputs and the summary, and
// those stop before the kill.


/** The runner's grace after cancelling a job, from its first signal (actions/runner, ProcessInvoker). */
const RUNNER_GRACE = { sigtermAfterMs: 7_500, killAfterMs: 10_000 };
/** What the end of a cancelled run keeps for itself: the GitHub Deployment's status, outputs and summary. */
const REPORT_MS = 2_500;
/** The last call out (the GitHub Deployment) gives up this long before the kill, leaving the files time. */
const FILES_MS = 1_000;
/** Turns the runner's signals into the three deadlines, each counted from the signal that set it. */
function cancelOnSignals() {
    const cancel = new AbortController();
    const recovery = new AbortController();
    const report = new AbortController();
    const timers = [];
    const at = (controller, ms) => {
        const timer = setTimeout(() => controller.abort(), Math.max(0, ms));
        timer.unref();
        timers.push(timer);
    };
    const onSignal = (signal) => {
        // SIGTERM alone (or after SIGINT) leaves 2.5 s before the kill; SIGINT leaves the whole 10 s.
        const killInMs = signal === 'SIGTERM' ? RUNNER_GRACE.killAfterMs - RUNNER_GRACE.sigtermAfterMs : RUNNER_GRACE.killAfterMs;
        at(recovery, killInMs - REPORT_MS - FILES_MS);
        at(report, killInMs - FILES_MS);
        if (cancel.signal.aborted)
            return;
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Received ${signal}: the workflow was cancelled. Stopping helm and every wait cleanly.`);
        cancel.abort(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l(`The workflow was cancelled (${signal}).`));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return {
        signal: cancel.signal,
        recoveryOver: recovery.signal,
        reportOver: report.signal,
        stop() {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            timers.forEach(clearTimeout);
        },
    };
}


/***/ }),

/***/ 2837:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ clusterPort)
/* harmony export */ });
/* harmony import */ var _port_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6315);

function localCluster(session, seams) {
    const { access } = session;
    const run = async (command, options = {}) => {
        await access.refreshCredentials();
        const binary = command.tool === 'helm' ? session.helm.path : session.kubectl.path;
        return seams.run(binary, [...command.args, '--kubeconfig', access.kubeconfigPath], {
            env: session.env,
            ...options,
        });
    };
    const read = (request, signal) => run((0,_port_js__WEBPACK_IMPORTED_MODULE_0__/* .readCommand */ .UK)(request), { signal });
    return {
        description: 'the kubeconfig',
        read,
        // Side by side: each read is a helm or kubectl process and its round trips, a tenth of a second or more apiece.
        readAll: (requests, signal) => Promise.all(requests.map((request) => read(request, signal))),
        change(request, options = {}) {
            const stdin = request.kind === 'apply' ? JSON.stringify(request.object) : undefined;
            return run((0,_port_js__WEBPACK_IMPORTED_MODULE_0__/* .changeCommand */ .KN)(request), { signal: options.stop, onLine: options.onLine, ...(stdin && { stdin }) });
        },
    };
}
/** The port a stage reaches the session's cluster through. */
function clusterPort(session, seams) {
    const { access } = session;
    return access.via === 'run-command' ? access.cluster : localCluster({ ...session, access }, seams);
}


/***/ }),

/***/ 6315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KN: () => (/* binding */ changeCommand),
/* harmony export */   UK: () => (/* binding */ readCommand)
/* harmony export */ });
/* unused harmony export FIELD_MANAGER */
/** What `--field-manager` names on every object the action applies itself. */
const FIELD_MANAGER = 'portkey-azure-deploy';
function releaseArgs(read) {
    const { release } = read;
    const command = {
        status: ['status'],
        metadata: ['get', 'metadata'],
        history: ['history', ...(read.max ? ['--max', String(read.max)] : [])],
        manifest: ['get', 'manifest', ...(read.revision === undefined ? [] : ['--revision', String(read.revision)])],
        values: ['get', 'values'],
    }[read.what];
    const json = read.what === 'manifest' ? [] : ['-o', 'json'];
    return [...command, release.name, '-n', release.namespace, ...json];
}
/** The command line of a read, without the kubeconfig. Pure. */
function readCommand(read) {
    switch (read.kind) {
        case 'release':
            return { tool: 'helm', args: releaseArgs(read) };
        case 'objects':
            return {
                tool: 'kubectl',
                args: [
                    'get',
                    ...(read.resource ? [read.resource] : []),
                    ...(read.names ?? []),
                    '-n',
                    read.namespace,
                    ...(read.selector ? ['-l', read.selector] : []),
                    ...(read.fieldSelector ? ['--field-selector', read.fieldSelector] : []),
                    ...(read.ignoreNotFound ? ['--ignore-not-found'] : []),
                    '-o',
                    'json',
                ],
            };
        case 'logs':
            return {
                tool: 'kubectl',
                args: [
                    'logs',
                    read.pod,
                    '-n',
                    read.namespace,
                    '-c',
                    read.container,
                    '--tail',
                    String(read.tail),
                    ...(read.previous ? ['--previous'] : []),
                ],
            };
        case 'raw':
            // -v=6 logs the response's status, which `get --raw` does not otherwise tell.
            return { tool: 'kubectl', args: ['get', '--raw', read.path, '-v=6'] };
        case 'version':
            return { tool: 'kubectl', args: ['version', '-o', 'json'] };
        case 'api-versions':
            return { tool: 'kubectl', args: ['api-versions'] };
        case 'can-i':
            return {
                tool: 'kubectl',
                args: [
                    'auth',
                    'can-i',
                    read.verb,
                    read.resource,
                    ...(read.subresource ? [`--subresource=${read.subresource}`] : []),
                    '--namespace',
                    read.namespace,
                ],
            };
    }
}
/**
 * The command line of a change, without the kubeconfig; `objectFile` is where the object to apply is read from (`-`
 * for stdin). Pure.
 */
function changeCommand(change, objectFile = '-') {
    switch (change.kind) {
        case 'helm':
            return { tool: 'helm', args: change.args };
        case 'apply':
            return {
                tool: 'kubectl',
                args: ['apply', '--server-side', '--force-conflicts', `--field-manager=${FIELD_MANAGER}`, '-f', objectFile],
            };
        case 'delete':
            return {
                tool: 'kubectl',
                args: ['delete', change.resource, change.name, '-n', change.namespace, '--ignore-not-found'],
            };
    }
}


/***/ }),

/***/ 7607:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
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

/***/ 1738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ runUrl),
/* harmony export */   t: () => (/* binding */ workflowRun)
/* harmony export */ });
// The workflow run this step belongs to, as the runner describes it in its environment variables.
function runUrl(env) {
    if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID)
        return undefined;
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
    return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}
function workflowRun(env) {
    const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    // The runner sets it; without it, GitHub's own layout: /api/v3 → /api/graphql on a server, /graphql beside REST.
    const graphqlUrl = env.GITHUB_GRAPHQL_URL || (/\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/v3$/, 'graphql') : `${apiUrl}/graphql`);
    return {
        apiUrl,
        graphqlUrl,
        repository: env.GITHUB_REPOSITORY ?? '',
        sha: env.GITHUB_SHA ?? '',
        url: runUrl(env),
    };
}


/***/ }),

/***/ 9310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U2: () => (/* binding */ parseExtraObjects),
/* harmony export */   sm: () => (/* binding */ clashWithOwn)
/* harmony export */ });
/* unused harmony export EXTRA_OBJECT_KINDS */
/* harmony import */ var _values_parse_yaml_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9093);
// `extra-objects`: Kubernetes objects Portkey's chart has no template for (the egress NetworkPolicy of Portkey's AKS
// guide, a ServiceMonitor), added to the release so that helm owns them: the plan shows them and `helm uninstall`
// removes them. Only kinds that belong beside a gateway and hold no secret, only in the release's namespace. Pure.

/** The kinds that may be added, with the API versions each is written in. */
const EXTRA_OBJECT_KINDS = {
    NetworkPolicy: ['networking.k8s.io/v1'],
    PodDisruptionBudget: ['policy/v1', 'policy/v1beta1'],
    ServiceMonitor: ['monitoring.coreos.com/v1'],
    PodMonitor: ['monitoring.coreos.com/v1'],
};
/** A few policies and monitors; a list far past this is a values file pasted into the wrong input. */
const MAX_OBJECTS = 50;
/** RFC 1123 subdomain, what every one of these kinds' names must be. */
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const isMap = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** `kind/name` as far as the item says, for a problem that must not quote the item's content. */
function label(item, index) {
    const kind = typeof item.kind === 'string' ? item.kind : 'object';
    const name = isMap(item.metadata) && typeof item.metadata.name === 'string' ? item.metadata.name : '';
    return `item ${index + 1} (${kind}${name ? ` ${name}` : ''})`;
}
/** The one problem with `item`, or the object as it is added: in the namespace, labelled as the release's. */
function checkItem(item, index, release) {
    if (!isMap(item))
        return `item ${index + 1} is not a map: give each object as a map with apiVersion, kind and metadata.`;
    const what = label(item, index);
    const kind = typeof item.kind === 'string' ? item.kind : '';
    if (!Object.hasOwn(EXTRA_OBJECT_KINDS, kind)) {
        return `${what}: kind ${JSON.stringify(kind)} is not one of ${Object.keys(EXTRA_OBJECT_KINDS).join(', ')}; other objects (Secrets above all) belong in the chart's values or are created beside the release.`;
    }
    const versions = EXTRA_OBJECT_KINDS[kind];
    if (!versions.includes(String(item.apiVersion))) {
        return `${what}: apiVersion ${JSON.stringify(item.apiVersion ?? '')} is not ${versions.join(' or ')}.`;
    }
    const metadata = isMap(item.metadata) ? item.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    if (!NAME.test(name) || name.length > 253) {
        return `${what}: metadata.name ${JSON.stringify(name)} is not a Kubernetes name (lower-case letters, digits, '-' and '.').`;
    }
    const namespace = metadata.namespace ?? release.namespace;
    if (namespace !== release.namespace) {
        return `${what}: metadata.namespace ${JSON.stringify(namespace)} is not the release's namespace ${JSON.stringify(release.namespace)}: helm installs a release's objects in its own namespace; leave metadata.namespace out.`;
    }
    if (metadata.labels !== undefined && !isMap(metadata.labels))
        return `${what}: metadata.labels is not a map.`;
    const labels = {
        ...metadata.labels,
        // What the chart's own objects carry: the release owns it, and `kubectl get -l` finds it with them.
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/instance': release.releaseName,
    };
    return { ...item, apiVersion: String(item.apiVersion), kind, metadata: { ...metadata, name, namespace, labels } };
}
/**
 * The objects of `extra-objects`: a YAML list of objects (or one object). Each problem names the item by position,
 * kind and name only: the content is never repeated.
 */
function parseExtraObjects(raw, release) {
    if (!raw)
        return { objects: [], problems: [] };
    let parsed;
    try {
        parsed = (0,_values_parse_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .parseValuesYaml */ .b)(raw);
    }
    catch (error) {
        // The first line only: the rest quotes the text.
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/:$/, '');
        return { objects: [], problems: [`is not valid YAML: ${message}.`] };
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    if (items.length > MAX_OBJECTS) {
        return { objects: [], problems: [`holds ${items.length} objects; at most ${MAX_OBJECTS} are added to a release.`] };
    }
    const objects = [];
    const problems = [];
    items.forEach((item, index) => {
        const checked = checkItem(item, index, release);
        if (typeof checked === 'string')
            problems.push(checked);
        else
            objects.push(checked);
    });
    const seen = new Set();
    for (const object of objects) {
        const id = `${object.kind} ${object.metadata.name}`;
        if (seen.has(id))
            problems.push(`lists ${id} twice.`);
        seen.add(id);
    }
    return { objects, problems };
}
/**
 * A user's object with the kind and name of one the action adds (zero-downtime's PodDisruptionBudget) would make helm
 * refuse the whole manifest: the problem, naming what avoids it, or undefined.
 */
function clashWithOwn(own, extra) {
    const clash = extra.find((object) => own.some((ours) => ours.kind === object.kind && ours.metadata.name === object.metadata.name));
    return (clash &&
        `\`extra-objects\`: ${clash.kind} ${clash.metadata.name} has the name of the one \`zero-downtime\` adds: give yours another name, or set \`zero-downtime: 'false'\` to keep only yours.`);
}


/***/ }),

/***/ 2836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DO: () => (/* binding */ parseImageTag),
/* harmony export */   RB: () => (/* binding */ isMutableTag),
/* harmony export */   fb: () => (/* binding */ parseImageRepository)
/* harmony export */ });
/* harmony import */ var _scalars_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4964);
// The gateway image as the chart writes it, `<repository>:<tag>`: both held to the OCI distribution grammar (the
// one docker and containerd parse), so a typo fails here and not as an ImagePullBackOff minutes into the rollout.

const quote = (raw) => JSON.stringify(raw);
/** A path component: lower-case letters and digits, separated by `.`, `_`, `__` or dashes. */
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/** A registry host name, with an optional port. */
const REGISTRY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/** `portkeyai/gateway`, `myregistry.azurecr.io/portkey/gateway`, `localhost:5000/gateway`; no tag, no digest. */
function parseImageRepository(raw) {
    const bad = (why) => new _scalars_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInput */ .o9(`${quote(raw)} is not an image repository: ${why}. Write it like myregistry.azurecr.io/portkey/gateway.`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw))
        throw bad('leave out the scheme');
    if (raw.includes('@'))
        throw bad('a digest does not belong here; the chart takes a tag in `gateway-image-tag`');
    if (raw.length > 255)
        throw bad('it is longer than 255 characters');
    const parts = raw.split('/');
    // As docker decides: the first part is a registry when it has a dot or a port, or is localhost.
    const first = parts[0];
    const registry = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost') ? parts.shift() : undefined;
    if (registry !== undefined && !REGISTRY.test(registry))
        throw bad(`${quote(registry)} is not a registry host`);
    const last = parts[parts.length - 1];
    if (last.includes(':') && COMPONENT.test(last.split(':')[0])) {
        throw bad('the tag does not belong here; give it in `gateway-image-tag`');
    }
    const wrong = parts.find((part) => !COMPONENT.test(part));
    if (wrong !== undefined) {
        throw bad(`${quote(wrong)} is not a path component (lower-case letters and digits, separated by '.', '_' or '-')`);
    }
    return raw;
}
/** Letters, digits, `_`, `.` and `-`, not starting with `.` or `-`, at most 128 characters. */
function parseImageTag(raw) {
    if (TAG.test(raw))
        return raw;
    throw new _scalars_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInput */ .o9(`${quote(raw)} is not an image tag: use letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters (like 2.13.0).`);
}
/**
 * A tag that names whatever was pushed last (Portkey's guide deploys `latest`). Nodes keep the first image they pulled
 * under it unless the pull policy is Always, and a deploy that changes nothing else restarts no pod.
 */
const isMutableTag = (tag) => tag === 'latest';


/***/ }),

/***/ 6731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cp: () => (/* binding */ InputFiles),
/* harmony export */   Sv: () => (/* binding */ FileTooLarge),
/* harmony export */   jh: () => (/* binding */ mebibytes)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _scalars_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4964);
// The one reader of the files inputs name (`values-files`, a `kubeconfig` path, a local `chart` folder). A pull
// request chooses what those paths hold: a committed symbolic link to a runner file (`/etc/shadow`, another job's
// kubeconfig) would have its content merged, printed by `render` and stored in the release. So a path is read only
// when its real path, every link followed, lies inside the root it names: the workspace (GITHUB_WORKSPACE, the
// checked-out repository; the working directory outside a runner) or the job's RUNNER_TEMP, where earlier steps of
// the same job write generated files. A link in the workspace that leads into RUNNER_TEMP is refused too: that is
// where other actions keep their credentials. Only regular files, read once with a cap on their size, so that
// `/dev/zero` or a FIFO can neither grow memory nor hang the run.



const mebibytes = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
/** A file larger than its reader allows: `bytes` tells how large, for a caller that explains its own limit. */
class FileTooLarge extends _scalars_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInput */ .o9 {
    bytes;
    constructor(bytes, maxBytes) {
        super(`it is ${mebibytes(bytes)}, more than the ${mebibytes(maxBytes)} allowed.`);
        this.bytes = bytes;
    }
}
const inside = (dir, file) => {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(dir, file);
    return relative === '' || (!relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(relative));
};
function kindOf(stats) {
    if (stats.isDirectory())
        return 'a folder';
    if (stats.isFIFO())
        return 'a FIFO';
    if (stats.isSocket())
        return 'a socket';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    return 'not a regular file';
}
function reason(error) {
    const code = error.code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
        return 'no such file.';
    if (code === 'EACCES' || code === 'EPERM')
        return 'permission denied.';
    if (code === 'ELOOP')
        return 'it became a symbolic link while being read.';
    return `${error.message}.`;
}
const fail = (message) => {
    throw new _scalars_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInput */ .o9(message);
};
/** Where `/proc` tells what an open file really is (Linux): checked again after opening, so a swap cannot slip in. */
function openedPath(fd) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(`/proc/self/fd/${fd}`);
    }
    catch {
        return undefined;
    }
}
class InputFiles {
    roots;
    /** Relative paths are relative to the workspace, the step's working directory on a runner. */
    base;
    constructor(env = process.env) {
        const workspace = env.GITHUB_WORKSPACE
            ? { dir: env.GITHUB_WORKSPACE, name: `the workspace ${env.GITHUB_WORKSPACE} (GITHUB_WORKSPACE)` }
            : { dir: process.cwd(), name: `the working directory ${process.cwd()} (GITHUB_WORKSPACE is not set)` };
        const temp = env.RUNNER_TEMP
            ? [{ dir: env.RUNNER_TEMP, name: `the job's temporary folder ${env.RUNNER_TEMP} (RUNNER_TEMP)` }]
            : [];
        this.base = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(workspace.dir);
        this.roots = [workspace, ...temp].map((root) => {
            const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(root.dir);
            let real = dir;
            try {
                real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(dir);
            }
            catch {
                // A root that does not exist holds nothing: every path in it fails as missing.
            }
            return { ...root, dir, real };
        });
    }
    /**
     * The real path of `file`, checked to lie inside the root it names. The innermost root wins, so RUNNER_TEMP under
     * the workspace (or the other way round) is told apart.
     */
    locate(file) {
        const absolute = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(this.base, file);
        const root = this.roots
            .filter((candidate) => inside(candidate.dir, absolute) || inside(candidate.real, absolute))
            .sort((a, b) => b.dir.length - a.dir.length)[0];
        if (!root) {
            fail(`it is outside ${this.roots.map((r) => r.name).join(' and ')}: the action reads only files of the checked-out repository (or that earlier steps of the job wrote to RUNNER_TEMP), so that what a pull request commits cannot point it at the runner's own files.`);
        }
        let real = '';
        try {
            real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(absolute);
        }
        catch (error) {
            fail(reason(error));
        }
        if (!inside(root.real, real)) {
            fail(`it leads through a symbolic link to ${real}, outside ${root.name}: links that leave it are refused, since a pull request could commit one pointing at the runner's own files. Commit the file itself.`);
        }
        return real;
    }
    /** `file`'s text: a regular file inside its root, at most `maxBytes`. Throws InvalidInput saying why not. */
    read(file, maxBytes) {
        const real = this.locate(file);
        let fd;
        try {
            // O_NONBLOCK: opening a FIFO must not wait for a writer. O_NOFOLLOW: the checked path, not a link swapped in.
            fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(real, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0));
            const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
            if (!stats.isFile())
                fail(`it is ${kindOf(stats)}, not a regular file.`);
            if (stats.size > maxBytes)
                throw new FileTooLarge(stats.size, maxBytes);
            const opened = openedPath(fd);
            if (opened !== undefined && opened !== real)
                fail('it was replaced while being read.');
            return readCapped(fd, maxBytes);
        }
        catch (error) {
            if (error instanceof _scalars_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInput */ .o9)
                throw error;
            return fail(reason(error));
        }
        finally {
            if (fd !== undefined)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
        }
    }
    /** Whether `file` is a folder (links followed), without judging where it is. */
    isDirectory(file) {
        try {
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(this.base, file)).isDirectory();
        }
        catch {
            return false;
        }
    }
    /**
     * A local chart folder as helm will read it: inside its root, and so is every file and link in it (helm follows
     * links); only regular files and folders; within `limits`. Returns its real path.
     */
    checkFolder(dir, limits) {
        const real = this.locate(dir);
        if (!this.isDirectory(real))
            fail('it is not a folder.');
        const root = this.roots.find((candidate) => inside(candidate.real, real));
        try {
            this.walk(real, root, limits);
        }
        catch (error) {
            if (error instanceof _scalars_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInput */ .o9)
                throw error;
            fail(reason(error));
        }
        return real;
    }
    walk(real, root, limits) {
        let files = 0;
        let bytes = 0;
        const seen = new Set();
        const pending = [real];
        for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
            if (seen.has(folder))
                continue;
            seen.add(folder);
            for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(folder)) {
                const entry = node_path__WEBPACK_IMPORTED_MODULE_1__.join(folder, name);
                const shown = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(real, entry);
                let target = entry;
                if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(entry).isSymbolicLink()) {
                    try {
                        target = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(entry);
                    }
                    catch {
                        fail(`${shown} is a symbolic link to nothing.`);
                    }
                    if (!inside(root.real, target)) {
                        fail(`${shown} is a symbolic link to ${target}, outside ${root.name}: helm would read it into the chart.`);
                    }
                }
                const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target);
                if (stats.isDirectory()) {
                    pending.push(target);
                    continue;
                }
                if (!stats.isFile())
                    fail(`${shown} is ${kindOf(stats)}: a chart holds only files and folders.`);
                files += 1;
                bytes += stats.size;
                if (files > limits.maxFiles)
                    fail(`it holds more than ${limits.maxFiles} files.`);
                if (bytes > limits.maxBytes)
                    fail(`its files come to more than ${mebibytes(limits.maxBytes)}.`);
            }
        }
    }
}
/** Reads at most `maxBytes` from `fd`: a file that grows while being read is refused, not followed. */
function readCapped(fd, maxBytes) {
    const chunks = [];
    let total = 0;
    for (;;) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
        const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, chunk, 0, chunk.length, null);
        if (read === 0)
            break;
        chunks.push(chunk.subarray(0, read));
        total += read;
        if (total > maxBytes)
            throw new FileTooLarge(total, maxBytes);
    }
    return Buffer.concat(chunks).toString('utf8');
}


/***/ }),

/***/ 4804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K7: () => (/* binding */ formatKeyPath),
/* harmony export */   _q: () => (/* binding */ parseKeyPath)
/* harmony export */ });
/* unused harmony export MAX_LIST_INDEX */
/* harmony import */ var _scalars_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4964);
// Key paths as `set` writes them: dots separate keys, `\.` is a dot inside a key, `[N]` indexes a list.
// `service.annotations.service\.beta\.kubernetes\.io/azure-pip-name`, `imageCredentials[0].username`.

const MAX_LIST_INDEX = 65536;
function parseKeyPath(raw) {
    const path = [];
    let key = '';
    let keyStarted = false;
    const endKey = () => {
        if (!keyStarted)
            throw new _scalars_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInput */ .o9(`${JSON.stringify(raw)} has an empty key: write keys like a.b\\.c[0].d.`);
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
                throw new _scalars_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInput */ .o9(`${JSON.stringify(raw)} has a bad list index: write it like list[0].key.`);
            }
            // The list is filled up to the index: helm's --set stops at this size, and so do we, rather than hang.
            if (Number(index) > MAX_LIST_INDEX) {
                throw new _scalars_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInput */ .o9(`${JSON.stringify(raw)} has list index ${index}: at most ${MAX_LIST_INDEX} (as helm --set).`);
            }
            path.push(Number(index));
            i = close;
            if (i + 1 < raw.length && raw[i + 1] !== '.' && raw[i + 1] !== '[') {
                throw new _scalars_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInput */ .o9(`${JSON.stringify(raw)} needs a '.' after ${raw.slice(0, i + 1)}.`);
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


/***/ }),

/***/ 4964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ parseSteps),
/* harmony export */   $n: () => (/* binding */ parseTenantId),
/* harmony export */   BQ: () => (/* binding */ parseHostName),
/* harmony export */   Cb: () => (/* binding */ parseLatency),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   GN: () => (/* binding */ parseCidr),
/* harmony export */   HU: () => (/* binding */ parseChoice),
/* harmony export */   J: () => (/* binding */ parseGuid),
/* harmony export */   Pg: () => (/* binding */ parseFailureBudget),
/* harmony export */   cG: () => (/* binding */ parseInteger),
/* harmony export */   f$: () => (/* binding */ parseHttpUrl),
/* harmony export */   lo: () => (/* binding */ parsePercent),
/* harmony export */   mR: () => (/* binding */ parseToolVersion),
/* harmony export */   o9: () => (/* binding */ InvalidInput),
/* harmony export */   pz: () => (/* binding */ parsePort),
/* harmony export */   ry: () => (/* binding */ splitList),
/* harmony export */   tz: () => (/* binding */ parseSha256),
/* harmony export */   yG: () => (/* binding */ parseBoolean)
/* harmony export */ });
// Pure parsers for single-line inputs. Each throws InvalidInput with a sentence about the value; the caller
// (read-inputs.ts) prefixes the input's name, so every message reads "`input`: what is wrong: what to write".
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
/** `3` (failed requests) or `1%` (of the requests sent), for availability-budget. */
function parseFailureBudget(raw) {
    const share = /^(\d+(?:\.\d+)?)%$/.exec(raw);
    if (share && Number(share[1]) <= 100)
        return { percent: Number(share[1]) };
    if (/^\d+$/.test(raw))
        return { count: Number(raw) };
    throw new InvalidInput(`${quote(raw)} is neither a number of failed requests (\`3\`) nor a share of them (\`1%\`).`);
}
/** `5%` (or `0.5%`): a share from 0 to 100 %, as a ratio from 0 to 1. */
function parsePercent(raw) {
    const share = /^(\d+(?:\.\d+)?)%$/.exec(raw);
    if (!share || Number(share[1]) > 100)
        throw new InvalidInput(`${quote(raw)} is not a share like \`5%\` (0% to 100%).`);
    return Number(share[1]) / 100;
}
/** `10,50`: ascending percentages, each from 1 to 99 (100 % is the release itself). */
function parseSteps(raw) {
    const steps = splitList(raw).map((item) => {
        const value = /^(\d+)%?$/.exec(item);
        if (!value || Number(value[1]) < 1 || Number(value[1]) > 99) {
            throw new InvalidInput(`${quote(item)} is not a share from 1 to 99 (percent): write the steps like \`10,50\`.`);
        }
        return Number(value[1]);
    });
    if (steps.some((step, i) => i > 0 && step <= steps[i - 1])) {
        throw new InvalidInput(`${quote(raw)} does not go up: write the steps in ascending order, like \`10,50\`.`);
    }
    return steps;
}
/** `500ms`, `2s` or `1.5s`: a latency, in milliseconds. */
function parseLatency(raw) {
    const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(raw);
    if (!match || Number(match[1]) === 0) {
        throw new InvalidInput(`${quote(raw)} is not a latency: write it like 500ms or 2s.`);
    }
    return Math.round(Number(match[1]) * (match[2] === 's' ? 1000 : 1));
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
    // Not quoted back: the password would be in the error. A URL is printed and handed to helm as it is.
    if (url.username || url.password) {
        throw new InvalidInput('carries credentials (`user:password@`), which the log would show with the URL and helm would get on its command line, where other processes can read them: give the URL without them.');
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
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function parseGuid(raw) {
    if (GUID.test(raw))
        return raw;
    throw new InvalidInput(`${quote(raw)} is not a GUID (xxxxxxxx-xxxx-...).`);
}
const DOMAIN = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** An Entra tenant as the sign-in URL takes it: the directory's GUID or one of its domains. */
function parseTenantId(raw) {
    if (GUID.test(raw) || DOMAIN.test(raw))
        return raw;
    throw new InvalidInput(`${quote(raw)} is not a tenant: give the directory's ID (a GUID) or one of its domains (contoso.onmicrosoft.com).`);
}
/** A bare host name (no scheme, no path), for hosts the action builds URLs from. */
function parseHostName(raw) {
    if (/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d+)?$/.test(raw))
        return raw;
    throw new InvalidInput(`${quote(raw)} is not a host name: give the host alone, without https:// or a path.`);
}


/***/ }),

/***/ 9486:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Qh: () => (/* binding */ INPUT_NAMES),
  pH: () => (/* binding */ SECRET_INPUTS),
  IC: () => (/* binding */ spec)
});

// UNUSED EXPORTS: GROUPS, INPUTS

// EXTERNAL MODULE: ./src/inputs/image.ts
var inputs_image = __webpack_require__(2836);
// EXTERNAL MODULE: ./src/inputs/scalars.ts
var scalars = __webpack_require__(4964);
;// CONCATENATED MODULE: ./src/inputs/names.ts
// Kubernetes names. The release name also prefixes a Service name, and Service names must start with a letter,
// so it is held to the stricter rule.

function parseReleaseName(raw) {
    if (/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(raw) && raw.length <= 53)
        return raw;
    throw new scalars/* InvalidInput */.o9(`${JSON.stringify(raw)} is not a valid release name: use lower-case letters, digits and '-', starting with a letter, at most 53 characters.`);
}
function parseNamespace(raw) {
    if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw) && raw.length <= 63)
        return raw;
    throw new scalars/* InvalidInput */.o9(`${JSON.stringify(raw)} is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.`);
}
function parseServiceAccountName(raw) {
    const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
    if (new RegExp(`^${label}(\\.${label})*$`).test(raw) && raw.length <= 253)
        return raw;
    throw new scalars/* InvalidInput */.o9(`${JSON.stringify(raw)} is not a valid service account name: use lower-case letters, digits, '-' and '.'.`);
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/inputs/smoke-test-target.ts
// What the smoke test may ask for, held to its rules when the inputs are read, before anything is deployed. The path
// goes into the API server's service proxy URL (`…/services/NAME:PORT/proxy<path>`): a `..` segment, or one the
// server decodes into `..` or `/`, would climb out of the gateway's proxy into the API server itself (the namespace's
// Secrets answered). The URL is where the runner sends the health check and, over https, the chat completion's keys:
// never to a cloud's metadata service, never with credentials of its own that the log would show.


const quote = (raw) => JSON.stringify(raw);
/** Characters a path segment may hold as they are (RFC 3986 `pchar`, less `%`, which is checked on its own). */
const SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]*$/;
/** Percent-escapes that decode into a dot, a slash, a backslash or a percent sign: each can change the route. */
const ROUTE_ESCAPE = /%(2e|2f|5c|25)/i;
/** `/v1/health`: an absolute path, segment by segment, that names the same route wherever it is decoded. */
function parseSmokeTestPath(raw) {
    const bad = (why) => new scalars/* InvalidInput */.o9(`${quote(raw)} ${why}; give a plain path like /v1/health.`);
    if (!raw.startsWith('/'))
        throw new scalars/* InvalidInput */.o9(`${quote(raw)} must start with '/'.`);
    if (raw.includes('\\'))
        throw bad('holds a backslash, which some servers read as a slash');
    if (/[?#]/.test(raw))
        throw bad('holds a query or a fragment (`?`, `#`): the smoke test requests a path alone');
    const segments = raw.slice(1).split('/');
    segments.forEach((segment, index) => {
        if (segment === '.' || segment === '..')
            throw bad(`has a ${quote(segment)} segment, which leaves the gateway's route`);
        // A trailing slash is a path of its own (`/v1/health/`); an empty segment anywhere else (`//host`) is not.
        if (segment === '' && index < segments.length - 1)
            throw bad('has an empty segment (`//`)');
        if (!SEGMENT.test(segment))
            throw bad(`has a character a URL path does not hold as it is in ${quote(segment)}`);
        if (/%(?![0-9a-f]{2})/i.test(segment))
            throw bad(`has a '%' that starts no escape in ${quote(segment)}`);
        if (ROUTE_ESCAPE.test(segment)) {
            throw bad(`has an escaped dot, slash, backslash or percent sign in ${quote(segment)}, which the server decodes`);
        }
        // Decoded by the API server's proxy, a CR, LF or NUL would end the request line or split a header.
        if (/%(?:[01][0-9a-f]|7f)/i.test(segment)) {
            throw bad(`has an escaped control character in ${quote(segment)} (a line break, a NUL), which the server decodes`);
        }
    });
    return raw;
}
/** Cloud metadata and platform endpoints: an instance's credentials and configuration answer there. */
const METADATA_HOSTS = new Set([
    'metadata.azure.internal',
    'metadata.google.internal',
    'metadata.goog',
    'metadata',
    'instance-data',
    'instance-data.ec2.internal',
]);
const METADATA_ADDRESSES = new external_node_net_.BlockList();
METADATA_ADDRESSES.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local: Azure IMDS, AWS, GCP (169.254.169.254)
METADATA_ADDRESSES.addAddress('168.63.129.16', 'ipv4'); // Azure's WireServer, reachable from every Azure VM
METADATA_ADDRESSES.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud's metadata service
METADATA_ADDRESSES.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local
METADATA_ADDRESSES.addAddress('fd00:ec2::254', 'ipv6'); // AWS's IPv6 metadata service
/** Whether `hostname` (as URL gives it: IPv4 numbers normalised, IPv6 in brackets) is a metadata or link-local host. */
function isMetadataHost(hostname) {
    const host = hostname
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, '')
        .toLowerCase();
    if (METADATA_HOSTS.has(host))
        return true;
    // BlockList also matches an IPv4 address written inside IPv6 (`::ffff:a9fe:a9fe`) against the IPv4 ranges.
    const family = (0,external_node_net_.isIP)(host);
    return family !== 0 && METADATA_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
/** The runner's target: an http(s) URL with no credentials in it and no metadata or link-local host. */
function parseSmokeTestUrl(raw) {
    const url = (0,scalars/* parseHttpUrl */.f$)(raw);
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
        throw new scalars/* InvalidInput */.o9('carries credentials (`user:password@`): the runner would send them to the gateway and the log would show the URL. Give the URL without them; the smoke test needs none.');
    }
    if (isMetadataHost(parsed.hostname)) {
        throw new scalars/* InvalidInput */.o9(`points at ${parsed.hostname}, a cloud metadata or link-local address, not a gateway: the runner would fetch the instance's own credentials from it. Give the gateway's address.`);
    }
    return url;
}

;// CONCATENATED MODULE: ./src/inputs/table.ts
// Every input of action.yml, declared once: its group and default (as action.yml has them:
// __tests__/inputs/table.test.ts keeps the two equal), how its text is parsed, whether it is secret, and for the
// named Portkey inputs where in the chart's values its value goes. The reader (read-inputs.ts) parses and masks by
// this table; the values stage builds the named inputs' settings from it and holds whatever else sets those same
// values (a values file, `values`, `set`, `env`) to the same parser.




/** The `# heading` comments of action.yml's inputs, which the README's table groups by. */
const GROUPS = {
    general: 'General',
    azure: 'Azure sign-in (GitHub OIDC, no client secret)',
    cluster: 'Cluster',
    tools: 'Tools',
    chart: 'Chart and release',
    values: 'Values',
    portkey: 'Portkey gateway: account, image, registry, service account (environment.data unless noted)',
    exposure: 'Gateway exposure: Service, load balancer, Ingress, MCP',
    cache: 'Cache (Redis)',
    logs: 'Logs (Azure Blob storage)',
    controlPlane: 'Control plane and other environment settings',
    deploy: 'Deploy',
    canary: 'Canary (strategy: canary)',
    smokeTest: 'Address and smoke test',
    github: 'GitHub Deployment',
};
const table_text = { parse: (raw) => raw, empty: '' };
const flag = { parse: scalars/* parseBoolean */.yG, empty: false };
const port = { parse: scalars/* parsePort */.pz, empty: 0 };
const duration = (allowZero = false) => ({
    parse: (raw) => (0,scalars/* parseDuration */.E9)(raw, { allowZero }),
    empty: 0,
});
const choice = (choices, options) => ({
    parse: (raw) => (0,scalars/* parseChoice */.HU)(raw, choices, options),
    empty: choices[0],
});
const url = (httpsOnly = false) => ({ parse: (raw) => (0,scalars/* parseHttpUrl */.f$)(raw, { httpsOnly }), empty: '', url: true });
const parsed = (parse, empty) => ({ parse, empty });
/** Comma- or newline-separated items, each held to `item`; the chart gets them joined with commas. */
const list = (item = (raw) => raw) => ({
    parse: (raw) => (0,scalars/* splitList */.ry)(raw).map(item).join(','),
    empty: '',
    multiline: true,
});
const env = (name) => ['environment', 'data', name];
const annotation = (name) => ['service', 'annotations', `service.beta.kubernetes.io/${name}`];
const AZURE_CLOUDS = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'];
/**
 * The Azure cloud, named as Azure/login names it. `environment: prod` is the commonest slip (a job's GitHub
 * environment is `environment:` one level up), so anything that is not a cloud points at the input meant.
 */
function parseAzureCloud(raw) {
    try {
        return (0,scalars/* parseChoice */.HU)(raw, AZURE_CLOUDS, { ignoreCase: true });
    }
    catch (error) {
        const hint = ' It names the Azure cloud, as in Azure/login; to name the GitHub environment the deployment is recorded in, ' +
            "use `github-deployment-environment` (the job's own `environment:` sets which secrets and rules apply).";
        throw new scalars/* InvalidInput */.o9(`${error.message}${hint}`);
    }
}
/** GitHub's limit for environment names. */
function parseEnvironmentName(raw) {
    if (raw.length > 255)
        throw new scalars/* InvalidInput */.o9('is longer than 255 characters.');
    return raw;
}
const G = GROUPS;
const INPUTS = {
    command: { group: G.general, default: 'deploy', ...choice(['deploy', 'plan', 'render', 'uninstall']) },
    'allow-insecure-transport': { group: G.general, default: 'false', ...flag },
    'sign-in': { group: G.azure, default: 'github-oidc', ...choice(['github-oidc', 'workload-identity']) },
    'client-id': { group: G.azure, ...parsed(scalars/* parseGuid */.J, '') },
    'tenant-id': { group: G.azure, ...parsed(scalars/* parseTenantId */.$n, '') },
    'subscription-id': { group: G.azure, ...parsed(scalars/* parseGuid */.J, '') },
    // Azure/login and the az CLI accept any case (`azurecloud`): workflows copied from them must keep working.
    environment: {
        group: G.azure,
        default: 'AzureCloud',
        ...parsed(parseAzureCloud, 'AzureCloud'),
    },
    'authority-host': { group: G.azure, ...url(true) },
    'resource-manager-endpoint': { group: G.azure, ...url(true) },
    'oidc-audience': { group: G.azure, ...table_text },
    'resource-group': { group: G.cluster, ...table_text },
    'cluster-name': { group: G.cluster, ...table_text },
    admin: { group: G.cluster, default: 'false', ...flag },
    'private-cluster': { group: G.cluster, default: 'auto', ...choice(['auto', 'true', 'false']) },
    kubeconfig: { group: G.cluster, ...table_text, secret: true, multiline: true, file: true },
    'allow-kubeconfig-exec': { group: G.cluster, default: 'false', ...flag },
    'allow-kubeconfig-files': { group: G.cluster, default: 'false', ...flag },
    'export-kubeconfig': { group: G.cluster, default: 'false', ...flag },
    'helm-version': { group: G.tools, default: '4.1.4', ...parsed(scalars/* parseToolVersion */.mR, '') },
    'kubectl-version': { group: G.tools, default: '1.35.2', ...parsed(scalars/* parseToolVersion */.mR, '') },
    'helm-download-url': { group: G.tools, default: 'https://get.helm.sh', ...url() },
    'kubectl-download-url': { group: G.tools, default: 'https://dl.k8s.io', ...url() },
    'helm-sha256': { group: G.tools, ...parsed(scalars/* parseSha256 */.tz, '') },
    'kubectl-sha256': { group: G.tools, ...parsed(scalars/* parseSha256 */.tz, '') },
    'release-name': { group: G.chart, default: 'portkey-ai', ...parsed(parseReleaseName, '') },
    namespace: { group: G.chart, default: 'portkeyai', ...parsed(parseNamespace, '') },
    'create-namespace': { group: G.chart, default: 'true', ...flag },
    chart: { group: G.chart, default: 'gateway', ...table_text, file: true },
    'chart-repository': { group: G.chart, default: 'https://portkey-ai.github.io/helm', ...url() },
    'chart-version': { group: G.chart, default: '1.7.7', ...table_text },
    'allow-chart-version-range': { group: G.chart, default: 'false', ...flag },
    'values-files': { group: G.values, ...table_text, multiline: true, file: true },
    values: { group: G.values, ...table_text, multiline: true },
    set: { group: G.values, ...table_text, multiline: true },
    'secret-values': { group: G.values, ...table_text, multiline: true },
    'extra-objects': { group: G.values, ...table_text, multiline: true },
    'portkey-client-auth': { group: G.portkey, ...table_text, secret: true, values: [env('PORTKEY_CLIENT_AUTH')] },
    'organisations-to-sync': { group: G.portkey, ...list(), values: [env('ORGANISATIONS_TO_SYNC')] },
    'service-name': { group: G.portkey, default: 'gateway', ...table_text, values: [env('SERVICE_NAME')] },
    'gateway-image-repository': {
        group: G.portkey,
        ...parsed(inputs_image/* parseImageRepository */.fb, ''),
        values: [['images', 'gatewayImage', 'repository']],
    },
    'gateway-image-tag': { group: G.portkey, ...parsed(inputs_image/* parseImageTag */.DO, ''), values: [['images', 'gatewayImage', 'tag']] },
    replicas: {
        group: G.portkey,
        ...parsed((raw) => (0,scalars/* parseInteger */.cG)(raw, 0, 1000), undefined),
        values: [['replicaCount']],
    },
    'registry-username': { group: G.portkey, ...table_text },
    'registry-password': { group: G.portkey, ...table_text, secret: true },
    'registry-server': { group: G.portkey, default: 'https://index.docker.io/v1/', ...table_text },
    'image-pull-secret': { group: G.portkey, ...table_text },
    'service-account-name': {
        group: G.portkey,
        ...parsed(parseServiceAccountName, ''),
        values: [['serviceAccount', 'name']],
    },
    'create-service-account': { group: G.portkey, default: 'true', ...flag, values: [['serviceAccount', 'create']] },
    // The gateway pods' own identity, not the log store's: `redis-auth-mode: workload` signs in with it too.
    'gateway-workload-client-id': {
        group: G.portkey,
        ...table_text,
        values: [['serviceAccount', 'annotations', 'azure.workload.identity/client-id']],
        renamedFrom: 'azure-workload-client-id',
    },
    'server-mode': { group: G.portkey, default: 'gateway', ...choice(['gateway', 'all', 'mcp']) },
    'mcp-port': { group: G.exposure, default: '8788', ...port, values: [env('MCP_PORT')] },
    'mcp-gateway-base-url': { group: G.exposure, ...url(), values: [env('MCP_GATEWAY_BASE_URL')] },
    'mcp-service': { group: G.exposure, default: 'false', ...flag, values: [['mcpService', 'enabled']] },
    'service-type': {
        group: G.exposure,
        default: 'LoadBalancer',
        ...choice(['LoadBalancer', 'ClusterIP', 'NodePort']),
        values: [['service', 'type']],
    },
    'service-port': { group: G.exposure, default: '8787', ...port, values: [['service', 'port']] },
    'container-port': {
        group: G.exposure,
        default: '8787',
        ...port,
        values: [['service', 'containerPort'], env('PORT')],
    },
    'load-balancer': { group: G.exposure, default: 'public', ...choice(['public', 'internal']) },
    'allowed-ip-ranges': { group: G.exposure, ...list(scalars/* parseCidr */.GN), values: [annotation('azure-allowed-ip-ranges')] },
    'static-ip-name': { group: G.exposure, ...table_text, values: [annotation('azure-pip-name')] },
    'static-ip-resource-group': {
        group: G.exposure,
        ...table_text,
        values: [annotation('azure-load-balancer-resource-group')],
    },
    'ingress-class': { group: G.exposure, ...table_text },
    'ingress-host': { group: G.exposure, ...parsed(scalars/* parseHostName */.BQ, ''), values: [['ingress', 'hostname']] },
    'mcp-host': { group: G.exposure, ...parsed(scalars/* parseHostName */.BQ, '') },
    cache: { group: G.cache, default: 'none', ...choice(['none', 'builtin', 'external']) },
    'redis-url': { group: G.cache, ...table_text, url: true, values: [env('REDIS_URL')] },
    'redis-password': { group: G.cache, ...table_text, secret: true, values: [env('REDIS_PASSWORD')] },
    'redis-auth-mode': {
        group: G.cache,
        default: 'password',
        ...choice(['password', 'workload', 'managed', 'entra']),
        values: [env('AZURE_REDIS_AUTH_MODE')],
    },
    'redis-cluster': { group: G.cache, default: 'false', ...flag },
    'log-store': { group: G.logs, ...choice(['', 'azure', 's3', 'wasabi', 'gcs', 'mongo']) },
    'azure-storage-account': { group: G.logs, ...table_text, values: [env('AZURE_STORAGE_ACCOUNT')] },
    'azure-storage-container': { group: G.logs, ...table_text, values: [env('AZURE_STORAGE_CONTAINER')] },
    'azure-storage-auth-mode': {
        group: G.logs,
        default: 'managed',
        ...choice(['managed', 'key', 'workload', 'entra']),
        renamedFrom: 'azure-auth-mode',
    },
    'azure-storage-key': { group: G.logs, ...table_text, secret: true, values: [env('AZURE_STORAGE_KEY')] },
    'azure-storage-managed-client-id': {
        group: G.logs,
        ...table_text,
        values: [env('AZURE_MANAGED_CLIENT_ID')],
        renamedFrom: 'azure-managed-client-id',
    },
    'azure-storage-entra-client-id': {
        group: G.logs,
        ...table_text,
        values: [env('AZURE_ENTRA_CLIENT_ID')],
        renamedFrom: 'azure-entra-client-id',
    },
    'azure-storage-entra-client-secret': {
        group: G.logs,
        ...table_text,
        secret: true,
        values: [env('AZURE_ENTRA_CLIENT_SECRET')],
        renamedFrom: 'azure-entra-client-secret',
    },
    'azure-storage-entra-tenant-id': {
        group: G.logs,
        ...table_text,
        values: [env('AZURE_ENTRA_TENANT_ID')],
        renamedFrom: 'azure-entra-tenant-id',
    },
    'log-store-file-path-format': {
        group: G.logs,
        ...choice(['', 'v1', 'v2']),
        values: [env('LOG_STORE_FILE_PATH_FORMAT')],
    },
    'control-plane': { group: G.controlPlane, default: 'internet', ...choice(['internet', 'private-link']) },
    'control-plane-host': {
        group: G.controlPlane,
        default: 'azure-cp.privatelink-az.portkey.ai',
        ...parsed(scalars/* parseHostName */.BQ, ''),
    },
    env: { group: G.controlPlane, ...table_text, multiline: true },
    'secret-env': { group: G.controlPlane, ...table_text, secret: true, multiline: true },
    timeout: { group: G.deploy, default: '10m', ...duration() },
    'fail-on-changes': { group: G.deploy, default: 'false', ...flag },
    'rollback-on-failure': { group: G.deploy, default: 'true', ...flag },
    'recover-stuck-release': { group: G.deploy, default: 'false', ...flag },
    'pending-release-timeout': {
        group: G.deploy,
        default: '2m',
        ...duration(true),
        renamedFrom: 'wait-for-pending',
    },
    'zero-downtime': { group: G.deploy, default: 'true', ...flag },
    'termination-grace-period': { group: G.deploy, default: '2m', ...duration() },
    'availability-rate': {
        group: G.deploy,
        default: '4',
        ...parsed((raw) => (0,scalars/* parseInteger */.cG)(raw, 0, 50), 0),
    },
    'availability-budget': { group: G.deploy, default: '1%', ...parsed(scalars/* parseFailureBudget */.Pg, { percent: 1 }) },
    strategy: { group: G.canary, default: 'rolling', ...choice(['rolling', 'canary']) },
    'canary-steps': { group: G.canary, default: '10,50', ...parsed(scalars/* parseSteps */.$i, []) },
    'canary-analysis-window': { group: G.canary, default: '1m', ...duration() },
    'canary-max-error-ratio': { group: G.canary, default: '5%', ...parsed(scalars/* parsePercent */.lo, 0) },
    'canary-max-error-increase': { group: G.canary, default: '2%', ...parsed(scalars/* parsePercent */.lo, 0) },
    'canary-max-p95': { group: G.canary, default: '2s', ...parsed(scalars/* parseLatency */.Cb, 0) },
    'canary-min-requests': {
        group: G.canary,
        default: '50',
        ...parsed((raw) => (0,scalars/* parseInteger */.cG)(raw, 0, 1_000_000), 0),
    },
    'address-timeout': { group: G.smokeTest, default: '5m', ...duration() },
    'smoke-test': { group: G.smokeTest, default: 'true', ...flag },
    'smoke-test-from': { group: G.smokeTest, default: 'cluster', ...choice(['cluster', 'runner', 'both']) },
    'smoke-test-url': { group: G.smokeTest, ...parsed(parseSmokeTestUrl, ''), url: true },
    'smoke-test-path': { group: G.smokeTest, default: '/v1/health', ...parsed(parseSmokeTestPath, '/') },
    'smoke-test-expected-status': {
        group: G.smokeTest,
        default: '200',
        ...parsed((raw) => (0,scalars/* parseInteger */.cG)(raw, 100, 599), 200),
    },
    'smoke-test-expected-body': { group: G.smokeTest, ...table_text, multiline: true },
    'smoke-test-timeout': { group: G.smokeTest, default: '2m', ...duration() },
    'smoke-test-chat-model': { group: G.smokeTest, ...table_text },
    'smoke-test-provider': { group: G.smokeTest, default: 'openai', ...table_text },
    'smoke-test-provider-key': { group: G.smokeTest, ...table_text, secret: true },
    'smoke-test-portkey-api-key': { group: G.smokeTest, ...table_text, secret: true },
    'smoke-test-custom-host': { group: G.smokeTest, ...url() },
    'github-deployment': { group: G.github, default: 'true', ...choice(['true', 'false', 'strict']) },
    'github-deployment-environment': { group: G.github, ...parsed(parseEnvironmentName, '') },
    'github-token': { group: G.github, default: '${{ github.token }}', ...table_text, secret: true },
    'plan-comment': { group: G.github, default: 'true', ...flag },
};
const INPUT_NAMES = Object.keys(INPUTS);
/** An entry, seen through the fields every entry may have. */
const spec = (name) => INPUTS[name];
/** The inputs that hold secrets (see InputSpec.secret for when each is masked). */
const SECRET_INPUTS = INPUT_NAMES.filter((name) => spec(name).secret);


/***/ }),

/***/ 6668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VH: () => (/* binding */ INSECURE_TRANSPORT_HINT),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   iR: () => (/* binding */ plainHttpProblem)
/* harmony export */ });
// Plain HTTP is refused wherever something that matters would cross the network unauthenticated: the binaries and
// the chart the action runs, and the credentials the smoke test sends. Loopback never leaves the machine, so it is
// fine; anything else needs `allow-insecure-transport`. Used by the input stage and, for the address only known after
// the deploy, by the smoke test.
/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1: names and addresses that never leave the machine. */
function isLoopbackHost(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return (host === 'localhost' ||
        host.endsWith('.localhost') ||
        host === '::1' ||
        /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}
/** Why `url` is not a safe way to send or fetch something that matters, or undefined when it is. */
function plainHttpProblem(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined; // Not a URL at all: the input's own parser says so.
    }
    if (parsed.protocol !== 'http:' || isLoopbackHost(parsed.hostname))
        return undefined;
    return `${parsed.origin} is plain HTTP to a host other than this machine`;
}
const INSECURE_TRANSPORT_HINT = "use https://, or set `allow-insecure-transport: 'true'` if every network between the runner and that host is yours.";


/***/ }),

/***/ 1265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Et: () => (/* reexport */ AKS_SERVER_APP_ID),
  XV: () => (/* reexport */ ApiServerCredentialError),
  rc: () => (/* reexport */ InvalidKubeconfig),
  _H: () => (/* reexport */ apiServerClientFor),
  $N: () => (/* reexport */ entraServerId),
  BA: () => (/* reexport */ execCredential),
  hT: () => (/* reexport */ kubeconfigSecrets),
  F: () => (/* reexport */ kubeconfigText),
  DU: () => (/* reexport */ parseKubeconfig),
  NP: () => (/* reexport */ policyProblems),
  M5: () => (/* reexport */ withAbsolutePaths),
  mU: () => (/* reexport */ withEntraCredentialFile),
  fQ: () => (/* binding */ writeKubeconfig)
});

// UNUSED EXPORTS: apiServerClient, credentialPrograms, fileReferences

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/kubeconfig/read-yaml.ts
// A kubeconfig's YAML read the way client-go reads it (sigs.k8s.io/yaml: go-yaml v2, YAML 1.1, then JSON), or
// refused where the two readings could differ. Go applies merge keys (`<<`) and resolves aliases; YAML 1.1 reads
// `yes`, `on` and `0777` as a boolean and a number. Whatever is accepted here is written out again as JSON (see
// kubeconfig.ts), so helm and kubectl read exactly the document the policy checked.

/** The text is not a kubeconfig the action can read the way client-go does; the message never quotes the text. */
class InvalidKubeconfig extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidKubeconfig';
    }
}
/** Line breaks for YAML 1.1 (libyaml, go-yaml) but not for JavaScript's YAML and JSON: NEL, LS and PS. */
const YAML11_ONLY_LINE_BREAKS = /[\u0085\u2028\u2029]/g;
/** Aliases make a small text expand without bound ("billion laughs"): no kubeconfig needs this many values. */
const MAX_VALUES = 100_000;
/** Where a value sits, for messages: `users[0].user`. */
const at = (where, key) => typeof key === 'number' ? `${where}[${key}]` : where ? `${where}.${key}` : key;
/**
 * go-yaml's merge key: the plain, untagged `<<` (a quoted "<<" is an ordinary key there too). The YAML 1.1 schema
 * resolves it to a symbol.
 */
function isMergeKey(key) {
    if (!(0,dist/* isScalar */.jn)(key) || key.type !== 'PLAIN' || key.tag)
        return false;
    const { value } = key;
    return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}
class Reader {
    doc;
    values = 0;
    active = new Set();
    /** Each alias looked up once: the lookup walks the document. */
    targets = new Map();
    constructor(doc) {
        this.doc = doc;
    }
    read(node, where) {
        const what = where || 'the document';
        if (++this.values > MAX_VALUES)
            throw new InvalidKubeconfig(`expands to more than ${MAX_VALUES} values.`);
        if (node === null || node === undefined)
            return null;
        if ((0,dist/* isAlias */.Vj)(node)) {
            if (!this.targets.has(node))
                this.targets.set(node, node.resolve(this.doc));
            const target = this.targets.get(node);
            if (!target)
                throw new InvalidKubeconfig(`${what} refers to an anchor that is not defined before it.`);
            return this.read(target, where);
        }
        const yamlNode = node;
        if (yamlNode.tag) {
            throw new InvalidKubeconfig(`${what} has the tag ${yamlNode.tag}: a kubeconfig needs no YAML tags.`);
        }
        if (this.active.has(yamlNode))
            throw new InvalidKubeconfig(`${what} contains itself through an alias.`);
        this.active.add(yamlNode);
        try {
            if ((0,dist/* isScalar */.jn)(node))
                return this.scalar(node.value, what);
            if ((0,dist/* isSeq */.oP)(node))
                return node.items.map((item, i) => this.read(item, at(where, i)));
            if ((0,dist/* isMap */.jh)(node))
                return this.map(node.items, where);
        }
        finally {
            this.active.delete(yamlNode);
        }
        throw new InvalidKubeconfig(`${what} is neither a value, a list nor a map.`);
    }
    scalar(value, where) {
        if (value === null || typeof value === 'boolean' || typeof value === 'string')
            return value;
        if (typeof value === 'number' && Number.isFinite(value))
            return value;
        // Timestamps, infinities and NaN: Go and JavaScript print them differently.
        throw new InvalidKubeconfig(`${where} is read as a ${value instanceof Date ? 'date' : 'number'} JSON cannot hold the way Go does: quote it.`);
    }
    key(pair, where) {
        const { key } = pair;
        if (!(0,dist/* isScalar */.jn)(key) || key.tag) {
            throw new InvalidKubeconfig(`${where || 'the document'} has a key that is not a plain value.`);
        }
        const value = this.scalar(key.value, where);
        return typeof value === 'string' ? value : String(value);
    }
    /**
     * A map with its merge keys applied. Go and the YAML spec disagree on which value wins when a merged key is also
     * given explicitly or by another merged map, so any such overlap is refused: then both readings are the same.
     */
    map(items, where) {
        const own = {};
        const merged = {};
        for (const pair of items) {
            if (isMergeKey(pair.key)) {
                const value = pair.value;
                const sources = (0,dist/* isSeq */.oP)(value) ? value.items : [value];
                for (const [i, source] of sources.entries()) {
                    const read = this.read(source, at(where, '<<'));
                    if (!read || typeof read !== 'object' || Array.isArray(read)) {
                        throw new InvalidKubeconfig(`${where || 'the document'} merges (<<) something that is not a map.`);
                    }
                    for (const [key, child] of Object.entries(read)) {
                        if (key in merged) {
                            throw new InvalidKubeconfig(`${where || 'the document'} gets ${key} from two merged maps (<<, source ${i + 1}): keep one, the readers disagree on which wins.`);
                        }
                        merged[key] = child;
                    }
                }
                continue;
            }
            const key = this.key(pair, where);
            if (key in own)
                throw new InvalidKubeconfig(`${at(where, key)} is given twice.`);
            own[key] = this.read(pair.value, at(where, key));
        }
        for (const key of Object.keys(merged)) {
            if (key in own) {
                throw new InvalidKubeconfig(`${at(where, key)} is given and also merged in (<<): keep one, the readers disagree on which wins.`);
            }
        }
        return { ...merged, ...own };
    }
}
/** The one document of `text` as the JSON client-go would make of it; throws InvalidKubeconfig. */
function readYamlAsClientGo(text) {
    if (text.search(YAML11_ONLY_LINE_BREAKS) >= 0) {
        throw new InvalidKubeconfig('holds a Unicode line or paragraph separator, which YAML 1.1 reads as a line break.');
    }
    // Version 1.1 is go-yaml v2's; merge keys are applied by the Reader, which refuses the ambiguous ones.
    const docs = (0,dist/* parseAllDocuments */.hR)(text, { version: '1.1', merge: false, uniqueKeys: false, prettyErrors: false });
    const documents = Array.isArray(docs) ? docs : [];
    if (documents.length === 0)
        throw new InvalidKubeconfig('is empty.');
    if (documents.length > 1) {
        throw new InvalidKubeconfig(`holds ${documents.length} YAML documents: client-go reads only the first. Give one document.`);
    }
    const [doc] = documents;
    const error = doc.errors[0];
    // The first line only: the rest quotes the text, secrets included.
    if (error)
        throw new InvalidKubeconfig(`is not valid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}.`);
    const directives = doc.directives;
    const tagHandles = Object.keys(directives?.tags ?? {}).filter((handle) => handle !== '!!');
    if (directives?.yaml.explicit || tagHandles.length > 0) {
        throw new InvalidKubeconfig('starts with a %YAML or %TAG directive: client-go reads YAML 1.1 only. Remove it.');
    }
    return new Reader(doc).read(doc.contents, '');
}

;// CONCATENATED MODULE: ./src/kubeconfig/kubeconfig.ts
// The kubeconfig as client-go understands it: the current context, its cluster and its user, with client-go's own
// field names and types (k8s.io/client-go/tools/clientcmd/api/v1). Whatever client-go would refuse or read
// differently is refused here; what is accepted is written back as one JSON document holding only those three
// entries, so what the policy checked is exactly what helm and kubectl read, with nothing dormant beside it.



const CLUSTER_FIELDS = {
    server: 'string',
    'certificate-authority': 'string',
    'certificate-authority-data': 'string',
    'insecure-skip-tls-verify': 'boolean',
    'tls-server-name': 'string',
    'proxy-url': 'string',
    'disable-compression': 'boolean',
};
const EXEC_FIELDS = {
    command: 'string',
    args: 'strings',
    env: 'envList',
    apiVersion: 'string',
    installHint: 'string',
    provideClusterInfo: 'boolean',
    interactiveMode: 'string',
};
const USER_FIELDS = {
    'client-certificate': 'string',
    'client-certificate-data': 'string',
    'client-key': 'string',
    'client-key-data': 'string',
    token: 'string',
    tokenFile: 'string',
    as: 'string',
    'as-uid': 'string',
    'as-groups': 'strings',
    'as-user-extra': 'stringListMap',
    username: 'string',
    password: 'string',
    'auth-provider': { name: 'string', config: 'stringMap' },
    exec: EXEC_FIELDS,
};
const CONTEXT_FIELDS = { cluster: 'string', user: 'string', namespace: 'string' };
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const TYPE_NAMES = {
    string: 'a string (quote it)',
    boolean: 'true or false',
    strings: 'a list of strings',
    stringMap: 'a map of strings',
    stringListMap: 'a map of lists of strings',
    envList: 'a list of {name, value}',
};
const field = (where, key) => (where ? `${where}.${key}` : key);
function typed(value, type, where) {
    if (typeof type === 'object')
        return pick(value, type, where);
    const wrong = (at = where) => new InvalidKubeconfig(`${at} must be ${TYPE_NAMES[type]}.`);
    const strings = (list, at) => {
        if (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))
            throw wrong(at);
        return list;
    };
    switch (type) {
        case 'string':
        case 'boolean':
            if (typeof value !== type)
                throw wrong();
            return value;
        case 'strings':
            return strings(value, where);
        case 'stringMap':
            if (!isObject(value) || Object.values(value).some((item) => typeof item !== 'string'))
                throw wrong();
            return value;
        case 'stringListMap':
            if (!isObject(value))
                throw wrong();
            return Object.fromEntries(Object.entries(value).map(([key, list]) => [key, strings(list, field(where, key))]));
        case 'envList':
            if (!Array.isArray(value))
                throw wrong();
            return value.map((item, i) => pick(item, { name: 'string', value: 'string' }, `${where}[${i}]`));
    }
}
/**
 * The known fields of `value`, each of its type; a null field is an absent one, as in Go. Unknown fields
 * (`extensions` included) are dropped: client-go ignores them. A known field spelled in another case is refused:
 * client-go before 1.21 matched field names regardless of case, later ones do not.
 */
function pick(value, fields, where) {
    if (value === null || value === undefined)
        return {};
    if (!isObject(value))
        throw new InvalidKubeconfig(`${where || 'the document'} must be a map.`);
    const known = new Map(Object.keys(fields).map((name) => [name.toLowerCase(), name]));
    const picked = {};
    for (const [key, child] of Object.entries(value)) {
        const name = known.get(key.toLowerCase());
        if (name === undefined)
            continue;
        if (name !== key)
            throw new InvalidKubeconfig(`${field(where, key)} is spelled differently from \`${name}\`.`);
        if (child === null)
            continue;
        picked[name] = typed(child, fields[name], field(where, name));
    }
    return picked;
}
/** The entry of a named list (`clusters`, `contexts`, `users`) called `name`; client-go refuses a name given twice. */
function namedEntry(doc, list, item, name, fields) {
    const entries = doc[list] ?? [];
    if (!Array.isArray(entries))
        throw new InvalidKubeconfig(`${list} must be a list.`);
    const seen = new Set();
    let found;
    for (const [i, entry] of entries.entries()) {
        const { name: entryName } = pick(entry, { name: 'string' }, `${list}[${i}]`);
        const key = String(entryName ?? '');
        if (seen.has(key))
            throw new InvalidKubeconfig(`${list} names ${JSON.stringify(key)} twice.`);
        seen.add(key);
        if (key === name)
            found = pick(entry[item], fields, `${list}[${JSON.stringify(key)}].${item}`);
    }
    return found;
}
/** Where an entry sits, for messages: `clusters["aks"].cluster`. */
const clusterField = (name) => `clusters[${JSON.stringify(name)}].cluster`;
const userField = (name) => `users[${JSON.stringify(name)}].user`;
/** The URL `value` holds when its scheme is one of `schemes`; client-go guesses a missing scheme, we do not. */
function urlOf(value, schemes) {
    try {
        const url = new URL(value);
        return schemes.includes(url.protocol) ? url : undefined;
    }
    catch {
        return undefined;
    }
}
function checkUrls(cluster, where) {
    if (!cluster.server)
        throw new InvalidKubeconfig(`${where} has no server.`);
    if (!urlOf(cluster.server, ['https:', 'http:'])) {
        throw new InvalidKubeconfig(`${where}.server must be an https:// URL.`);
    }
    const proxy = cluster['proxy-url'];
    if (proxy !== undefined && !urlOf(proxy, ['http:', 'https:', 'socks5:'])) {
        throw new InvalidKubeconfig(`${where}.proxy-url must be an http://, https:// or socks5:// URL.`);
    }
}
/** Settings client-go refuses together (or of which it silently ignores one): each would be read two ways. */
function checkConsistent(cluster, user, clusterWhere, userWhere) {
    const both = (entry, a, b, where) => {
        if (a in entry && b in entry)
            throw new InvalidKubeconfig(`${where} has both ${a} and ${b}: keep one.`);
    };
    both(cluster, 'certificate-authority', 'certificate-authority-data', clusterWhere);
    both(cluster, 'insecure-skip-tls-verify', 'certificate-authority-data', clusterWhere);
    both(cluster, 'insecure-skip-tls-verify', 'certificate-authority', clusterWhere);
    both(user, 'client-certificate', 'client-certificate-data', userWhere);
    both(user, 'client-key', 'client-key-data', userWhere);
    both(user, 'exec', 'auth-provider', userWhere);
    const ways = [
        (user.token || user.tokenFile) && 'a token',
        (user.username || user.password) && 'a username and password',
        user.exec && 'exec',
        user['auth-provider'] && 'an auth-provider',
        (user['client-certificate'] || user['client-certificate-data']) && user.exec && 'a client certificate',
    ].filter(Boolean);
    if (ways.length > 1) {
        throw new InvalidKubeconfig(`${userWhere} authenticates with ${ways.join(' and ')}: client-go uses only one of them. Keep one.`);
    }
    if (user.exec && !user.exec.command)
        throw new InvalidKubeconfig(`${userWhere}.exec has no command.`);
    // They go into the Authorization header, which Go refuses to send with a line break in it.
    for (const field of ['token', 'username', 'password']) {
        if (/[\r\n]/.test(user[field] ?? '')) {
            throw new InvalidKubeconfig(`${userWhere}.${field} holds a line break: give it on one line.`);
        }
    }
}
/**
 * Parses a kubeconfig as client-go would and keeps its current context. Throws InvalidKubeconfig, whose message
 * continues a sentence naming the kubeconfig (`is not valid YAML: …`) and never quotes a value of it.
 */
function parseKubeconfig(text) {
    const doc = readYamlAsClientGo(text);
    if (!isObject(doc) || !('clusters' in doc)) {
        throw new InvalidKubeconfig('is not a kubeconfig (YAML with clusters, contexts and users).');
    }
    const top = pick(doc, { apiVersion: 'string', kind: 'string', 'current-context': 'string' }, '');
    if (top.apiVersion !== undefined && top.apiVersion !== 'v1') {
        throw new InvalidKubeconfig(`has apiVersion ${JSON.stringify(top.apiVersion)}: client-go reads v1 only.`);
    }
    if (top.kind !== undefined && top.kind !== 'Config') {
        throw new InvalidKubeconfig(`has kind ${JSON.stringify(top.kind)}, not Config.`);
    }
    const currentContext = String(top['current-context'] ?? '');
    if (!currentContext) {
        throw new InvalidKubeconfig('has no current-context: helm and kubectl would not know which cluster to use.');
    }
    const context = namedEntry(doc, 'contexts', 'context', currentContext, CONTEXT_FIELDS);
    if (!context)
        throw new InvalidKubeconfig(`has no context ${JSON.stringify(currentContext)} (its current-context).`);
    const contextWhere = `contexts[${JSON.stringify(currentContext)}]`;
    const clusterName = context.cluster ?? '';
    const cluster = namedEntry(doc, 'clusters', 'cluster', clusterName, CLUSTER_FIELDS);
    if (!cluster)
        throw new InvalidKubeconfig(`has no cluster ${JSON.stringify(clusterName)}, which ${contextWhere} uses.`);
    const clusterWhere = clusterField(clusterName);
    checkUrls(cluster, clusterWhere);
    // False is client-go's default: kept, it would read as a conflict with a CA below.
    if (cluster['insecure-skip-tls-verify'] === false)
        delete cluster['insecure-skip-tls-verify'];
    const userName = context.user ?? '';
    // No user in the context is an anonymous one; a named user that is missing is refused, as client-go does.
    const user = (namedEntry(doc, 'users', 'user', userName, USER_FIELDS) ?? (userName ? undefined : {}));
    if (!user)
        throw new InvalidKubeconfig(`has no user ${JSON.stringify(userName)}, which ${contextWhere} uses.`);
    checkConsistent(cluster, user, clusterWhere, userField(userName));
    return { currentContext, context: { ...context, cluster: clusterName, user: userName }, cluster, user };
}
/** The kubeconfig as the one JSON document helm and kubectl read: nothing in it can be read two ways. */
function kubeconfigText(kubeconfig) {
    const { currentContext, context, cluster, user } = kubeconfig;
    const doc = {
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': currentContext,
        clusters: [{ name: context.cluster, cluster }],
        contexts: [{ name: currentContext, context }],
        users: [{ name: context.user, user }],
    };
    // Escaped, the line breaks only YAML 1.1 knows mean the same to every reader.
    const json = JSON.stringify(doc, null, 2).replace(YAML11_ONLY_LINE_BREAKS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `${json}\n`;
}
/** The local files a kubeconfig names, by where they are named: helm and kubectl read them and send what they hold. */
function fileReferences(kubeconfig) {
    const { cluster, user, context } = kubeconfig;
    const clusterWhere = clusterField(context.cluster);
    const userWhere = userField(context.user);
    return [
        { field: `${clusterWhere}.certificate-authority`, file: cluster['certificate-authority'] },
        { field: `${userWhere}.client-certificate`, file: user['client-certificate'] },
        { field: `${userWhere}.client-key`, file: user['client-key'] },
        { field: `${userWhere}.tokenFile`, file: user.tokenFile },
    ].filter((ref) => !!ref.file);
}
/**
 * The kubeconfig with each relative file path made absolute against `baseDir`, as client-go resolves them against
 * the kubeconfig's own folder: the written copy lives elsewhere. An exec command with a slash counts as a path too.
 */
function withAbsolutePaths(kubeconfig, baseDir) {
    const absolute = (file) => (file ? external_node_path_.resolve(baseDir, file) : file);
    const cluster = { ...kubeconfig.cluster };
    const user = { ...kubeconfig.user };
    if (cluster['certificate-authority'])
        cluster['certificate-authority'] = absolute(cluster['certificate-authority']);
    for (const field of ['client-certificate', 'client-key', 'tokenFile']) {
        if (user[field])
            user[field] = absolute(user[field]);
    }
    if (user.exec && /[\\/]/.test(user.exec.command))
        user.exec = { ...user.exec, command: absolute(user.exec.command) };
    return { ...kubeconfig, cluster, user };
}

// EXTERNAL MODULE: ./src/inputs/transport.ts
var transport = __webpack_require__(6668);
// EXTERNAL MODULE: ./src/secrets/index.ts + 7 modules
var src_secrets = __webpack_require__(2840);
;// CONCATENATED MODULE: ./src/kubeconfig/policy.ts
// What a kubeconfig someone hands the action may make helm and kubectl do, and the secrets it holds. A kubeconfig
// is code as much as data: its user may run a program on every call (exec, auth-provider), name local files whose
// content is then sent to the server (tokenFile, client-key…), or send everything over a network anyone can read.
// Each needs its own opt-in, named in the refusal. The Azure path's kubeconfig comes from Resource Manager and
// skips the policy; both get their secrets masked.



/** The values the args carry after a secret flag (`--client-secret x`, `--token=x`), and the args with them hidden. */
function secretArgs(args = []) {
    const secrets = [];
    const shown = args.map((arg, i) => {
        const [flag, ...value] = arg.split('=');
        // An exec flag that carries a secret: masked, and its value never repeated in the refusal.
        if (/^-/.test(arg) && value.length > 0 && (0,src_secrets/* isSecretName */.eh)(flag)) {
            secrets.push(value.join('='));
            return `${flag}=***`;
        }
        const previous = args[i - 1] ?? '';
        if (!/^-/.test(previous) || previous.includes('=') || !(0,src_secrets/* isSecretName */.eh)(previous))
            return arg;
        secrets.push(arg);
        return '***';
    });
    return { shown, secrets };
}
/** `cmd arg…` as it would run, the values of secret-looking flags replaced by ***. */
const commandLine = (command, args) => [command, ...secretArgs(args).shown].join(' ');
/** An auth-provider's `cmd-args`, one string in the kubeconfig, as the arguments it runs with. */
const providerArgs = (user) => (user['auth-provider']?.config?.['cmd-args'] ?? '').split(/\s+/).filter(Boolean);
/** What the current user would run for its credentials: `user "ci" runs \`/bin/sh -c …\` (exec)`. */
function credentialPrograms(kubeconfig) {
    const { user, context } = kubeconfig;
    const who = `user ${JSON.stringify(context.user)}`;
    const programs = [];
    if (user.exec)
        programs.push(`${who} runs \`${commandLine(user.exec.command, user.exec.args)}\` (exec)`);
    const provider = user['auth-provider'];
    if (provider) {
        const cmd = provider.config?.['cmd-path'];
        const runs = cmd ? ` and runs \`${commandLine(cmd, providerArgs(user))}\`` : '';
        programs.push(`${who} uses the auth-provider \`${provider.name}\`${runs}`);
    }
    return programs;
}
/** The password of a `proxy-url` like `http://user:pw@proxy:3128`, as written and decoded. */
function proxyCredentials(proxyUrl) {
    if (!proxyUrl)
        return [];
    const { password } = new URL(proxyUrl);
    return password ? [password, decodeURIComponent(password)] : [];
}
/** Every credential in the kubeconfig, for the run's SecretSet: tokens, keys, passwords, a program's secret flags. */
function kubeconfigSecrets(kubeconfig) {
    const { user, cluster } = kubeconfig;
    const basic = user.username && user.password ? Buffer.from(`${user.username}:${user.password}`).toString('base64') : '';
    const providerConfig = Object.entries(user['auth-provider']?.config ?? {});
    return [
        user.token,
        user.password,
        basic,
        user['client-key-data'],
        user['client-certificate-data'],
        ...providerConfig.flatMap(([key, value]) => ((0,src_secrets/* isSecretName */.eh)(key) ? [value] : [])),
        ...secretArgs(user.exec?.args).secrets,
        ...secretArgs(providerArgs(user)).secrets,
        ...(user.exec?.env ?? []).flatMap(({ name, value }) => ((0,src_secrets/* isSecretName */.eh)(name) ? [value] : [])),
        ...proxyCredentials(cluster['proxy-url']),
    ].filter((secret) => !!secret);
}
const DATA_FIELD = {
    'certificate-authority': 'certificate-authority-data',
    'client-certificate': 'client-certificate-data',
    'client-key': 'client-key-data',
    tokenFile: 'token',
};
/** Why an unauthenticated proxy-url is unsafe (plain HTTP or SOCKS to another machine), or undefined. */
function proxyProblem(proxyUrl) {
    const plain = (0,transport/* plainHttpProblem */.iR)(proxyUrl);
    if (plain)
        return plain;
    const url = new URL(proxyUrl);
    return /^socks5:$/.test(url.protocol) && !(0,transport/* isLoopbackHost */.cW)(url.hostname)
        ? `${url.protocol}//${url.host} is an unencrypted SOCKS proxy on a host other than this machine`
        : undefined;
}
/**
 * Why helm and kubectl must not use this kubeconfig as it is, one sentence per problem, each naming the input that
 * would allow it. Empty when the policy allows everything in it.
 */
function policyProblems(kubeconfig, policy) {
    const problems = [];
    if (!policy.allowCredentialPrograms) {
        for (const program of credentialPrograms(kubeconfig)) {
            problems.push(`${program} to get its credentials, which helm and kubectl would do on every call, with the runner's permissions: refused. Give a kubeconfig whose user holds a token or a client certificate, or set \`allow-kubeconfig-exec: 'true'\` if you trust that program.`);
        }
    }
    if (!policy.allowLocalFiles) {
        for (const { field, file } of fileReferences(kubeconfig)) {
            const name = field.slice(field.lastIndexOf('.') + 1);
            problems.push(`${field} names the local file ${JSON.stringify(file)}, which helm and kubectl would read and send to the API server: refused. Put its content in \`${DATA_FIELD[name]}\` instead, or set \`allow-kubeconfig-files: 'true'\` if that file is meant to be read.`);
        }
    }
    if (!policy.allowInsecureTransport) {
        // `where's server URL`, never `server: URL`: the runner masks each line of a kubeconfig input, that one included.
        const { cluster, context } = kubeconfig;
        const where = clusterField(context.cluster);
        const server = (0,transport/* plainHttpProblem */.iR)(cluster.server);
        if (server) {
            problems.push(`${where}'s server ${server}: the cluster credentials and everything deployed, secrets included, would cross the network unauthenticated; ${transport/* INSECURE_TRANSPORT_HINT */.VH}`);
        }
        const host = new URL(cluster.server).hostname;
        if (cluster['insecure-skip-tls-verify'] && !(0,transport/* isLoopbackHost */.cW)(host)) {
            problems.push(`${where}.insecure-skip-tls-verify is true for ${host}: anyone on the network could pose as the API server and take the credentials. Give the cluster's CA in \`certificate-authority-data\`, or set \`allow-insecure-transport: 'true'\` if every network between the runner and that host is yours.`);
        }
        const proxy = cluster['proxy-url'] && proxyProblem(cluster['proxy-url']);
        if (proxy) {
            problems.push(`${where}'s proxy-url ${proxy}: the requests to the API server would travel through it unauthenticated; ${transport/* INSECURE_TRANSPORT_HINT */.VH}`);
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/kubeconfig/entra.ts
/** The AKS Entra server application: the same in every cloud. */
const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
/** The server application id the current user logs in to, or undefined when it is not an Entra ID user. */
function entraServerId({ user }) {
    const exec = user.exec;
    if (exec && /(^|[\\/])kubelogin(\.exe)?$/.test(exec.command)) {
        const args = exec.args ?? [];
        const at = args.indexOf('--server-id');
        return at >= 0 && args[at + 1] ? args[at + 1] : AKS_SERVER_APP_ID;
    }
    const provider = user['auth-provider'];
    if (provider?.name === 'azure')
        return provider.config?.['apiserver-id'] || AKS_SERVER_APP_ID;
    return undefined;
}
const EXEC_CREDENTIAL_VERSION = 'client.authentication.k8s.io/v1beta1';
/** Prints the credential file named by its one argument; run by the runner's own Node, so nothing to install. */
const PRINT_FILE = "process.stdout.write(require('fs').readFileSync(process.argv[1], 'utf8'))";
/**
 * The Entra user (kubelogin exec or azure auth-provider) replaced by an exec user that prints `credentialFile`.
 * helm and kubectl read a static token once and would lose the cluster mid-wait when it expires; an exec credential
 * is run again whenever its expiration passes, and so always picks up the token the action last wrote.
 */
function withEntraCredentialFile(kubeconfig, credentialFile, nodePath) {
    const user = {
        exec: {
            apiVersion: EXEC_CREDENTIAL_VERSION,
            command: nodePath,
            args: ['-e', PRINT_FILE, credentialFile],
            interactiveMode: 'Never',
        },
    };
    return { ...kubeconfig, user };
}
/**
 * The ExecCredential for a token, said to expire `marginMs` early so that helm and kubectl ask again while the
 * token they hold is still good, by which time the action has written a newer one.
 */
function execCredential(token, expiresOnMs, marginMs) {
    const expirationTimestamp = new Date(expiresOnMs - marginMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return JSON.stringify({
        apiVersion: EXEC_CREDENTIAL_VERSION,
        kind: 'ExecCredential',
        status: { token, expirationTimestamp },
    });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/kubeconfig/api-server.ts
// An HTTP client for the API server of a kubeconfig, authenticated as client-go would authenticate helm and
// kubectl with it: the cluster's CA, server name and insecure flag; a bearer token (from `token`, a re-read
// `tokenFile`, or an exec credential asked again when it expires or the server refuses it), a client certificate,
// or a username and password; the user's impersonation headers. Every request goes through `seams.http`.




/** The client cannot authenticate the way the kubeconfig says (not a network failure: trying again will not help). */
class ApiServerCredentialError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ApiServerCredentialError';
    }
}
const str = (value) => (typeof value === 'string' && value ? value : undefined);
/** The headers client-go sends for the user's `as`, `as-uid`, `as-groups` and `as-user-extra`. */
function impersonationHeaders(kubeconfig) {
    const { user } = kubeconfig;
    const headers = {};
    const single = (values, what) => {
        if (values.length > 1) {
            throw new ApiServerCredentialError(`the kubeconfig user impersonates more than one ${what}, which it cannot send.`);
        }
        return values[0];
    };
    if (user.as)
        headers['impersonate-user'] = user.as;
    if (user['as-uid'])
        headers['impersonate-uid'] = user['as-uid'];
    if (user['as-groups']?.length)
        headers['impersonate-group'] = single(user['as-groups'], 'group');
    for (const [key, values] of Object.entries(user['as-user-extra'] ?? {})) {
        if (values.length > 0)
            headers[`impersonate-extra-${encodeURIComponent(key)}`] = single(values, `${key} value`);
    }
    return headers;
}
function apiServerClient(kubeconfig, options, seams) {
    const { cluster, user } = kubeconfig;
    const { secrets } = options;
    const server = cluster.server.replace(/\/+$/, '');
    const secure = server.startsWith('https:');
    const resolve = (file) => external_node_path_.resolve(options.baseDir ?? '.', file);
    let cached;
    async function fileText(file, field) {
        try {
            return await (0,promises_.readFile)(resolve(file), 'utf8');
        }
        catch (error) {
            throw new ApiServerCredentialError(`the kubeconfig's ${field} ${file} could not be read: ${error.code ?? error.message}.`);
        }
    }
    /** `<field>-data` (base64) or `<field>` (a file). */
    async function pem(entry, field) {
        const fields = entry;
        const data = fields[`${field}-data`];
        if (data)
            return Buffer.from(data, 'base64').toString('utf8');
        const file = fields[field];
        return file ? fileText(file, field) : undefined;
    }
    async function runExec(exec, signal) {
        const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1';
        const clusterInfo = exec.provideClusterInfo
            ? {
                server: cluster.server,
                'tls-server-name': cluster['tls-server-name'],
                'insecure-skip-tls-verify': cluster['insecure-skip-tls-verify'],
                'certificate-authority-data': cluster['certificate-authority-data'],
                'proxy-url': cluster['proxy-url'],
            }
            : undefined;
        const env = {
            ...options.env,
            ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])),
            KUBERNETES_EXEC_INFO: JSON.stringify({
                apiVersion,
                kind: 'ExecCredential',
                spec: { interactive: false, ...(clusterInfo && { cluster: clusterInfo }) },
            }),
        };
        const command = /[\\/]/.test(exec.command) ? resolve(exec.command) : exec.command;
        const result = await seams.run(command, exec.args ?? [], { env, signal });
        if (result.exitCode !== 0) {
            throw new ApiServerCredentialError(`the kubeconfig's exec credential (${external_node_path_.basename(exec.command)}) exited with ${result.exitCode}: ${secrets.redact(result.stderr.trim()).slice(0, 300)}`);
        }
        let status;
        try {
            status = JSON.parse(result.stdout).status;
        }
        catch {
            throw new ApiServerCredentialError("the kubeconfig's exec credential printed something that is not an ExecCredential.");
        }
        const token = str(status?.token);
        const cert = str(status?.clientCertificateData);
        const key = str(status?.clientKeyData);
        secrets.add(token, key);
        const expires = str(status?.expirationTimestamp);
        return { token, cert, key, expiresAtMs: expires ? Date.parse(expires) : undefined };
    }
    async function credential(signal) {
        await options.refreshCredentials?.();
        if (cached && (cached.expiresAtMs === undefined || cached.expiresAtMs > seams.now()))
            return cached;
        if (user['auth-provider']) {
            throw new ApiServerCredentialError(`the kubeconfig user uses the auth-provider \`${user['auth-provider'].name}\`, which this client cannot run.`);
        }
        if (cluster['proxy-url']) {
            throw new ApiServerCredentialError("the kubeconfig's cluster is reached through its proxy-url, which this client cannot use.");
        }
        const tls = {
            ca: await pem(cluster, 'certificate-authority'),
            insecure: cluster['insecure-skip-tls-verify'] === true,
            servername: cluster['tls-server-name'],
            cert: await pem(user, 'client-certificate'),
            key: await pem(user, 'client-key'),
        };
        secrets.add(tls.key);
        const headers = impersonationHeaders(kubeconfig);
        let expiresAtMs;
        let renewable = false;
        // client-go: a tokenFile wins over token, and is read again (it may be rotated under us).
        const token = user.tokenFile ? (await fileText(user.tokenFile, 'tokenFile')).trim() : user.token;
        if (user.tokenFile) {
            expiresAtMs = seams.now();
            renewable = true;
        }
        if (token) {
            secrets.add(token);
            headers.authorization = `Bearer ${token}`;
        }
        else if (user.username || user.password) {
            const basic = Buffer.from(`${user.username ?? ''}:${user.password ?? ''}`).toString('base64');
            secrets.add(user.password, basic);
            headers.authorization = `Basic ${basic}`;
        }
        else if (user.exec) {
            const made = await runExec(user.exec, signal);
            if (made.token)
                headers.authorization = `Bearer ${made.token}`;
            tls.cert = made.cert ?? tls.cert;
            tls.key = made.key ?? tls.key;
            expiresAtMs = made.expiresAtMs;
            renewable = true;
        }
        cached = { tls, headers, expiresAtMs, renewable };
        return cached;
    }
    return {
        server,
        secure,
        proxyUrl: cluster['proxy-url'],
        async send(request) {
            const auth = await credential(request.signal);
            const response = await seams.http({
                url: `${server}${request.path.startsWith('/') ? '' : '/'}${request.path}`,
                method: request.method,
                headers: { ...request.headers, ...auth.headers },
                body: request.body,
                signal: request.signal,
                ...(secure ? { tls: auth.tls } : {}),
            });
            if (response.status === 401 && auth.renewable && cached === auth)
                cached = undefined;
            return response;
        },
    };
}
/** The client for the kubeconfig file helm and kubectl use (the one the action wrote). */
function apiServerClientFor(kubeconfigPath, options, seams) {
    let kubeconfig;
    try {
        kubeconfig = parseKubeconfig((0,external_node_fs_.readFileSync)(kubeconfigPath, 'utf8'));
    }
    catch (error) {
        throw new ApiServerCredentialError(`the kubeconfig could not be read: ${error.message}`);
    }
    return apiServerClient(kubeconfig, { baseDir: external_node_path_.dirname(kubeconfigPath), ...options }, seams);
}

;// CONCATENATED MODULE: ./src/kubeconfig/index.ts






const KUBECONFIG_FILE = 'kubeconfig';
/** Writes the kubeconfig helm and kubectl use, 0600 in the workspace, its credentials masked first. */
async function writeKubeconfig(kubeconfig, workspace, secrets) {
    secrets.add(...kubeconfigSecrets(kubeconfig));
    return workspace.writePrivateFile(KUBECONFIG_FILE, kubeconfigText(kubeconfig));
}


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/cancellation.ts
var src_cancellation = __webpack_require__(4632);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs/scalars.ts
var scalars = __webpack_require__(4964);
;// CONCATENATED MODULE: ./src/inputs/chart-source.ts

function classifyChart(chart, repositoryUrl, isDirectory) {
    if (chart.startsWith('-')) {
        throw new scalars/* InvalidInput */.o9(`${JSON.stringify(chart)} starts with '-', which helm would take for an option: give a chart name, an oci:// reference or a path (./charts/gateway).`);
    }
    if (chart.startsWith('oci://')) {
        if (chart.length <= 'oci://'.length || /\s/.test(chart)) {
            throw new scalars/* InvalidInput */.o9(`${JSON.stringify(chart)} is not an OCI reference: write oci://registry/path/chart.`);
        }
        return { kind: 'oci', reference: chart };
    }
    if (/^(\.{1,2})?\//.test(chart) || isDirectory(chart)) {
        if (!isDirectory(chart))
            throw new scalars/* InvalidInput */.o9(`no chart folder at ${JSON.stringify(chart)}.`);
        return { kind: 'local', path: chart };
    }
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(chart)) {
        const hint = chart.includes('/')
            ? ` A repository alias like portkey-ai/gateway does not work here: give the chart name (gateway) and its repository URL in \`chart-repository\`.`
            : '';
        throw new scalars/* InvalidInput */.o9(`${JSON.stringify(chart)} is not a chart name, an oci:// reference or a local path.${hint}`);
    }
    return { kind: 'repository', repositoryUrl, name: chart };
}

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

// EXTERNAL MODULE: ./src/inputs/extra-objects.ts
var extra_objects = __webpack_require__(9310);
// EXTERNAL MODULE: ./src/inputs/input-files.ts
var input_files = __webpack_require__(6731);
// EXTERNAL MODULE: ./src/secrets/index.ts + 7 modules
var src_secrets = __webpack_require__(2840);
// EXTERNAL MODULE: ./src/inputs/table.ts + 2 modules
var table = __webpack_require__(9486);
// EXTERNAL MODULE: ./src/inputs/transport.ts
var transport = __webpack_require__(6668);
;// CONCATENATED MODULE: ./src/inputs/input-reader.ts
// Reads inputs by the declared table: the action.yml default filled in, secrets masked on sight, the text parsed
// once, and whether the workflow gave it; a renamed input also under its old name. Every problem is collected, naming
// its input, so that one failed run shows the workflow author everything to fix.




class InputReader {
    getInput;
    secrets;
    files;
    problems = [];
    /** Old names the workflow still uses, each naming the new one. */
    warnings = [];
    /** Inputs the workflow set to something other than their default. */
    given = new Set();
    values = new Map();
    constructor(getInput, secrets, files) {
        this.getInput = getInput;
        this.secrets = secrets;
        this.files = files;
    }
    /** The input's value, parsed by its entry; its entry's `empty` when it is empty or was refused. */
    value(name) {
        if (!this.values.has(name))
            this.values.set(name, this.read(name));
        return this.values.get(name);
    }
    problem(name, message) {
        this.problems.push(`\`${name}\`: ${message}`);
    }
    /** A multi-line input parsed by `parse`, whose problems (one per bad line) are the input's. */
    lines(name, parse) {
        const parsed = parse(this.value(name));
        for (const message of parsed.problems)
            this.problem(name, message);
        return parsed;
    }
    /** A problem when the URL input is plain HTTP to another machine and insecure transport was not allowed. */
    secureUrl(name, what) {
        const problem = (0,transport/* plainHttpProblem */.iR)(String(this.value(name)));
        if (problem && !this.value('allow-insecure-transport')) {
            this.problem(name, `${problem}: ${what} would cross the network unauthenticated; ${transport/* INSECURE_TRANSPORT_HINT */.VH}`);
        }
    }
    read(name) {
        const entry = (0,table/* spec */.IC)(name);
        const { given, label } = this.givenText(name);
        // A default that is an expression (`${{ github.token }}`) is the runner's to fill in: where it was not (a run
        // outside a runner), there is no value, and a value the runner filled in is no choice of the workflow's.
        const fromRunner = entry.default?.startsWith('${{') ?? false;
        const raw = given || (fromRunner ? '' : (entry.default ?? ''));
        if (given && !fromRunner && given !== entry.default)
            this.given.add(name);
        if ((0,src_secrets/* isSecretInput */.pX)(name) && !entry.multiline && raw)
            this.secrets.add(raw);
        // Not a secret input, but a URL may carry a password (`https://user:pw@mirror/`, `rediss://:pw@host`) or a key.
        const embedded = entry.url ? (0,src_secrets/* embeddedSecrets */.uG)(raw) : [];
        if (embedded.length > 0)
            this.secrets.add(raw, ...embedded);
        if (!raw)
            return entry.empty;
        if (!entry.multiline && /[\r\n]/.test(raw)) {
            this.problems.push(`${label}: holds a line break, which would split the log's lines and the HTTP headers it goes into: give it on one line (a secret pasted with a newline in it, or a \`|\` block, adds one).`);
            return entry.empty;
        }
        try {
            return entry.parse(raw);
        }
        catch (error) {
            if (!(error instanceof scalars/* InvalidInput */.o9))
                throw error;
            this.problems.push(`${label}: ${error.message}`);
            return entry.empty;
        }
    }
    /**
     * The workflow's text for `name`, and how a problem with it names it. A renamed input's old name is read when the
     * new one was left at its default: the runner passes a default as if it were given, so a new name given its
     * default value is taken for one not given.
     */
    givenText(name) {
        const entry = (0,table/* spec */.IC)(name);
        const given = this.getInput(name).trim();
        const old = entry.renamedFrom;
        const oldGiven = old ? this.getInput(old).trim() : '';
        if (!old || !oldGiven)
            return { given, label: `\`${name}\`` };
        if (given && given !== entry.default) {
            this.problem(name, `is also given under its old name \`${old}\`: remove \`${old}\` and keep \`${name}\`.`);
            return { given, label: `\`${name}\`` };
        }
        this.warnings.push(`The input \`${old}\` was renamed \`${name}\`: use the new name in the workflow (the old one still works).`);
        return { given: oldGiven, label: `\`${old}\` (now \`${name}\`)` };
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/kubeconfig/index.ts + 5 modules
var src_kubeconfig = __webpack_require__(1265);
;// CONCATENATED MODULE: ./src/inputs/kubeconfig.ts
// The `kubeconfig` input: the file's content or its path, read as client-go reads it and checked against what
// the action allows a handed-in kubeconfig to do (src/kubeconfig/). What comes out is the normalised document, the
// one helm and kubectl will read. Everything secret in it is returned for masking, the whole text included even when
// it turns out not to be a kubeconfig (the caller masks first, then reports).



/** `raw` is the input; `readFile` reads the file it names when it is a path. */
function readKubeconfig(raw, readFile, policy, workingDir = process.cwd()) {
    const looksLikeContent = raw.includes('\n') || /^\s*(\{|apiVersion\s*:|kind\s*:|clusters\s*:)/.test(raw);
    let text = raw;
    // client-go resolves relative file paths against the kubeconfig's folder; content has none, so the workspace.
    let baseDir = workingDir;
    if (!looksLikeContent) {
        try {
            text = readFile(raw);
        }
        catch (error) {
            const why = error instanceof scalars/* InvalidInput */.o9 ? `: as a path, ${error.message}` : '.';
            throw new scalars/* InvalidInput */.o9(`is neither a kubeconfig nor the path of a file the action may read${why}`);
        }
        baseDir = external_node_path_.dirname(external_node_path_.resolve(workingDir, raw));
    }
    try {
        const kubeconfig = (0,src_kubeconfig/* withAbsolutePaths */.M5)((0,src_kubeconfig/* parseKubeconfig */.DU)(text), baseDir);
        return {
            content: (0,src_kubeconfig/* kubeconfigText */.F)(kubeconfig),
            secrets: [text, ...(0,src_kubeconfig/* kubeconfigSecrets */.hT)(kubeconfig)],
            problems: (0,src_kubeconfig/* policyProblems */.NP)(kubeconfig, policy),
        };
    }
    catch (error) {
        if (!(error instanceof src_kubeconfig/* InvalidKubeconfig */.rc))
            throw error;
        return { content: text, secrets: [text], problems: [error.message] };
    }
}

// EXTERNAL MODULE: ./src/inputs/key-path.ts
var key_path = __webpack_require__(4804);
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
function parseSetLine(line, number) {
    const equals = line.indexOf('=');
    if (equals < 0)
        throw new scalars/* InvalidInput */.o9(`no '=' found: write path=value, path:string=value or path:json=value.`);
    let key = line.slice(0, equals).trim();
    const raw = line.slice(equals + 1).trim();
    let type = 'auto';
    const typed = /:(string|json)$/.exec(key);
    if (typed) {
        type = typed[1];
        key = key.slice(0, typed.index);
    }
    const path = (0,key_path/* parseKeyPath */._q)(key);
    let value = raw;
    if (type === 'auto')
        value = typeSetValue(raw);
    if (type === 'json') {
        try {
            value = JSON.parse(raw);
        }
        catch {
            // JSON.parse's own message quotes the text, which may be a secret.
            throw new scalars/* InvalidInput */.o9(`the value of ${key}:json is not valid JSON.`);
        }
    }
    return { path, type, raw, value, line: number };
}
/** Parses each line (blank lines and `#` comments skipped) with `parseLine`; a problem names its line. */
function parseEachLine(raw, parseLine) {
    const items = [];
    const problems = [];
    raw.split('\n').forEach((text, index) => {
        const line = text.trim();
        if (!line || line.startsWith('#'))
            return;
        try {
            items.push(parseLine(line, index + 1));
        }
        catch (error) {
            if (!(error instanceof scalars/* InvalidInput */.o9))
                throw error;
            problems.push(`line ${index + 1}: ${error.message}`);
        }
    });
    return { items, problems };
}
function parseSetLines(raw) {
    const { items, problems } = parseEachLine(raw, parseSetLine);
    return { lines: items, problems };
}

;// CONCATENATED MODULE: ./src/inputs/values-inputs.ts




/**
 * Values, all sources together, the action takes. Helm keeps each revision, values included, in a Secret of at most
 * 1 MiB (compressed): far larger values fail there, and would only make the values stage slow to say so.
 */
const MAX_VALUES_BYTES = 16 * 2 ** 20;
/** The inline YAML and the files, read in order until they come to more than MAX_VALUES_BYTES. */
function readValuesText(input) {
    const inline = input.value('values');
    const files = [];
    let total = 0;
    const fits = (name, what, bytes) => {
        total += bytes;
        if (total <= MAX_VALUES_BYTES)
            return true;
        input.problem(name, `with ${what} (${(0,input_files/* mebibytes */.jh)(bytes)}) the values come to ${(0,input_files/* mebibytes */.jh)(total)}, more than the ${(0,input_files/* mebibytes */.jh)(MAX_VALUES_BYTES)} the action takes: helm keeps every revision's values in a Secret of at most 1 MiB, so values this large would fail there. Move the bulk into a ConfigMap or a file the gateway reads.`);
        return false;
    };
    if (!fits('values', 'the inline YAML', Buffer.byteLength(inline)))
        return { inline: '', files };
    for (const name of (0,scalars/* splitList */.ry)(input.value('values-files'))) {
        try {
            const text = input.files.read(name, MAX_VALUES_BYTES - total);
            if (!fits('values-files', name, Buffer.byteLength(text)))
                break;
            files.push({ name, text });
        }
        catch (error) {
            if (error instanceof input_files/* FileTooLarge */.Sv) {
                fits('values-files', name, error.bytes);
                break;
            }
            if (!(error instanceof scalars/* InvalidInput */.o9))
                throw error;
            input.problem('values-files', `cannot read ${name}: ${error.message}`);
        }
    }
    return { inline, files };
}
/**
 * The values inputs. `command: uninstall` merges no values, so it reads no values files: a teardown job that has not
 * checked out the repository can reuse the deploy's `with:`.
 */
function readValuesInputs(input, command) {
    return {
        ...(command === 'uninstall' ? { inline: input.value('values'), files: [] } : readValuesText(input)),
        set: input.lines('set', parseSetLines).lines,
        secretPaths: input.lines('secret-values', (raw) => parseEachLine(raw, key_path/* parseKeyPath */._q)).items,
    };
}

;// CONCATENATED MODULE: ./src/inputs/read-inputs.ts
// The input contract of action.yml, read once into ActionConfig before anything touches the network: each input
// by its entry in the declared table (table.ts), then the rules that tie inputs together. Secrets are masked the
// moment they are read; every problem is collected and thrown together, each line naming its input.













const AZURE_SIGN_IN_INPUTS = [
    'client-id',
    'tenant-id',
    'subscription-id',
    'resource-group',
    'cluster-name',
];
/** An AKS kubeconfig is a few kilobytes; one naming every cluster of a large fleet stays far below this. */
const MAX_KUBECONFIG_BYTES = 4 * 2 ** 20;
/** Helm's own limit for a packaged chart's content, and a count no real chart comes near. */
const CHART_FOLDER_LIMITS = { maxBytes: 100 * 2 ** 20, maxFiles: 10_000 };
const MAX_CHART_YAML_BYTES = 2 ** 20;
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** An exact chart version; a range (`>=1.0.0`, `^1.7`, `1.7.x`) only when the user opted into one. */
function parseChartVersion(raw, rangeAllowed) {
    if (EXACT_VERSION.test(raw) || rangeAllowed)
        return raw;
    throw new scalars/* InvalidInput */.o9(`${JSON.stringify(raw)} is not an exact version: helm would deploy the newest chart that matches it, one nobody tested. Give a version like 1.7.7, or set \`allow-chart-version-range: 'true'\` to deploy the newest match on purpose.`);
}
/**
 * A local chart's folder, checked the way helm will read it: its real path, which is what helm gets (a relative one
 * would be read from helm's working directory, the workspace only on GitHub's runner, not under local-action), and
 * the version its Chart.yaml declares.
 */
function localChart(files, folder) {
    const real = files.checkFolder(folder, CHART_FOLDER_LIMITS);
    let chart;
    try {
        chart = (0,dist/* parse */.qg)(files.read(`${real}/Chart.yaml`, MAX_CHART_YAML_BYTES));
    }
    catch {
        return { path: real, version: '' }; // helm says what is wrong with a chart without a readable Chart.yaml.
    }
    const version = chart && typeof chart === 'object' ? chart.version : undefined;
    return { path: real, version: version === undefined || version === null ? '' : String(version) };
}
function readChart(input) {
    const chart = input.value('chart');
    const repositoryUrl = input.value('chart-repository');
    let source = { kind: 'repository', repositoryUrl, name: chart };
    let version = '';
    try {
        source = classifyChart(chart, repositoryUrl, (path) => input.files.isDirectory(path));
        if (source.kind === 'local') {
            const local = localChart(input.files, source.path);
            source = { kind: 'local', path: local.path };
            version = local.version;
        }
    }
    catch (error) {
        if (!(error instanceof scalars/* InvalidInput */.o9))
            throw error;
        const what = source.kind === 'local' ? `cannot use the chart folder ${JSON.stringify(chart)}: ` : '';
        input.problem('chart', `${what}${error.message}`);
    }
    if (source.kind === 'repository')
        input.secureUrl('chart-repository', 'the chart helm renders and deploys');
    if (source.kind !== 'local') {
        version = input.value('chart-version');
        try {
            parseChartVersion(version, input.value('allow-chart-version-range'));
        }
        catch (error) {
            if (!(error instanceof scalars/* InvalidInput */.o9))
                throw error;
            input.problem('chart-version', error.message);
        }
    }
    return {
        source,
        version,
        releaseName: input.value('release-name'),
        namespace: input.value('namespace'),
        createNamespace: input.value('create-namespace'),
    };
}
function readPortkey(input) {
    const secretEnv = input.lines('secret-env', parseEnvLines).values;
    input.secrets.add(...Object.values(secretEnv));
    const registry = {
        username: input.value('registry-username'),
        password: input.value('registry-password'),
        server: input.value('registry-server'),
    };
    const imagePullSecret = input.value('image-pull-secret');
    if (imagePullSecret && (registry.username || registry.password)) {
        input.problem('image-pull-secret', 'cannot be combined with `registry-username`/`registry-password`: use an existing pull secret or let the chart create one from the credentials, not both.');
    }
    else if (Boolean(registry.username) !== Boolean(registry.password)) {
        const missing = registry.username ? 'registry-password' : 'registry-username';
        input.problem(missing, 'is required together with the other registry credential.');
    }
    const cache = input.value('cache');
    const redisUrl = input.value('redis-url');
    if (cache !== 'external') {
        const external = ['redis-url', 'redis-password', 'redis-auth-mode'];
        for (const name of external.filter((name) => input.value(name) && input.given.has(name))) {
            input.problem(name, 'is only used with `cache: external`.');
        }
    }
    const ingressClass = input.value('ingress-class');
    for (const host of ['ingress-host', 'mcp-host']) {
        if (input.value(host) && !ingressClass) {
            input.problem(host, 'needs `ingress-class`: the host names live on the Ingress.');
        }
    }
    const serverMode = input.value('server-mode');
    const serviceAccountName = input.value('service-account-name');
    const createServiceAccount = input.value('create-service-account');
    if (!createServiceAccount && !serviceAccountName) {
        input.problem('create-service-account', '`false` needs `service-account-name`: the existing service account to use.');
    }
    const service = readService(input);
    return {
        clientAuth: input.value('portkey-client-auth'),
        organisationsToSync: input.value('organisations-to-sync'),
        serviceName: input.value('service-name'),
        gatewayImageRepository: input.value('gateway-image-repository'),
        gatewayImageTag: input.value('gateway-image-tag'),
        replicas: input.value('replicas'),
        registry,
        imagePullSecret,
        serviceAccountName,
        createServiceAccount,
        serverMode: serverMode === 'gateway' ? '' : serverMode,
        mcpPort: input.value('mcp-port'),
        mcpGatewayBaseUrl: input.value('mcp-gateway-base-url'),
        mcpService: input.value('mcp-service'),
        ...service,
        servicePort: input.value('service-port'),
        containerPort: input.value('container-port'),
        ingressClass,
        ingressHost: input.value('ingress-host'),
        mcpHost: input.value('mcp-host'),
        cache,
        redis: {
            url: redisUrl,
            password: input.value('redis-password'),
            authMode: input.value('redis-auth-mode'),
            cluster: input.value('redis-cluster'),
        },
        logStore: input.value('log-store'),
        blob: {
            account: input.value('azure-storage-account'),
            container: input.value('azure-storage-container'),
            authMode: input.value('azure-storage-auth-mode'),
            key: input.value('azure-storage-key'),
            managedClientId: input.value('azure-storage-managed-client-id'),
            workloadClientId: input.value('gateway-workload-client-id'),
            entraClientId: input.value('azure-storage-entra-client-id'),
            entraClientSecret: input.value('azure-storage-entra-client-secret'),
            entraTenantId: input.value('azure-storage-entra-tenant-id'),
        },
        logStoreFilePathFormat: input.value('log-store-file-path-format'),
        controlPlane: input.value('control-plane'),
        controlPlaneHost: input.value('control-plane-host'),
        env: input.lines('env', parseEnvLines).values,
        secretEnv,
    };
}
function readGitHubDeployment(input) {
    const mode = input.value('github-deployment');
    return {
        record: mode !== 'false',
        strict: mode === 'strict',
        token: input.value('github-token'),
        environment: input.value('github-deployment-environment'),
        planComment: input.value('plan-comment'),
    };
}
/** The Service and its load balancer, refusing settings that contradict each other (the chart would drop one). */
function readService(input) {
    const service = {
        serviceType: input.value('service-type'),
        loadBalancer: input.value('load-balancer'),
        allowedIpRanges: (0,scalars/* splitList */.ry)(input.value('allowed-ip-ranges')),
        staticIpName: input.value('static-ip-name'),
        staticIpResourceGroup: input.value('static-ip-resource-group'),
    };
    const { serviceType, loadBalancer, allowedIpRanges, staticIpName, staticIpResourceGroup } = service;
    if (serviceType !== 'LoadBalancer') {
        const none = `needs \`service-type: LoadBalancer\`: a ${serviceType} Service gets no Azure load balancer`;
        if (loadBalancer === 'internal')
            input.problem('load-balancer', `\`internal\` ${none}.`);
        if (staticIpName)
            input.problem('static-ip-name', `${none} to give the IP to.`);
        if (allowedIpRanges.length > 0) {
            input.problem('allowed-ip-ranges', `${none} to restrict; limit who reaches the gateway at its Ingress instead.`);
        }
    }
    else if (staticIpName && loadBalancer === 'internal') {
        input.problem('static-ip-name', 'names a static public IP, but `load-balancer: internal` gives the gateway a private address in the VNet: keep one of the two.');
    }
    if (staticIpResourceGroup && !staticIpName) {
        input.problem('static-ip-resource-group', 'is the resource group of `static-ip-name`, which is not set.');
    }
    return service;
}
function readKubeconfigInput(input) {
    const policy = {
        allowCredentialPrograms: input.value('allow-kubeconfig-exec'),
        allowLocalFiles: input.value('allow-kubeconfig-files'),
        allowInsecureTransport: input.value('allow-insecure-transport'),
    };
    const raw = input.value('kubeconfig');
    if (!raw)
        return '';
    try {
        // A path is read by the one reader of files inputs name: inside the workspace, a regular file, size-limited.
        const read = (file) => input.files.read(file, MAX_KUBECONFIG_BYTES);
        const kubeconfig = readKubeconfig(raw, read, policy, input.files.base);
        input.secrets.add(...kubeconfig.secrets);
        for (const problem of kubeconfig.problems)
            input.problem('kubeconfig', problem);
        return kubeconfig.content;
    }
    catch (error) {
        if (!(error instanceof scalars/* InvalidInput */.o9))
            throw error;
        input.problem('kubeconfig', error.message);
        return '';
    }
}
const PRIVATE_CLUSTER = { auto: 'auto', true: 'run-command', false: 'direct' };
/** Inputs that Azure workload identity (`sign-in: workload-identity`) provides through the environment instead. */
const WORKLOAD_IDENTITY_ENV = {
    'client-id': 'AZURE_CLIENT_ID',
    'tenant-id': 'AZURE_TENANT_ID',
};
/**
 * Reads every input. Files the inputs name are read by InputFiles: relative to GITHUB_WORKSPACE (the working
 * directory when it is not set), never outside it or RUNNER_TEMP.
 */
function getConfig(getInput = (name) => runner/* getInput */.V4(name), env = process.env, secrets = new src_secrets/* SecretSet */.rE()) {
    const input = new InputReader(getInput, secrets, new input_files/* InputFiles */.Cp(env));
    const command = input.value('command');
    const kubeconfig = readKubeconfigInput(input);
    const config = {
        command,
        azure: {
            signIn: input.value('sign-in'),
            clientId: input.value('client-id'),
            tenantId: input.value('tenant-id'),
            subscriptionId: input.value('subscription-id'),
            cloud: input.value('environment'),
            authorityHost: input.value('authority-host'),
            resourceManagerEndpoint: input.value('resource-manager-endpoint'),
            oidcAudience: input.value('oidc-audience'),
        },
        cluster: {
            resourceGroup: input.value('resource-group'),
            clusterName: input.value('cluster-name'),
            admin: input.value('admin'),
            privateCluster: PRIVATE_CLUSTER[input.value('private-cluster')],
            kubeconfig,
            exportKubeconfig: input.value('export-kubeconfig'),
        },
        tools: {
            helm: {
                version: input.value('helm-version'),
                downloadBaseUrl: input.value('helm-download-url'),
                sha256: input.value('helm-sha256'),
            },
            kubectl: {
                version: input.value('kubectl-version'),
                downloadBaseUrl: input.value('kubectl-download-url'),
                sha256: input.value('kubectl-sha256'),
            },
        },
        chart: readChart(input),
        values: { ...readValuesInputs(input, command), extraObjects: [], given: input.given },
        portkey: readPortkey(input),
        deploy: {
            timeoutSeconds: input.value('timeout'),
            rollbackOnFailure: input.value('rollback-on-failure'),
            recoverStuckRelease: input.value('recover-stuck-release'),
            waitForPendingSeconds: input.value('pending-release-timeout'),
        },
        availability: { rate: input.value('availability-rate'), budget: input.value('availability-budget') },
        canary: {
            strategy: input.value('strategy'),
            steps: input.value('canary-steps'),
            windowSeconds: input.value('canary-analysis-window'),
            thresholds: {
                maxErrorRatio: input.value('canary-max-error-ratio'),
                maxP95Ms: input.value('canary-max-p95'),
                maxErrorIncrease: input.value('canary-max-error-increase'),
                minRequests: input.value('canary-min-requests'),
            },
        },
        zeroDowntime: {
            enabled: input.value('zero-downtime'),
            gracePeriodSeconds: input.value('termination-grace-period'),
        },
        addressTimeoutSeconds: input.value('address-timeout'),
        failOnChanges: input.value('fail-on-changes'),
        smokeTest: {
            enabled: input.value('smoke-test'),
            from: input.value('smoke-test-from'),
            url: input.value('smoke-test-url'),
            path: input.value('smoke-test-path'),
            expectedStatus: input.value('smoke-test-expected-status'),
            expectedBody: input.value('smoke-test-expected-body'),
            timeoutSeconds: input.value('smoke-test-timeout'),
            chat: {
                model: input.value('smoke-test-chat-model'),
                provider: input.value('smoke-test-provider'),
                providerKey: input.value('smoke-test-provider-key'),
                portkeyApiKey: input.value('smoke-test-portkey-api-key'),
                customHost: input.value('smoke-test-custom-host'),
            },
            allowInsecureTransport: input.value('allow-insecure-transport'),
        },
        github: readGitHubDeployment(input),
    };
    const release = { releaseName: config.chart.releaseName, namespace: config.chart.namespace };
    config.values.extraObjects = input.lines('extra-objects', (raw) => (0,extra_objects/* parseExtraObjects */.U2)(raw, release)).objects;
    // Every input is checked, also one this command does not use: a typo fails now, not on the run that needs it.
    for (const name of table/* INPUT_NAMES */.Qh)
        input.value(name);
    input.secureUrl('helm-download-url', 'the helm binary that will hold the cluster credentials');
    input.secureUrl('kubectl-download-url', 'the kubectl binary that will hold the cluster credentials');
    // The smoke test's own keys need no check here: they travel only over TLS (the API server, or an https URL), and a
    // plain-HTTP smoke-test-url only gets the health check. The gateway, though, sends the provider key to custom-host.
    const { providerKey } = config.smokeTest.chat;
    if (providerKey && config.smokeTest.chat.customHost) {
        input.secureUrl('smoke-test-custom-host', 'smoke-test-provider-key, which the gateway sends to it,');
    }
    if (kubeconfig && config.cluster.privateCluster === 'run-command') {
        input.problem('private-cluster', 'is `true`, but runCommand goes through Azure Resource Manager and `kubeconfig` skips the Azure sign-in: give the Azure sign-in inputs instead of `kubeconfig`, or set `private-cluster: false`.');
    }
    if (command !== 'render' && !kubeconfig) {
        for (const name of AZURE_SIGN_IN_INPUTS) {
            const fromWorkloadIdentity = config.azure.signIn === 'workload-identity' && env[WORKLOAD_IDENTITY_ENV[name] ?? ''];
            if (!input.value(name) && !fromWorkloadIdentity) {
                input.problem(name, `is required for \`command: ${command}\` (or give \`kubeconfig\` to skip Azure sign-in).`);
            }
        }
    }
    for (const warning of input.warnings)
        runner/* warning */.$e(warning);
    // Names only, never values: the log shows what this step was given without showing a secret.
    runner/* info */.pq(input.problems.length > 0
        ? `command: ${command}; ${input.problems.length} problem(s) with the inputs, listed in the error below.`
        : `command: ${command}; inputs set differently from action.yml's defaults: ${[...input.given].join(', ') || 'none'}.`);
    if (input.problems.length > 0)
        throw new errors/* ValidationError */.y(input.problems);
    return config;
}

// EXTERNAL MODULE: ./src/report/outcome.ts
var report_outcome = __webpack_require__(5066);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/summary.ts + 3 modules
var summary = __webpack_require__(1416);
;// CONCATENATED MODULE: ./src/report/finish.ts
// The end of every run, whatever happened: the failure told the way a workflow author reads it (the message, the
// input, what to do, the diagnosis in its own log group), then every output and the job summary.





async function recordFailure(outcome, error) {
    const failure = outcome.failed(error);
    // Pod events and logs: text that is not ours.
    if (failure.diagnosis)
        await runner/* group */.Os('Diagnosis', async () => (0,src_secrets/* printForeign */.Qr)(failure.diagnosis));
    runner/* setFailed */.C1([failure.message, failure.input && `Input: \`${failure.input}\``, failure.hint && `What to do: ${failure.hint}`]
        .filter(Boolean)
        .join('\n'));
}
async function publishReport(outcome, outbound) {
    const current = outcome.current;
    (0,outputs/* publishOutputs */.eB)(current, outbound);
    await (0,summary/* writeSummary */.Sy)(current, outbound).catch((error) => runner/* warning */.$e(`Could not write the job summary: ${(0,report_outcome/* describeFailure */.Ic)(error).message}`));
}

// EXTERNAL MODULE: ./src/report/plan-section.ts
var plan_section = __webpack_require__(4901);
;// CONCATENATED MODULE: ./src/report/index.ts
// The report stage as main.ts sees it: outputs, job summary, and the outcome they are built from.





// EXTERNAL MODULE: ./src/seams.ts
var src_seams = __webpack_require__(4772);
// EXTERNAL MODULE: ./src/stage.ts
var stage = __webpack_require__(1741);
// EXTERNAL MODULE: ./src/state-helper.ts
var state_helper = __webpack_require__(7155);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
;// CONCATENATED MODULE: ./src/main.ts
// The table of contents, the way helm's CLI wires its pkg/action verbs: read the inputs in the first stage, run the
// command's stages (src/commands/, one log group each), turn the runner's signals into a cancelled run, and always
// publish the outputs and the job summary. The stages decide; nothing here does.








async function run(seams = src_seams/* realSeams */.eU) {
    (0,state_helper/* markMainStarted */.UM)();
    const timer = new report_outcome/* StageTimer */.eh(seams.now);
    const secrets = new src_secrets/* SecretSet */.rE();
    (0,src_secrets/* redactStandardStreams */.ir)(secrets);
    const outbound = new src_secrets/* Outbound */.Nq(secrets);
    const outcome = new report_outcome/* RunOutcome */.yB(timer.stages);
    const cancellation = (0,src_cancellation/* cancelOnSignals */.d)();
    try {
        const config = await (0,stage/* stage */.d)({ timer }, 'Read inputs', async () => getConfig(undefined, undefined, secrets));
        outcome.record({
            command: config.command,
            release: { name: config.chart.releaseName, namespace: config.chart.namespace },
            cluster: { name: config.cluster.clusterName, resourceGroup: config.cluster.resourceGroup },
        });
        const workspace = await (0,src_workspace/* createWorkspace */.s)();
        (0,state_helper/* saveWorkDir */.uS)(workspace.dir);
        const [{ COMMANDS }, { trackGitHubDeployment }] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(496), __webpack_require__.e(579)]).then(__webpack_require__.bind(__webpack_require__, 6579)),
            __webpack_require__.e(/* import() */ 496).then(__webpack_require__.bind(__webpack_require__, 8496)),
        ]);
        const current = { config, workspace, outcome, timer, secrets, outbound, cancellation, seams };
        await trackGitHubDeployment({ config, outcome, seams, secrets, cancellation, stage: (name, fn) => (0,stage/* stage */.d)(current, name, fn) }, (beforeChanges) => COMMANDS[config.command]({ ...current, beforeChanges }));
        outcome.succeeded();
    }
    catch (error) {
        await recordFailure(outcome, error);
    }
    finally {
        cancellation.stop();
        await publishReport(outcome, outbound);
    }
}


/***/ }),

/***/ 9810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TG: () => (/* binding */ until),
/* harmony export */   dZ: () => (/* binding */ throwIfCancelled),
/* harmony export */   v7: () => (/* binding */ pause),
/* harmony export */   wt: () => (/* binding */ poll)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
// The one way the action waits: for a pending release, a rollout, a load balancer's address, a gateway that is
// warming up, a throttled Resource Manager. Every wait ends at its deadline, wakes early when told to, and stops at
// once when the workflow is cancelled, so a cancelled run still gets to write its outputs and summary.

/**
 * Settles as `work` does, or rejects with `error()` once `giveUp` aborts: the work itself goes on, unwatched (a helm
 * that has not exited yet, a command in a private cluster's pod).
 */
function until(work, giveUp, error) {
    if (giveUp.aborted)
        return Promise.reject(error());
    return new Promise((resolve, reject) => {
        const stop = () => reject(error());
        giveUp.addEventListener('abort', stop, { once: true });
        work.then(resolve, reject).finally(() => giveUp.removeEventListener('abort', stop));
    });
}
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
    // A nap that `wake` cut short is stopped too: its timer would otherwise keep the process alive after the last stage.
    const woken = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, woken.signal]) : woken.signal;
    const nap = clock.sleep(Math.min(ms, left), signal).catch(() => undefined);
    try {
        await (options.wake ? Promise.race([nap, options.wake.catch(() => undefined)]) : nap);
    }
    finally {
        woken.abort();
    }
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

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   OZ: () => (/* binding */ url),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   mG: () => (/* binding */ inline),
/* harmony export */   om: () => (/* binding */ block),
/* harmony export */   pj: () => (/* binding */ plain),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
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


/***/ }),

/***/ 5066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   eh: () => (/* binding */ StageTimer),
/* harmony export */   yB: () => (/* binding */ RunOutcome)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
// What one run of the action did, read by the outputs, the summary and the GitHub Deployment. Stages return what they
// found; the command hands it to RunOutcome.record, the one place the outcome changes. Every field but the basics is
// optional: a run can stop at any stage.

/** The failure as the outcome keeps it: an ActionError's details, or just the message of anything else. */
function describeFailure(error) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l)
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
/** The outcome of the run: changed only through record and ended by succeeded or failed; read as a snapshot. */
class RunOutcome {
    outcome;
    constructor(stages) {
        this.outcome = { command: 'deploy', succeeded: false, release: { name: '', namespace: '' }, stages, warnings: [] };
    }
    record(found) {
        const o = this.outcome;
        const { release, cluster, tools, deployment, warnings, ...replaced } = found;
        Object.assign(o, replaced);
        if (release)
            o.release = { ...o.release, ...release };
        if (cluster)
            o.cluster = { ...o.cluster, ...cluster };
        if (tools)
            o.tools = { ...o.tools, ...tools };
        if (deployment)
            o.deployment = { ...o.deployment, ...deployment };
        if (warnings)
            o.warnings.push(...warnings);
    }
    succeeded() {
        this.outcome.succeeded = true;
    }
    /** Records the failure (with what the deploy stage restored after it) and returns it as the outcome keeps it. */
    failed(error) {
        const failure = describeFailure(error);
        this.outcome.error = failure;
        return failure;
    }
    /** A copy of the outcome as it stands: what reads it cannot change it. */
    get current() {
        return structuredClone(this.outcome);
    }
}


/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eB: () => (/* binding */ publishOutputs),
/* harmony export */   wJ: () => (/* binding */ lastingGatewayUrl)
/* harmony export */ });
/* unused harmony exports smokeTestVia, outputsOf */
/** The address later steps should use: the published one, or the in-cluster URL of a ClusterIP Service. */
function lastingGatewayUrl(address) {
    return address?.url ?? '';
}
/** `cluster`, `runner` or `cluster,runner`: where the health checks that ran went from. */
function smokeTestVia(smokeTest) {
    const ran = (smokeTest?.checks ?? []).filter((c) => c.check === 'health' && c.status !== 'skipped');
    return [...new Set(ran.map((c) => c.via))].join(',');
}
/** The availability report when the stream measured something: a skipped one has no numbers to give. */
const measured = (o) => (o.availability?.verdict === 'skipped' ? undefined : o.availability);
/** A ratio to four decimals: enough to compare, short enough to read. */
const ratio = (value) => (value === undefined ? undefined : Math.round(value * 10_000) / 10_000);
/** The canary's last step that was judged: the figures the outputs give. */
const lastJudged = (o) => o.canary?.steps.filter((s) => s.canary).at(-1);
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
        'smoke-test-via': smokeTestVia(o.smokeTest),
        'smoke-test-checks': o.smokeTest ? JSON.stringify(o.smokeTest.checks) : '',
        'helm-version': text(o.tools?.helm?.version),
        'kubectl-version': text(o.tools?.kubectl?.version),
        'helm-path': text(o.tools?.helm?.path),
        'kubectl-path': text(o.tools?.kubectl?.path),
        'kubeconfig-path': text(o.kubeconfigPath),
        'has-changes': o.plan ? String(o.plan.hasChanges) : '',
        changes: o.plan ? JSON.stringify(o.plan.counts) : '',
        'plan-file': text(o.planFile),
        'deployment-id': text(o.deployment?.id),
        'availability-status': o.availability?.verdict ?? 'skipped',
        'availability-requests': text(measured(o)?.requests),
        'availability-failed': text(measured(o)?.failed),
        'availability-p95-ms': text(measured(o)?.p95Ms),
        'availability-by-version': measured(o) ? JSON.stringify(measured(o).byVersion) : '',
        'canary-verdict': text(o.canary?.verdict),
        'canary-share': text(lastJudged(o)?.share),
        'canary-requests': text(lastJudged(o)?.canary?.requests),
        'canary-error-ratio': text(ratio(lastJudged(o)?.canary?.errorRatio)),
        'canary-p95-ms': text(lastJudged(o)?.canary?.p95Ms),
        'stable-requests': text(lastJudged(o)?.stable?.requests),
        'stable-error-ratio': text(ratio(lastJudged(o)?.stable?.errorRatio)),
        'stable-p95-ms': text(lastJudged(o)?.stable?.p95Ms),
    };
}
function publishOutputs(o, outbound) {
    for (const [name, value] of Object.entries(outputsOf(o)))
        outbound.output(name, value);
}


/***/ }),

/***/ 4901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cm: () => (/* binding */ DETAIL_LINE_CAP),
/* harmony export */   lA: () => (/* binding */ planSection),
/* harmony export */   vK: () => (/* binding */ changeLine)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4285);

/** The most lines of detail (plan diffs and value rows, a rendered manifest) the summary shows; the log holds all. */
const DETAIL_LINE_CAP = 120;
const ACTION_WORDS = { add: 'to add', change: 'to change', remove: 'to remove' };
function secretKeyLine(keys) {
    const parts = [
        keys.added.length && `added ${keys.added.join(', ')}`,
        keys.changed.length && `changed ${keys.changed.join(', ')}`,
        keys.removed.length && `removed ${keys.removed.join(', ')}`,
    ].filter(Boolean);
    return `Secret keys ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .plain */ .pj)(parts.join('; '))} (values not shown).`;
}
/** One value's row: a null the action sets removes a chart default, and a secret has no "before" on a first add. */
function valueRow(value) {
    const unset = value.after === 'null';
    const change = unset ? (value.before === undefined ? 'unset' : 'remove') : value.action;
    const side = (present, text) => {
        if (!present)
            return 'none';
        return value.secret ? 'secret (not shown)' : text === undefined ? 'none' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(text);
    };
    return [
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(value.key),
        change,
        value.source ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .inline */ .mG)(value.source) : 'removed',
        side(value.action !== 'add', value.before),
        unset ? "none (the chart's default removed)" : side(value.action !== 'remove', value.after),
    ];
}
/** Where the whole plan is when the summary shows only part of it. */
function whereTheRestIs(planFile) {
    const file = planFile ? `the plan file (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(planFile)}, the \`plan-file\` output: upload it as an artifact)` : '';
    return `${file ? `${file} and ` : ''}this step's log`;
}
/** One line for the top of the summary: what the deploy changed (or, for a plan, would change). */
function changeLine(plan) {
    if (!plan.resources.length && !plan.values.length)
        return '**Changes:** none.';
    const against = plan.deployedRevision ? `against revision ${plan.deployedRevision}` : 'first install';
    const names = plan.resources.map((change) => change.resource);
    const shown = names.length > 0 && names.length <= 4 ? `: ${names.join(', ')}` : '';
    const values = plan.values.length ? `; ${plan.values.length} value(s) changed` : '';
    return `**Changes:** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .plain */ .pj)(`${plan.headline} (${against})${shown}${values}`)}.`;
}
function planSection(plan, planFile) {
    const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'nothing deployed yet';
    const parts = [`Against ${against} of release ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(plan.release.name)}.`];
    if (!plan.resources.length && !plan.values.length)
        return [`### Plan: ${plan.headline}`, ...parts].join('\n\n');
    let room = DETAIL_LINE_CAP;
    let hidden = 0;
    // The values first: a row each, where they come from, and most of what a reader wants to check.
    if (plan.values.length) {
        const rows = plan.values.slice(0, room).map(valueRow);
        room -= rows.length;
        hidden += plan.values.length - rows.length;
        if (rows.length)
            parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .table */ .tp)(['Value', 'Change', 'From', 'Before', 'After'], rows));
    }
    for (const change of plan.resources) {
        const lines = change.diff ? change.diff.split('\n') : [];
        const shown = lines.slice(0, room);
        room -= shown.length;
        hidden += lines.length - shown.length;
        const more = lines.length > shown.length ? `${lines.length - shown.length} more lines not shown.` : '';
        const body = [
            change.secretKeys && secretKeyLine(change.secretKeys),
            shown.length > 0 && (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .fenced */ .OF)(shown.join('\n'), 'diff'),
            more,
        ];
        parts.push([
            `<details><summary>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(change.resource)} ${ACTION_WORDS[change.action]}</summary>`,
            ...body.filter(Boolean),
            '</details>',
        ].join('\n\n'));
    }
    if (hidden > 0) {
        parts.push(`The summary shows ${DETAIL_LINE_CAP} lines of the plan; ${hidden} more lines are in ${whereTheRestIs(planFile)}.`);
    }
    const details = `${plan.resources.length} object(s), ${plan.values.length} value(s)`;
    return [
        `### Plan: ${plan.headline}`,
        `<details><summary>What changes: ${details}</summary>`,
        ...parts,
        '</details>',
    ].join('\n\n');
}


/***/ }),

/***/ 1416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jQ: () => (/* binding */ formatNotes),
  Sy: () => (/* binding */ writeSummary)
});

// UNUSED EXPORTS: formatSummary

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/github/run.ts
var github_run = __webpack_require__(1738);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/verify/availability/index.ts + 2 modules
var availability = __webpack_require__(2463);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/plan-section.ts
var plan_section = __webpack_require__(4901);
;// CONCATENATED MODULE: ./src/report/rendered-section.ts


function renderedSection(rendered) {
    const lines = rendered.manifest.replace(/\n$/, '').split('\n');
    const shown = lines.slice(0, plan_section/* DETAIL_LINE_CAP */.Cm);
    const more = lines.length > shown.length
        ? `\n\nThe summary shows ${plan_section/* DETAIL_LINE_CAP */.Cm} of its ${lines.length} lines; the whole manifest is in this step's log.`
        : '';
    const objects = rendered.objects.map((object) => `- ${(0,markdown/* plain */.pj)(object)}`).join('\n');
    return [
        `### Rendered: ${rendered.objects.length} objects`,
        objects,
        `<details><summary>Manifest (${lines.length} lines, secrets hidden)</summary>\n\n${(0,markdown/* fenced */.OF)(shown.join('\n'), 'yaml')}${more}\n\n</details>`,
    ].join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/schema-check-section.ts

function schemaCheckSection(report) {
    const found = report.findings.length;
    const verdict = found ? `⚠️ ${found} finding${found === 1 ? '' : 's'} (under Warnings)` : '✅ no findings';
    return `### Kubernetes schemas\n\n${verdict}: ${(0,markdown/* plain */.pj)(report.note)}`;
}

;// CONCATENATED MODULE: ./src/report/canary-section.ts

const VERDICT = {
    passed: '✅ promoted',
    failed: '❌ aborted',
    'no-verdict': '⚠️ no verdict, not promoted',
    skipped: 'skipped',
    planned: 'planned',
    stopped: 'stopped',
};
const ratio = (value) => (value === undefined ? '–' : `${Math.round(value * 1000) / 10} %`);
const ms = (value) => (value === undefined ? '–' : `${value} ms`);
function stepRows(step) {
    const judged = step.judgement?.verdict ?? 'not judged';
    const row = (track, f, pods) => [
        `${step.percent} % (${step.share} % of pods)`,
        track,
        f ? (0,markdown/* code */.aY)(f.version) : '–',
        String(f?.pods ?? pods),
        f ? String(f.requests) : '–',
        f ? String(f.errors) : '–',
        ratio(f?.errorRatio),
        ms(f?.p95Ms),
        track === 'canary' ? judged : '',
    ];
    return [row('stable', step.stable, step.stableReplicas), row('canary', step.canary, step.canaryReplicas)];
}
function canarySection(report) {
    const versions = report.canaryVersion && report.stableVersion
        ? ` (${(0,markdown/* code */.aY)(report.canaryVersion)} beside ${(0,markdown/* code */.aY)(report.stableVersion)})`
        : '';
    const parts = [
        `### Canary\n\n**${VERDICT[report.verdict]}**${versions}${report.why ? `: ${(0,markdown/* plain */.pj)(report.why)}.` : ''}`,
    ];
    if (report.steps.length) {
        const header = ['Step', 'Track', 'Version', 'Pods', 'Requests', '5xx', 'Error ratio', 'p95', 'Verdict'];
        parts.push((0,markdown/* table */.tp)(header, report.steps.flatMap(stepRows)));
    }
    return parts.join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/summary.ts
// The job summary, in the order a person reads it, the first screen before any detail: on success the headline, the
// gateway's URL, the warnings (an open load balancer first) and what changed in one line; on failure the headline,
// what recovery did (the release is back at revision N), what failed, which input, what to do and the evidence. Then
// the release and where it runs, its endpoints, the plan (collapsed and capped), workloads, checks and timings. Every text
// that may come from outside (inputs, helm, pods) goes through markdown.ts, so it reads exactly as written. The
// run's Outbound writes it: secrets cut from the outcome before any of it is formatted, and from the result.









function headline(o) {
    const verb = { deploy: 'deployed', plan: 'planned', uninstall: 'uninstalled', render: 'rendered' }[o.command];
    // Inputs refused before the release was known leave nothing to name.
    const target = o.release.name ? `: ${(0,markdown/* code */.aY)(o.release.name)} in ${(0,markdown/* code */.aY)(o.release.namespace)}` : '';
    return o.succeeded
        ? `## ✅ Portkey AI Gateway ${verb}${target}`
        : `## ❌ Portkey AI Gateway ${o.command} failed${target}`;
}
function failure(error) {
    const parts = ['### What failed', (0,markdown/* block */.om)(error.message)];
    if (error.input)
        parts.push(`**Input to check:** ${(0,markdown/* code */.aY)(error.input)}`);
    if (error.hint)
        parts.push(`**What to do:** ${(0,markdown/* block */.om)(error.hint)}`);
    if (error.diagnosis) {
        parts.push(`<details open><summary>Diagnosis</summary>\n\n${(0,markdown/* fenced */.OF)(error.diagnosis)}\n\n</details>`);
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
            `${(0,markdown/* code */.aY)(r.name)}${revision}${r.status ? ` (${(0,markdown/* plain */.pj)(r.status)})` : ''} in namespace ${(0,markdown/* code */.aY)(r.namespace)}`,
        ]);
    }
    const chart = [r.chartVersion && `chart ${(0,markdown/* plain */.pj)(r.chartVersion)}`, r.appVersion && `app ${(0,markdown/* plain */.pj)(r.appVersion)}`];
    if (chart.some(Boolean))
        items.push(['Chart', chart.filter(Boolean).join(', ')]);
    const c = o.cluster;
    if (c?.name || c?.server) {
        const name = c.name ? `${(0,markdown/* code */.aY)(c.name)}${c.resourceGroup ? ` in resource group ${(0,markdown/* code */.aY)(c.resourceGroup)}` : ''}` : '';
        items.push(['Cluster', [name, c.server && `API server ${(0,markdown/* code */.aY)(c.server)}`].filter(Boolean).join(', ')]);
    }
    if (c?.reach) {
        const how = c.reach.via === 'run-command' ? `through ${(0,markdown/* plain */.pj)(c.reach.through ?? 'AKS runCommand')}` : 'directly';
        items.push(['Reached', `${how}: ${(0,markdown/* plain */.pj)(c.reach.why)}`]);
    }
    if (env.GITHUB_SHA) {
        const repo = env.GITHUB_REPOSITORY ? ` of ${(0,markdown/* code */.aY)(env.GITHUB_REPOSITORY)}` : '';
        const run = (0,github_run/* runUrl */.V)(env);
        items.push(['Commit', `${(0,markdown/* code */.aY)(env.GITHUB_SHA.slice(0, 12))}${repo}${run ? ` ([workflow run](${run}))` : ''}`]);
    }
    if (o.deployment) {
        const d = o.deployment;
        items.push(['GitHub Deployment', `${d.id} to environment ${(0,markdown/* code */.aY)(d.environment)} (${(0,markdown/* plain */.pj)(d.state)})`]);
    }
    const tool = (name, t) => t &&
        `${name} ${t.version}${t.verifiedBy ? ` (verified by ${t.verifiedBy}${t.fromCache ? ', from the tool cache' : ''})` : ''}`;
    const tools = [tool('helm', o.tools?.helm), tool('kubectl', o.tools?.kubectl)];
    if (tools.some(Boolean))
        items.push(['Tools', (0,markdown/* plain */.pj)(tools.filter(Boolean).join(', '))]);
    if (items.length === 0)
        return undefined;
    return `### ${r.name ? 'Release' : 'Run'}\n\n${items.map(([key, value]) => `- **${key}:** ${value}`).join('\n')}`;
}
const VIA = {
    'load-balancer': 'load balancer',
    ingress: 'Ingress',
    'cluster-ip': 'in the cluster only',
};
function endpoints(address) {
    const rows = [['AI gateway', (0,markdown/* url */.OZ)((0,outputs/* lastingGatewayUrl */.wJ)(address))]];
    if (address.mcpUrl)
        rows.push(['MCP gateway', (0,markdown/* url */.OZ)(address.mcpUrl)]);
    const published = [address.ip, address.hostname].filter(Boolean).join(', ');
    const kind = address.via === 'load-balancer' || address.via === 'ingress' ? (address.internal ? 'internal ' : 'public ') : '';
    const via = `Reached via ${kind}${VIA[address.via]}${published ? `: ${(0,markdown/* plain */.pj)(published)}` : ''}.`;
    return `### Endpoints\n\n${(0,markdown/* table */.tp)(['Endpoint', 'URL'], rows)}\n\n${via}`;
}
const CHECK = { health: 'Health', chat: 'Chat completion', mcp: 'MCP gateway' };
const FROM = { cluster: 'the cluster (API server proxy)', runner: 'the runner' };
const summary_VERDICT = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' };
function checks(o) {
    const s = o.smokeTest;
    if (!s)
        return '### Checks\n\nThe smoke test was skipped (`smoke-test: false`).';
    const rows = s.checks.map((c) => [
        CHECK[c.check],
        FROM[c.via],
        `${(0,markdown/* plain */.pj)(c.request)} on ${(0,markdown/* plain */.pj)(c.target)}`,
        summary_VERDICT[c.status],
        c.status === 'skipped' ? 'not sent' : c.httpCode ? String(c.httpCode) : 'no answer',
        c.status === 'skipped' ? 'not sent' : `${c.latencyMs} ms`,
        String(c.attempts),
    ]);
    const header = ['Check', 'From', 'Request', 'Result', 'HTTP', 'Latency', 'Attempts'];
    // A failed smoke test's message already leads the summary under "What failed".
    const notes = s.checks
        .filter((c) => c.status !== 'passed' && !o.error?.message.includes(c.message))
        .map((c) => `${CHECK[c.check]} from ${FROM[c.via]}: ${c.message}`);
    return `### Checks\n\n${(0,markdown/* table */.tp)(header, rows)}${notes.length ? `\n\n${bullets(notes)}` : ''}`;
}
function timings(o) {
    // A stage can complete with a bad verdict (the smoke test): its check says so, this column says the stage ran.
    const rows = o.stages.map((s) => [(0,markdown/* plain */.pj)(s.name), s.ok ? 'completed' : '❌ failed', (0,duration/* formatDuration */.a)(s.ms)]);
    const total = (0,duration/* formatDuration */.a)(o.stages.reduce((sum, s) => sum + s.ms, 0));
    return `### Timings\n\n${(0,markdown/* table */.tp)(['Stage', 'Result', 'Duration'], rows)}\n\nTotal: ${total}.`;
}
/** Where the release differs from Portkey's chart defaults on purpose: one line each, for the summary and the plan. */
const formatNotes = (notes) => notes.map((note) => `ℹ️ ${(0,markdown/* inline */.mG)(note)}`).join('\n\n');
const bullets = (lines) => lines.map((line) => `- ${(0,markdown/* inline */.mG)(line.replace(/\s*\n\s*/g, ' '))}`).join('\n');
/** Warnings about who can reach the gateway come before any other: they are what a reader must not miss. */
const EXPOSURE = /whole internet/i;
function orderWarnings(warnings) {
    return [...warnings.filter((w) => EXPOSURE.test(w)), ...warnings.filter((w) => !EXPOSURE.test(w))];
}
/** What the failed run left the release as, in one line right under the headline; undefined when it did nothing. */
function recoveryLine(o) {
    const recovery = o.error?.recovery;
    if (!recovery)
        return undefined;
    const what = recovery.summary.charAt(0).toUpperCase() + recovery.summary.slice(1);
    const restored = recovery.restoredRevision !== undefined;
    const live = restored ? ': the gateway runs what it ran before this deploy' : '';
    return `> **${restored ? '↩️' : '⚠️'} ${(0,markdown/* plain */.pj)(what)}**${live}.`;
}
/** The first screen of a success: the URL, and what changed in one line. */
function glance(o) {
    const lines = [];
    if (o.address)
        lines.push(`**Gateway URL:** ${(0,markdown/* url */.OZ)((0,outputs/* lastingGatewayUrl */.wJ)(o.address))}`);
    if (o.plan)
        lines.push((0,plan_section/* changeLine */.vK)(o.plan));
    return lines.length ? [lines.join('\\\n')] : [];
}
function formatSummary(o, options = {}) {
    const env = options.env ?? process.env;
    const sections = [headline(o)];
    const recovery = recoveryLine(o);
    if (recovery)
        sections.push(recovery);
    if (o.error)
        sections.push(failure(o.error));
    else
        sections.push(...glance(o));
    // The transaction's own warning repeats the recovery line.
    const restated = o.error?.recovery?.summary;
    const warnings = orderWarnings(o.warnings.filter((w) => !restated || !w.includes(restated)));
    if (warnings.length)
        sections.push(`### Warnings\n\n${bullets(warnings)}`);
    if (o.canary)
        sections.push(canarySection(o.canary));
    if (o.availability)
        sections.push((0,markdown/* plain */.pj)((0,availability/* availabilityLine */.ys)(o.availability)));
    // Short, and before the details: what someone following Portkey's guide would otherwise find missing.
    if (o.notes?.length)
        sections.push(formatNotes(o.notes));
    sections.push(release(o, env) ?? '');
    if (o.address)
        sections.push(endpoints(o.address));
    if (o.rendered)
        sections.push(renderedSection(o.rendered));
    if (o.plan)
        sections.push((0,plan_section/* planSection */.lA)(o.plan, o.planFile));
    if (o.workloads?.length)
        sections.push(`### Workloads\n\n${bullets(o.workloads)}`);
    if (o.command === 'deploy' && (o.smokeTest || o.succeeded))
        sections.push(checks(o));
    if (o.schemaCheck)
        sections.push(schemaCheckSection(o.schemaCheck));
    if (o.stages.length)
        sections.push(timings(o));
    return `${sections.filter(Boolean).join('\n\n')}\n`;
}
async function writeSummary(o, outbound, options = {}) {
    await outbound.summary(o, (redacted) => formatSummary(redacted, options));
}


/***/ }),

/***/ 4772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I8: () => (/* binding */ runnerEnv),
/* harmony export */   eU: () => (/* binding */ realSeams)
/* harmony export */ });
/* unused harmony exports sendHttp, runProcess */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4813);
// The only doors to the outside world. Stages receive a `Seams` object, so tests can swap any of these
// for a fake and assert on exactly what would have been sent or run.




/**
 * node:https with per-request TLS settings: fetch cannot take a CA or client certificate for one request. Loaded on
 * first use: node:https brings tls and http, which a run that never talks to an API server itself does not need.
 */
async function sendWithTls(request) {
    if (!request.url.startsWith('https:'))
        throw new Error(`TLS settings need an https URL, not ${request.url}`);
    const { ca, cert, key, insecure, servername } = request.tls;
    const { request: httpsRequest } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23));
    return new Promise((resolve, reject) => {
        const req = httpsRequest(request.url, {
            method: request.method ?? 'GET',
            headers: request.headers,
            signal: request.signal,
            ca,
            cert,
            key,
            servername,
            rejectUnauthorized: !insecure,
            agent: false,
        }, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
            res.on('error', reject);
            res.on('end', () => {
                const headers = {};
                for (const [name, value] of Object.entries(res.headers)) {
                    if (value !== undefined)
                        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
                }
                resolve({ status: res.statusCode ?? 0, headers, body });
            });
        });
        req.on('error', reject);
        req.end(request.body);
    });
}
const sendHttp = async (request) => {
    if (request.tls)
        return sendWithTls(request);
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
/**
 * What a child process may see of the runner's environment: where programs and the home folder are, the locale,
 * the proxies and the CA bundle the runner trusts. Not INPUT_* (every input, secrets included), not ACTIONS_* (the
 * runtime and OIDC request tokens), not the job's HELM_* or KUBECONFIG (HELM_DEBUG prints the values, secrets
 * included; HELM_KUBEAPISERVER would point helm at another cluster): the action sets its own on top.
 */
const RUNNER_ENV = new Set([
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'LANG',
    'LC_ALL',
    'TZ',
    'TMPDIR',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    // Windows runners: programs do not start without these.
    'SYSTEMROOT',
    'WINDIR',
    'TEMP',
    'TMP',
    'USERPROFILE',
    'APPDATA',
    'LOCALAPPDATA',
    'PATHEXT',
    'COMSPEC',
].map((name) => name.toUpperCase()));
/** The allow-listed part of `env` (names compared case-insensitively: `http_proxy` and Windows' `Path` count). */
function runnerEnv(env = process.env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => RUNNER_ENV.has(name.toUpperCase())));
}
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
        env: options.env ?? runnerEnv(),
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
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz(`child-process ${node_path__WEBPACK_IMPORTED_MODULE_2__.basename(file)} ${args[0] ?? ''} exited ${code ?? signal} after ${Date.now() - started} ms`);
        resolve({ exitCode: code ?? (signal ? 130 : 1), stdout, stderr });
    });
    // A child that exits without reading its stdin closes the pipe under us (EPIPE): its exit code tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
});
const realSeams = {
    http: sendHttp,
    run: runProcess,
    sleep: (ms, signal) => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(ms, undefined, { signal }),
    now: () => Date.now(),
};


/***/ }),

/***/ 2840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Nq: () => (/* reexport */ Outbound),
  XF: () => (/* reexport */ REDACTED),
  rE: () => (/* reexport */ SecretSet),
  Md: () => (/* reexport */ carriesSecret),
  uG: () => (/* reexport */ embeddedSecrets),
  pX: () => (/* reexport */ isSecretInput),
  eh: () => (/* reexport */ isSecretName),
  Qr: () => (/* reexport */ printForeign),
  xg: () => (/* reexport */ pullSecretForms),
  lj: () => (/* reexport */ readSecretPaths),
  ir: () => (/* reexport */ redactStandardStreams),
  RF: () => (/* reexport */ withSecretPaths)
});

// UNUSED EXPORTS: SECRET_PATHS_RECORD, base64Forms, derivedForms, isSecretParameter, keyWords

;// CONCATENATED MODULE: ./src/secrets/derived-forms.ts
// The forms a secret travels in once something has encoded it: a pull secret carries it in base64, a JSON document
// escaped (by JavaScript, by Go's encoder that helm and kubectl use, or by one that writes only ASCII), a URL
// percent-encoded, a workflow command %-escaped, a log prints a PEM key line by line. Pure.
/** Shorter derived pieces would blank out ordinary words and numbers wherever they appear. */
const MIN_PIECE = 6;
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
/** How the runner protocol (src/runner.ts) escapes the data of a workflow command (`::error::`, `::warning::`): the log shows it so. */
const commandEscaped = (text) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const unicodeEscape = (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** The inside of a JSON string as each encoder writes it: JavaScript's, Go's (HTML characters escaped), ASCII-only. */
function jsonEscapedForms(secret) {
    const javascript = JSON.stringify(secret).slice(1, -1);
    return [
        javascript,
        javascript.replace(/[<>&\u2028\u2029]/g, unicodeEscape),
        javascript.replace(/[^\x20-\x7e]/g, unicodeEscape),
    ];
}
/** `secret` and every form it is likely to be printed in, without duplicates and without pieces too short to cut. */
function derivedForms(secret) {
    const escaped = jsonEscapedForms(secret);
    const forms = [
        secret,
        ...escaped,
        commandEscaped(secret),
        encodeURIComponent(secret),
        ...base64Forms(secret),
        // A chart that base64-encodes a JSON document holding the secret (a .dockerconfigjson) encodes it escaped.
        ...escaped.filter((form) => form !== secret).flatMap(base64Forms),
    ];
    for (const line of secret.split(/\r?\n/))
        forms.push(line.trim());
    return [...new Set(forms)].filter((form) => form === secret || form.length >= MIN_PIECE);
}
/**
 * What Portkey's chart derives from registry credentials, which helm may print: the `auth` string and the whole
 * `.dockerconfigjson` document, with and without the username, password and email beside `auth`.
 */
function pullSecretForms(registry, username, password) {
    const auth = Buffer.from(`${username}:${password}`).toString('base64');
    const entries = [{ username, password, auth }, { username, password, email: '', auth }, { auth }];
    const configs = entries.map((entry) => JSON.stringify({ auths: { [registry]: entry } }));
    return [auth, ...configs.map((config) => Buffer.from(config).toString('base64'))];
}

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/secrets/log.ts
// The log: every write to the standard streams goes through the run's redaction, and text that is not ours (values,
// rendered manifests, helm's and kubectl's output, an API's answer, a pod's events) is printed inside a
// `::stop-commands::` fence. The runner acts on any line that starts with `::` (after leading spaces), so without the
// fence a values string holding "\n::warning::…" or "\n::set-output …" would issue workflow commands. It also still
// reads the old `##[command]` form anywhere in a line, which src/runner.ts never writes: every write has it broken
// (`##\u200b[`), so one of our own lines quoting an outside value cannot carry one either. Our own workflow commands
// (runner.warning, runner.error, runner.group) escape their data into one line: they need no fence.



/** While SecretSet registers a mask, the command carrying it must reach the runner as it is. */
let registeringMask = false;
/** The redaction redactStandardStreams installed: the fence's token must survive it unchanged. */
let installed = { redact: (text) => text };
/** runner.setSecret, let through the redacting streams. */
function registerMask(value) {
    registeringMask = true;
    try {
        runner/* setSecret */.Pq(value);
    }
    finally {
        registeringMask = false;
    }
}
/** The old command form, `##[set-output name=x]y`, which the runner finds anywhere in a line. */
const OLD_COMMAND = /##\[/g;
const breakOldCommands = (text) => text.replace(OLD_COMMAND, '##\u200b[');
/**
 * From now on every write to the streams (the log, where src/runner.ts prints, and whatever helm or kubectl output
 * the stages pass on) is redacted by `secrets`, the mask commands of the set itself excepted. Run once, first thing.
 */
function redactStandardStreams(secrets, streams = [process.stdout, process.stderr]) {
    installed = secrets;
    for (const stream of streams) {
        const write = stream.write.bind(stream);
        stream.write = ((chunk, ...rest) => {
            if (registeringMask)
                return write(chunk, ...rest);
            const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
            return write(breakOldCommands(secrets.redact(text)), ...rest.filter((arg) => typeof arg === 'function'));
        });
    }
}
/**
 * A token nobody can guess or plant: random, absent from the text as it will be printed (in any case: the runner
 * compares commands ignoring it), and left whole by the redaction.
 */
function fenceToken(shown, redaction = installed) {
    const text = shown.toLowerCase();
    for (;;) {
        const token = (0,external_node_crypto_.randomBytes)(16).toString('hex');
        if (!text.includes(token) && redaction.redact(token) === token)
            return token;
    }
}
/**
 * Prints text that is not ours so that no line of it can issue a workflow command: between `::stop-commands::TOKEN`
 * and `::TOKEN::`, written in one piece so no command of ours can fall inside the fence.
 */
function printForeign(text, stream = process.stdout) {
    const shown = installed.redact(text);
    const token = fenceToken(shown);
    stream.write(`::stop-commands::${token}${external_node_os_.EOL}${shown}${external_node_os_.EOL}::${token}::${external_node_os_.EOL}`);
}

;// CONCATENATED MODULE: ./src/secrets/outbound.ts
// Writers for what leaves the process besides the log (log.ts): the step's outputs, the job summary, Markdown for
// GitHub, and the JSON files later steps of the job read (the plan). Each is built with the run's SecretSet and
// redacts by itself, so a caller hands over what it has and cannot forget. The GitHub REST client is built with the
// same set (src/github/rest.ts).

const RUNNER = {
    setOutput: (name, value) => runner/* setOutput */.uH(name, value),
    writeSummary: async (markdown) => {
        await runner/* appendSummary */.fe(markdown);
    },
};
class Outbound {
    secrets;
    sinks;
    constructor(secrets, sinks = RUNNER) {
        this.secrets = secrets;
        this.sinks = sinks;
    }
    /** A step output: no output ever needs a secret. */
    output(name, value) {
        this.sinks.setOutput(name, this.secrets.redact(value));
    }
    /**
     * Markdown made from data that may hold outside text (the job summary, the pull request comment): the data is
     * redacted before it is formatted, since escaping respells a secret (`a_b` becomes `a\_b`), and the result after.
     */
    markdown(data, format) {
        return this.secrets.redact(format(this.secrets.redactDeep(data)));
    }
    /** The job summary, made as `markdown` makes it. */
    async summary(data, format) {
        await this.sinks.writeSummary(this.markdown(data, format));
    }
    /**
     * A JSON file for later steps of the job: every string redacted before it is encoded (so the JSON stays valid),
     * under a random name in the action's private folder, created exclusively with mode 0600. Its path.
     */
    jsonFile(workspace, prefix, data) {
        return workspace.createPrivateFile(prefix, '.json', `${JSON.stringify(this.secrets.redactDeep(data), null, 2)}\n`);
    }
}

;// CONCATENATED MODULE: ./src/secrets/release-record.ts
// Which values of a release were secret when it was deployed, recorded in the release itself: a later plan compares
// the deployed values with its own and must keep them hidden whatever that later run is told (its `secret-env` and
// `secret-values` may have dropped them). Helm keeps each revision's values, so the record travels with every
// revision, rollbacks included, and `helm get values` reads it back; the chart ignores a top-level key it does not
// know. The record holds key paths only, never a value.
/** The top-level values key of the record; nothing in Portkey's chart reads it. */
const SECRET_PATHS_RECORD = 'portkeyAzureDeploy';
/** The values as written for helm: `values` and the record of which of their paths are secret. */
function withSecretPaths(values, paths) {
    return { ...values, [SECRET_PATHS_RECORD]: { secretPaths: [...new Set(paths)].sort() } };
}
/**
 * A deployed revision's values without the record, and the secret paths it recorded: undefined when it has none
 * (deployed by an older version of the action, or by hand), so the caller knows to assume more is secret.
 */
function readSecretPaths(deployed) {
    const { [SECRET_PATHS_RECORD]: record, ...values } = deployed;
    const listed = record?.secretPaths;
    if (!Array.isArray(listed))
        return { values };
    return { values, secretPaths: listed.filter((path) => typeof path === 'string') };
}

// EXTERNAL MODULE: ./src/inputs/table.ts + 2 modules
var table = __webpack_require__(9486);
;// CONCATENATED MODULE: ./src/secrets/secret-inputs.ts
// Which inputs hold secrets: the inputs stage declares it in its table, and this is the one place the rest of the
// action asks.

/** Whether the input's value is a secret, to be masked the moment it is read. */
const isSecretInput = (name) => table/* SECRET_INPUTS */.pH.includes(name);

;// CONCATENATED MODULE: ./src/secrets/secret-set.ts
// The run's secrets, in one set: every secret input, every secret found in the values, every token and credential
// the action comes to hold. A secret is masked the moment it is added, together with the forms it travels in
// (derived-forms.ts), and one redaction over the whole set serves the writers of everything that leaves the process
// (log.ts, outbound.ts, the GitHub REST client).


const REDACTED = '***';
/** Nothing this short is a real secret, and cutting it out would garble every text (the log masks it anyway). */
const MIN_REDACTED = 4;
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
class SecretSet {
    mask;
    /** The secrets as they were added. */
    secrets = new Set();
    /** The secrets and every form derived from them. */
    forms = new Set();
    pattern;
    constructor(mask = registerMask) {
        this.mask = mask;
    }
    /** Adds secrets (empty values are skipped) and masks each of their forms. */
    add(...secrets) {
        for (const secret of secrets) {
            if (!secret || this.secrets.has(secret))
                continue;
            this.secrets.add(secret);
            for (const form of derivedForms(secret)) {
                if (this.forms.has(form))
                    continue;
                this.forms.add(form);
                this.mask(form);
                this.pattern = undefined;
            }
        }
    }
    /** Whether `value` is one of the secrets or of the forms derived from them. */
    has(value) {
        return this.forms.has(value);
    }
    /** The secrets added so far, as they were added (not their derived forms). */
    get added() {
        return [...this.secrets];
    }
    /**
     * Every secret form in `text` replaced by ***. Overlapping forms are cut out together, so no piece of either
     * survives; one pass of one pattern, so a 10 MB manifest or 100 000 short values cost about the same.
     */
    redact(text) {
        if (this.pattern === undefined) {
            const forms = [...this.forms].filter((form) => form.length >= MIN_REDACTED).sort((a, b) => b.length - a.length);
            // A lookahead finds the longest form starting at every position, overlapping ones included.
            this.pattern = forms.length ? new RegExp(`(?=(${forms.map(escapeRegExp).join('|')}))`, 'g') : null;
        }
        const pattern = this.pattern;
        if (!pattern)
            return text;
        let result = '';
        let copied = 0;
        let coveredTo = -1;
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
            const start = match.index;
            const end = start + match[1].length;
            if (start > coveredTo) {
                result += `${text.slice(copied, start)}${REDACTED}`;
            }
            coveredTo = Math.max(coveredTo, end);
            copied = coveredTo;
            pattern.lastIndex = start + 1;
        }
        return copied === 0 ? text : result + text.slice(copied);
    }
    /**
     * A copy of `value` with every string in it redacted, map keys included: for data that is formatted (escaped,
     * encoded) after it leaves here, where a secret would no longer be spelled the way the set knows it.
     */
    redactDeep(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((item) => this.redactDeep(item));
        if (value && typeof value === 'object') {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactDeep(item)]));
        }
        return value;
    }
}

;// CONCATENATED MODULE: ./src/secrets/vocabulary.ts
// How a secret is recognised without being told: by the name it goes under (a values key, an environment variable,
// a command-line flag, a kubeconfig field, a query or connection-string parameter) or by the shape of a value that
// carries one (a URL with a password, a connection string with a key, a SAS signature, a private key). The one
// vocabulary every part of the action uses. Pure.
/** Words that make a name a secret's: `dbPassword`, `MY_PWD`, `redis.password`, `--client-secret`, `access-token`. */
const SECRET_WORDS = new Set([
    'password',
    'passwd',
    'pwd',
    'pass',
    'passphrase',
    'secret',
    'token',
    'credential',
    'credentials',
    'apikey',
    'auth',
]);
/**
 * A name ending in one of these describes a secret without holding it (`secretName`, `passwordFile`, `TOKEN_TTL`,
 * `AZURE_AUTH_MODE`, `PASSWORD_MIN_LENGTH`, `--token-file`); masking its value would only garble the log.
 */
const DESCRIBING_WORDS = new Set([
    'name',
    'names',
    'ref',
    'file',
    'path',
    'dir',
    'mode',
    'type',
    'enabled',
    'create',
    'format',
    'policy',
    'header',
    'host',
    'endpoint',
    'url',
    'uri',
    'length',
    'size',
    'count',
    'ttl',
    'timeout',
    'expiry',
    'rounds',
    'limit',
    'max',
    'min',
    'version',
    'region',
]);
/** Query and connection-string parameters that hold a secret under a name of their own (a SAS's `sig`, `AccountKey`). */
const SECRET_PARAMETERS = new Set([
    'sig',
    'signature',
    'key',
    'accountkey',
    'sharedaccesskey',
    'sharedaccesssignature',
]);
/** `dbPassword` → db, password; `LOG_STORE_SECRET_KEY` → log, store, secret, key; `--client-secret` → client, secret. */
function keyWords(key) {
    return key
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
}
/** `topologyKey` (topologySpreadConstraints, pod affinity terms), `matchLabelKeys`: label names. */
const KUBERNETES_KEY_FIELDS = new Set(['topologyKey', 'matchLabelKeys', 'mismatchLabelKeys']);
/** Whether a name says its value is a secret. */
function isSecretName(name) {
    const words = keyWords(name);
    const last = words[words.length - 1];
    if (words.includes('connection') && ['string', 'str', 'url', 'uri'].includes(last))
        return true;
    if (words[0] === 'existing' || DESCRIBING_WORDS.has(last))
        return false;
    // Kubernetes' own fields, spelt as Kubernetes spells them, that end in `Key` and name a label, not an access key.
    if (KUBERNETES_KEY_FIELDS.has(name))
        return false;
    // `key` alone is Kubernetes' own word (tolerations, secretKeyRef); with a qualifier it is an access key.
    return words.some((word, index) => SECRET_WORDS.has(word) || (word === 'key' && index > 0));
}
/** Whether a query-string or connection-string parameter holds a secret: `sig`, `AccountKey`, `api_key`, `Password`. */
function isSecretParameter(name) {
    return SECRET_PARAMETERS.has(name.toLowerCase()) || keyWords(name).at(-1) === 'signature' || isSecretName(name);
}
/** `scheme://user:password@host` or `scheme://token@host`; the password part is a secret on its own as well. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/\s@:]*:)?([^/\s@]+)@/i;
/** `Server=db;User Id=sa;Password=...;` (SQL), `AccountKey=...` (Azure Storage), `SharedAccessKey=...` (Service Bus). */
const CONNECTION_STRING_PARAMETER = /(?:^|;)\s*([A-Za-z][\w .-]*?)\s*=\s*([^;]+)/g;
/** A query string's parameters: a SAS URL or token (`…&sig=…`), a key passed in a URL. */
const QUERY_PARAMETER = /[?&]([^=&\s#]+)=([^&\s#]+)/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
/** The secrets a value carries inside it: the password of a URL, the keys of a connection string or a query. */
function embeddedSecrets(value) {
    const found = [...value.matchAll(CONNECTION_STRING_PARAMETER), ...value.matchAll(QUERY_PARAMETER)]
        .filter((match) => isSecretParameter(match[1].trim()))
        .map((match) => match[2].trim());
    const password = URL_WITH_CREDENTIALS.exec(value)?.[1];
    if (password) {
        found.push(password);
        try {
            found.push(decodeURIComponent(password));
        }
        catch {
            // Not percent-encoded after all: the raw form is enough.
        }
    }
    return found.filter(Boolean);
}
/** Whether a value carries a secret inside it, whatever it is called. */
function carriesSecret(value) {
    // Most values hold none of `=`, `@` or a PEM line: they cannot carry one.
    if (!/[=@]|-----BEGIN/.test(value))
        return false;
    return URL_WITH_CREDENTIALS.test(value) || embeddedSecrets(value).length > 0 || PRIVATE_KEY.test(value);
}

;// CONCATENATED MODULE: ./src/secrets/index.ts
// What is secret and how nothing secret leaves the process: the run's SecretSet with the forms each secret travels
// in, the vocabulary that recognises a secret by its name or its shape, which inputs are secret, the record a
// release keeps of its secret key paths, and the writers of the log (redacted streams, fenced foreign text) and of
// everything else the action sends out.









/***/ }),

/***/ 1741:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ stage)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
// A stage of a run: timed for the job summary, and in its own log group (groups do not nest in the Actions log).

const stage = (run, name, fn) => run.timer.time(name, () => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, fn));


/***/ }),

/***/ 9093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ parseValuesYaml)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
// Values YAML parsed in time linear in its size. The yaml library's own duplicate-key check compares each key of a
// map with every other one (a values file with 64 000 keys in one map took 38 s); here each map's keys go through a
// Set instead, with the same rule (`1` and `"1"` are different keys) and the same message.

function parseValuesYaml(text) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { uniqueKeys: false, lineCounter });
    if (document.errors.length > 0)
        throw document.errors[0];
    let duplicate;
    (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(document, {
        Map(_key, map) {
            const seen = new Set();
            for (const pair of map.items) {
                const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? pair.key.value : pair.key;
                if (!seen.has(key)) {
                    seen.add(key);
                    continue;
                }
                const at = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]) : undefined;
                duplicate = new Error(`Map keys must be unique${at ? ` at line ${at.line}, column ${at.col}` : ''}`);
                return yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR.BREAK;
            }
            return undefined;
        },
    });
    if (duplicate)
        throw duplicate;
    return document.toJS();
}


/***/ }),

/***/ 2463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  iC: () => (/* reexport */ availabilityError),
  ys: () => (/* reexport */ availabilityLine),
  O8: () => (/* reexport */ startAvailability)
});

// UNUSED EXPORTS: VERSION_HEADER

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/verify/cluster-reads.ts
var cluster_reads = __webpack_require__(3935);
// EXTERNAL MODULE: ./src/verify/gateway-service.ts
var gateway_service = __webpack_require__(4381);
// EXTERNAL MODULE: ./src/verify/service-proxy.ts
var service_proxy = __webpack_require__(8219);
// EXTERNAL MODULE: ./src/verify/smoke-test.ts + 1 modules
var smoke_test = __webpack_require__(2570);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/verify/availability/stats.ts
// What the availability stream saw, in numbers: requests, failures, the longest run of failures, latency percentiles
// and which version answered how many; the failure budget's verdict; and the one line the summary leads with. Pure:
// the stream (stream.ts) only collects samples.

const UNKNOWN_VERSION = 'unknown';
/** Nearest-rank percentile of sorted values; 0 for none. */
function percentile(sorted, p) {
    if (sorted.length === 0)
        return 0;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
const countBy = (keys) => {
    const counts = new Map();
    for (const key of keys)
        counts.set(key, (counts.get(key) ?? 0) + 1);
    return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
};
function summarize(samples) {
    const ordered = [...samples].sort((a, b) => a.sentAt - b.sentAt);
    let run = 0;
    let longestFailureRun = 0;
    for (const sample of ordered) {
        run = sample.ok ? 0 : run + 1;
        longestFailureRun = Math.max(longestFailureRun, run);
    }
    // Latency of the answers that came: a request that timed out has no latency worth averaging in.
    const latencies = ordered
        .filter((s) => s.status !== 0)
        .map((s) => s.latencyMs)
        .sort((a, b) => a - b);
    const answered = ordered.filter((s) => s.ok);
    // Versions in the order they first answered, so the old one reads first.
    const byVersion = {};
    for (const s of answered)
        byVersion[s.version ?? UNKNOWN_VERSION] = (byVersion[s.version ?? UNKNOWN_VERSION] ?? 0) + 1;
    return {
        requests: ordered.length,
        failed: ordered.length - answered.length,
        longestFailureRun,
        p50Ms: Math.round(percentile(latencies, 50)),
        p95Ms: Math.round(percentile(latencies, 95)),
        byVersion,
        failures: countBy(ordered.filter((s) => !s.ok).map((s) => s.failure ?? String(s.status))),
    };
}
/** Failed requests the budget allows out of `requests`: a share is rounded down, so 1% of 99 allows none. */
function allowedFailures(budget, requests) {
    return 'count' in budget ? budget.count : Math.floor((budget.percent / 100) * requests);
}
function judgeAvailability(stats, budget, target) {
    const allowed = allowedFailures(budget, stats.requests);
    const passed = stats.failed <= allowed;
    const reasons = Object.entries(stats.failures)
        .map(([reason, n]) => `${n} × ${reason}`)
        .join(', ');
    const message = passed
        ? `${stats.failed} of ${stats.requests} requests failed, within the budget of ${allowed}.`
        : `${stats.failed} of ${stats.requests} requests to ${target} failed during the rollout (${reasons}; at most ` +
            `${stats.longestFailureRun} in a row), more than the budget of ${allowed}.`;
    return { ...stats, verdict: passed ? 'passed' : 'failed', allowed, target, message };
}
function skippedAvailability(target, message) {
    return { ...summarize([]), verdict: 'skipped', allowed: 0, target, message };
}
const number = (n) => n.toLocaleString('en-US');
/** `During the rollout: 1,204 requests, 0 failed, p95 41 ms; 612 answered by 2.13.0, 592 by 2.13.1`. */
function availabilityLine(report) {
    if (report.verdict === 'skipped')
        return `During the rollout: not measured (${report.message.replace(/\.$/, '')}).`;
    const head = `During the rollout: ${number(report.requests)} requests, ${number(report.failed)} failed, p95 ${number(report.p95Ms)} ms`;
    const versions = Object.entries(report.byVersion).map(([version, n], i) => i === 0 ? `${number(n)} answered by ${version}` : `${number(n)} by ${version}`);
    return `${head}${versions.length ? `; ${versions.join(', ')}` : ''}.`;
}
/** The deploy's error for a rollout that failed more requests than the budget allows: it rolls back like a smoke test. */
function availabilityError(report) {
    return new errors/* ActionError */.l(`The gateway did not keep serving through the rollout: ${report.message}`, {
        input: 'availability-budget',
        hint: 'Requests failed while the old pods stopped and the new ones started. With `zero-downtime: false` that is the ' +
            "chart's default rolling upgrade: turn it back on. Otherwise look at the new pods (a version that is Ready yet " +
            'fails its clients), raise `termination-grace-period` if long requests were cut, or allow a few failures ' +
            '(`availability-budget: 5`).',
    });
}

;// CONCATENATED MODULE: ./src/verify/availability/stream.ts
// The availability stream: from the moment helm starts until the rollout is complete, a steady, bounded stream of
// GETs to the gateway's health route through the same path as the in-cluster smoke test (the API server's service
// proxy), so a rollout that drops requests is seen by the deploy itself, not only by the gateway's users. Each
// answer's `x-pod-version` header (the image tag the pod says it runs) tells which version answered.






/** The header a pod names its version in; a pod that does not send it counts as `unknown`. */
const VERSION_HEADER = 'x-pod-version';
/** A health check slower than this is a failure: the user's request would have given up too. */
const REQUEST_TIMEOUT_MS = 5000;
/** Never more than this many requests outstanding, whatever the rate: a stuck API server is not to be piled on. */
const MAX_IN_FLIGHT = 20;
const settled = (report) => ({ finish: async () => report });
/** The Service that serves now, before helm changes anything; a message when there is none to measure. */
async function servingGateway(request, session, seams) {
    if (session.access.via === 'run-command') {
        return 'a private cluster is reached through runCommand, one command at a time, too slow for a steady stream';
    }
    const name = (0,gateway_service/* gatewayFullname */.tb)(request.releaseName, request.values);
    const read = await (0,cluster_reads/* readObjects */.$I)(session, seams, { resource: 'service', names: [name], namespace: request.namespace, ignoreNotFound: true }, request.signal);
    if (!read.ok)
        return `Service ${request.namespace}/${name} could not be read: ${read.error}`;
    if (!read.value)
        return `nothing served before this deploy: Service ${request.namespace}/${name} does not exist yet`;
    const ports = read.value.spec?.ports ?? [];
    const port = ports.find((p) => p.name === 'gateway') ?? ports.find((p) => p.name !== 'mcp') ?? ports[0];
    if (!port)
        return `Service ${request.namespace}/${name} has no port`;
    try {
        return {
            target: { namespace: request.namespace, name, port: port.port },
            proxy: (0,service_proxy/* serviceProxy */.uK)(session, seams, request.secrets),
        };
    }
    catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
}
/** Starts the stream; resolves once it is sending (or once it knows it has nothing to measure). */
async function startAvailability(request, session, seams) {
    const route = `GET ${request.path}`;
    if (request.config.rate === 0)
        return settled(skippedAvailability(route, '`availability-rate` is 0'));
    if (request.firstInstall)
        return settled(skippedAvailability(route, 'a first install has nothing serving to measure'));
    const gateway = await servingGateway(request, session, seams);
    if (typeof gateway === 'string') {
        runner/* info */.pq(`Availability during the rollout is not measured: ${gateway}.`);
        return settled(skippedAvailability(route, gateway));
    }
    const { target, proxy } = gateway;
    const where = `${route} on Service ${target.namespace}/${target.name}:${target.port} through the API server`;
    runner/* info */.pq(`Measuring availability during the rollout: ${request.config.rate} requests per second, ${where}.`);
    const samples = [];
    const inFlight = new Set();
    const stop = new AbortController();
    const requestSignal = request.signal ? AbortSignal.any([request.signal, stop.signal]) : stop.signal;
    let refused;
    const sendOne = async () => {
        const sentAt = seams.now();
        const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        try {
            const response = await proxy.send(target, { method: 'GET', path: request.path, signal });
            const latencyMs = seams.now() - sentAt;
            const status = (0,service_proxy/* apiServerStatus */.cq)(response);
            if (status && (response.status === 401 || response.status === 403)) {
                // The API server's RBAC, not the gateway: no measurement at all rather than a false verdict.
                refused = `the API server refused the service proxy (${response.status}: ${status.message ?? status.reason})`;
                stop.abort();
                return;
            }
            const ok = response.status === request.expectedStatus;
            const failure = ok
                ? undefined
                : status
                    ? `API server ${response.status} ${status.reason ?? ''}`.trim()
                    : `HTTP ${response.status}`;
            samples.push({
                sentAt,
                latencyMs,
                ok,
                status: response.status,
                version: response.headers[VERSION_HEADER],
                failure,
            });
        }
        catch (error) {
            // finish() lets requests in flight run to their end; only the run's cancellation cuts them, and then no
            // verdict is given anyway.
            if (request.signal?.aborted)
                return;
            samples.push({
                sentAt,
                latencyMs: seams.now() - sentAt,
                ok: false,
                status: 0,
                failure: (0,smoke_test/* describeNetworkError */.gl)(error),
            });
        }
    };
    const interval = 1000 / request.config.rate;
    const loop = (async () => {
        let next = seams.now();
        while (!requestSignal.aborted) {
            if (inFlight.size < MAX_IN_FLIGHT) {
                const sent = sendOne().finally(() => inFlight.delete(sent));
                inFlight.add(sent);
            }
            next += interval;
            await seams.sleep(Math.max(0, next - seams.now()), requestSignal).catch(() => undefined);
        }
    })();
    return {
        async finish() {
            stop.abort();
            await loop;
            await Promise.all(inFlight);
            if (refused) {
                runner/* warning */.$e(`Availability during the rollout is not measured: ${refused}.`);
                return skippedAvailability(where, refused);
            }
            return judgeAvailability(summarize(samples), request.config.budget, where);
        },
    };
}

;// CONCATENATED MODULE: ./src/verify/availability/index.ts
// Whether the gateway kept serving through the rollout: the stream that measures it and the numbers it gives.




/***/ }),

/***/ 3935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ readObjects),
/* harmony export */   Dw: () => (/* binding */ listItems),
/* harmony export */   MB: () => (/* binding */ parseObjects),
/* harmony export */   Ty: () => (/* binding */ readLogTail),
/* harmony export */   nS: () => (/* binding */ formatEvents),
/* harmony export */   uW: () => (/* binding */ section),
/* harmony export */   wj: () => (/* binding */ readEvents)
/* harmony export */ });
/* harmony import */ var _cluster_local_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2837);
// The reads the verify stage makes while polling. A poll must survive a transient API error (the next tick
// retries), so these return the failure instead of throwing; the callers decide when enough is enough.

/** kubectl's JSON answer to a read of objects, or what went wrong. */
function parseObjects(result) {
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
async function readObjects(session, seams, read, signal) {
    return parseObjects(await (0,_cluster_local_js__WEBPACK_IMPORTED_MODULE_0__/* .clusterPort */ .q)(session, seams).read({ kind: 'objects', ...read }, signal));
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
    const read = await readObjects(tools, seams, { resource: 'events', namespace, fieldSelector: `involvedObject.name=${objectName}` }, signal);
    return read.ok ? { ok: true, value: listItems(read.value) } : read;
}
/** The last lines a container wrote, of its previous run when it crash-loops. */
async function readLogTail(tools, seams, target, signal) {
    const { namespace, pod, container, previous } = target;
    const read = { kind: 'logs', namespace, pod, container, tail: target.lines ?? 20, previous };
    const result = await (0,_cluster_local_js__WEBPACK_IMPORTED_MODULE_0__/* .clusterPort */ .q)(tools, seams).read(read, signal);
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


/***/ }),

/***/ 4381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ loadBalancerAddress),
/* harmony export */   D9: () => (/* binding */ inClusterUrl),
/* harmony export */   VS: () => (/* binding */ findGatewayTarget),
/* harmony export */   Vh: () => (/* binding */ servesMcp),
/* harmony export */   pc: () => (/* binding */ baseUrl),
/* harmony export */   tb: () => (/* binding */ gatewayFullname)
/* harmony export */ });
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


/***/ }),

/***/ 8219:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bk: () => (/* binding */ checkProxyAccess),
/* harmony export */   cq: () => (/* binding */ apiServerStatus),
/* harmony export */   uK: () => (/* binding */ serviceProxy),
/* harmony export */   vd: () => (/* binding */ proxyRefusal)
/* harmony export */ });
/* unused harmony exports proxyPath, loggedStatus, proxyVerb, proxyVerbsNeeded */
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _cluster_local_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2837);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _kubeconfig_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1265);
// Reaches the gateway from inside the cluster: through the Kubernetes API server's service proxy
// (`/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`), over the kubeconfig's own authenticated TLS connection. The
// API server forwards to a ready pod of the Service, so the check works whatever the Service's type, the load
// balancer's allowed ranges or the runner's network. The request goes through the kubeconfig module's client for the
// API server, authenticated as helm and kubectl are with the kubeconfig the action wrote: kubectl's `--raw` cannot
// send the headers a chat completion needs. A private cluster's API server is out of the runner's reach: there
// the request is kubectl's `get --raw` in the runCommand pod, which sends plain GETs only (no chat completion). So it
// is, here, for a kubeconfig whose cluster is reached through a proxy-url, which only kubectl can use.




/**
 * `/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`, every piece escaped. The gateway's path may not climb out
 * of the proxy (`..`, `.`, their percent-encoded forms, an encoded slash or a backslash): the API server would
 * answer for whatever the path then names, the namespace's Secrets included.
 */
function proxyPath(target, gatewayPath) {
    const rest = gatewayPath.startsWith('/') ? gatewayPath : `/${gatewayPath}`;
    const route = rest.split(/[?#]/)[0];
    const climbing = route.split('/').find((segment) => /^\.{1,2}$|%2e|%2f|%5c|\\/i.test(segment));
    if (climbing !== undefined || rest.includes('#')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l(`The smoke test path ${JSON.stringify(gatewayPath)} has a segment that would leave the gateway's service proxy (${JSON.stringify(climbing ?? '#')}).`, { input: 'smoke-test-path', hint: 'Give the path of a page the gateway serves, like `/v1/health`.' });
    }
    const service = `${encodeURIComponent(target.name)}:${target.port}`;
    return `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/services/${service}/proxy${rest}`;
}
function credentialProblem(message) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l(`The smoke test cannot talk to the API server: ${message}`, {
        input: 'smoke-test-from',
        hint: 'The in-cluster check reads the credentials of the kubeconfig the action uses. Set `smoke-test-from: runner` ' +
            'to check from the runner instead.',
    });
}
/** Builds the proxy client for a cluster session; secrets it comes to hold are added to `secrets`. */
function serviceProxy(session, seams, secrets) {
    const { access } = session;
    if (access.via === 'run-command') {
        return kubectlServiceProxy(access.cluster, `the API server, from ${access.cluster.description}`);
    }
    const client = apiServerClientOf(access, session.env, seams, secrets);
    // kubectl goes through the kubeconfig's proxy-url, as helm did; the in-process client cannot.
    if (client.proxyUrl) {
        return kubectlServiceProxy((0,_cluster_local_js__WEBPACK_IMPORTED_MODULE_3__/* .clusterPort */ .q)(session, seams), "the API server, through the kubeconfig's proxy-url");
    }
    return directServiceProxy(client);
}
/**
 * The status of the last response kubectl logged at -v=6: `"Response" verb="GET" … status="503 Service Unavailable"`
 * (kubectl 1.27 and newer) or `GET https://… 503 Service Unavailable in 3 milliseconds` (older).
 */
function loggedStatus(stderr) {
    const found = [...stderr.matchAll(/status="(\d{3})|\b(?:GET|POST) \S+ (\d{3}) .* in \d+ milliseconds/g)].at(-1);
    return found ? Number(found[1] ?? found[2]) : undefined;
}
/**
 * kubectl's own sentence about a refused request: `Error from server (Forbidden): message`. A refusal (401, 403) is
 * given back as the API server's Status, which it is, so that it is explained rather than waited on.
 */
function kubectlErrorBody(stderr, status) {
    const line = stderr.split('\n').find((l) => l.startsWith('Error from server')) ?? '';
    if (status !== 401 && status !== 403)
        return line;
    const [, reason, message] = /^Error from server \(([^)]*)\): (.*)$/.exec(line) ?? [];
    return JSON.stringify({ kind: 'Status', apiVersion: 'v1', code: status, reason, message: message ?? line });
}
function kubectlServiceProxy(cluster, server) {
    return {
        server,
        secure: true,
        carriesHeaders: false,
        async send(target, request) {
            if (request.method !== 'GET' || Object.keys(request.headers ?? {}).length > 0) {
                throw new Error('only a plain GET goes through the service proxy with kubectl');
            }
            const result = await cluster.read({ kind: 'raw', path: proxyPath(target, request.path) }, request.signal);
            const status = loggedStatus(result.stderr) ?? (result.exitCode === 0 ? 200 : 0);
            if (status === 0) {
                throw new Error(`kubectl exited with ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`);
            }
            const body = result.exitCode === 0 ? result.stdout : kubectlErrorBody(result.stderr, status);
            return { status, headers: {}, body };
        },
    };
}
/** The kubeconfig module's client for the API server turns an authentication it cannot make into the smoke test's error. */
function asCredentialProblem(error) {
    return error instanceof _kubeconfig_index_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiServerCredentialError */ .XV ? credentialProblem(error.message) : error;
}
function apiServerClientOf(access, env, seams, secrets) {
    try {
        const { refreshCredentials } = access;
        return (0,_kubeconfig_index_js__WEBPACK_IMPORTED_MODULE_2__/* .apiServerClientFor */ ._H)(access.kubeconfigPath, { env, refreshCredentials, secrets }, seams);
    }
    catch (error) {
        throw asCredentialProblem(error);
    }
}
function directServiceProxy(client) {
    return {
        server: client.server,
        secure: client.secure,
        carriesHeaders: true,
        async send(target, request) {
            const path = proxyPath(target, request.path);
            try {
                return await client.send({ ...request, path });
            }
            catch (error) {
                throw asCredentialProblem(error);
            }
        },
    };
}
/** The API server's own answer (a Status object), as opposed to the gateway's, which the proxy passes through. */
function apiServerStatus(response) {
    if (!response.body.includes('"Status"'))
        return undefined;
    try {
        const body = JSON.parse(response.body);
        return body.kind === 'Status' && body.apiVersion === 'v1' ? body : undefined;
    }
    catch {
        return undefined;
    }
}
/** RBAC's verb for a proxied request: GET → get, POST → create. */
function proxyVerb(method) {
    return method === 'GET' ? 'get' : 'create';
}
/**
 * The error for an API server that refused the proxied request itself (401, 403): not the gateway's fault, and
 * waiting does not fix it. Says which permission is missing, which role grants it, and what else to do.
 */
function proxyRefusal(target, request, status, httpCode) {
    const said = status.message ? `: ${status.message}` : '';
    if (httpCode === 401) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l(`The API server did not accept the action's credentials for the in-cluster smoke test${said}`, {
            input: 'smoke-test-from',
            hint: 'The same credentials deployed the release, so they probably expired meanwhile. Run again, or set ' +
                '`smoke-test-from: runner` to check from the runner instead.',
        });
    }
    const verb = proxyVerb(request.method);
    return missingProxyPermission(`The API server refused the in-cluster smoke test: the deploying identity may not \`${verb}\` ` +
        `\`services/proxy\` in namespace ${target.namespace}${said}`, target.namespace);
}
/** Which permission is missing, which role grants it, and the way around it. */
function missingProxyPermission(message, namespace) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .l(message, {
        input: 'smoke-test-from',
        hint: `The in-cluster check goes through the API server's service proxy, which needs \`get\` on \`services/proxy\` ` +
            `(and \`create\`, for the chat completion) in namespace ${namespace}. Kubernetes' built-in \`edit\` ` +
            `and \`admin\` ClusterRoles grant it: \`kubectl create rolebinding portkey-deployer-proxy --namespace ` +
            `${namespace} --clusterrole edit --user <principal id>\`; with Azure RBAC for Kubernetes, a role on the ` +
            'namespace whose data actions cover services/proxy (see docs/azure-setup.md; `kubectl auth can-i get ' +
            `services --subresource=proxy -n ${namespace}\` tells). The fallback is to check from the runner: ` +
            '`smoke-test-from: runner` (the load balancer must let the runner in), or `smoke-test: false`.',
    });
}
/**
 * The service proxy verbs the smoke test will use from inside the cluster: `get` for the health checks, `create` for
 * a chat completion (a POST) when the route can carry one. None when it does not check from the cluster.
 */
function proxyVerbsNeeded(config, carriesHeaders) {
    if (!config.enabled || config.from === 'runner')
        return [];
    return config.chat.model && carriesHeaders ? ['get', 'create'] : ['get'];
}
/**
 * Before anything is deployed: may the deploying identity use the service proxy the smoke test needs? Asked with
 * `kubectl auth can-i`, so an upgrade is not rolled out only to be rolled back when the smoke test is refused. An
 * answer that is neither yes nor no (an API server that cannot say) lets the deploy go on: the smoke test still tells.
 * Throws the refusal.
 */
async function checkProxyAccess(config, namespace, session, seams, signal) {
    // A run-command session's service proxy is kubectl's in the command pod, which sends no chat completion.
    const verbs = proxyVerbsNeeded(config, session.access.via === 'kubeconfig');
    if (verbs.length === 0)
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('The smoke test checks from the runner only: it needs no service proxy access.');
    for (const verb of verbs) {
        const read = { kind: 'can-i', verb, resource: 'services', subresource: 'proxy', namespace };
        const result = await (0,_cluster_local_js__WEBPACK_IMPORTED_MODULE_3__/* .clusterPort */ .q)(session, seams).read(read, signal);
        const answer = result.stdout.trim().split(/\s/)[0];
        if (answer !== 'yes' && answer !== 'no') {
            const why = result.stderr.trim().split('\n').at(-1) || `kubectl exited with ${result.exitCode}`;
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Could not ask whether the deploying identity may ${verb} services/proxy (${why}): the smoke test will tell.`);
            return;
        }
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`May the deploying identity ${verb} services/proxy in namespace ${namespace}? ${answer}`);
        if (answer === 'yes')
            continue;
        throw missingProxyPermission(`The deploying identity may not \`${verb}\` \`services/proxy\` in namespace ${namespace}, which the smoke ` +
            'test from inside the cluster needs (kubectl auth can-i said no). Nothing was deployed.', namespace);
    }
}


/***/ }),

/***/ 2570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gl: () => (/* binding */ describeNetworkError),
  pb: () => (/* binding */ runSmokeTest),
  Yz: () => (/* binding */ smokeTestError)
});

// UNUSED EXPORTS: MCP_HEALTH_PATH, joinUrl

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/poll.ts
var poll = __webpack_require__(9810);
// EXTERNAL MODULE: external "node:dgram"
var external_node_dgram_ = __webpack_require__(1314);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/verify/runner-reach.ts
// Whether the runner can reach the gateway's published address at all, decided before anyone waits on a timeout:
// a ClusterIP Service has no address outside the cluster, and a load balancer whose allowed-ip-ranges exclude the
// runner drops its packets. Pure, but for the one question the kernel answers: which local address would the runner
// send from (a UDP socket's connect() picks the route and sends nothing).


/** The local address the kernel would send from to reach `ip`; undefined when there is no route. */
function localAddressFor(ip) {
    return new Promise((resolve) => {
        const socket = (0,external_node_dgram_.createSocket)((0,external_node_net_.isIPv6)(ip) ? 'udp6' : 'udp4');
        const done = (address) => {
            socket.close();
            resolve(address);
        };
        socket.on('error', () => done());
        // Port 9 (discard): connect() on UDP only picks the route; no packet leaves.
        socket.connect(9, ip, () => {
            try {
                done(socket.address().address);
            }
            catch {
                done();
            }
        });
    });
}
function family(ip) {
    return (0,external_node_net_.isIPv6)(ip) ? 'ipv6' : 'ipv4';
}
/** `10.0.0.0/8`, `203.0.113.7` (a single address) into a BlockList; malformed entries are ignored. */
function rangeList(ranges) {
    const list = new external_node_net_.BlockList();
    for (const range of ranges) {
        const [net, bits] = range.trim().split('/');
        if (!(0,external_node_net_.isIP)(net))
            continue;
        const prefix = bits === undefined ? ((0,external_node_net_.isIPv6)(net) ? 128 : 32) : Number(bits);
        if (!Number.isInteger(prefix))
            continue;
        list.addSubnet(net, prefix, family(net));
    }
    return list;
}
const PRIVATE = rangeList([
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '100.64.0.0/10',
    '127.0.0.0/8',
    '169.254.0.0/16',
    'fc00::/7',
    'fe80::/10',
    '::1/128',
]);
function isPrivateAddress(ip) {
    return (0,external_node_net_.isIP)(ip) !== 0 && PRIVATE.check(ip, family(ip));
}
async function runnerReach(input) {
    const { address, allowedIpRanges } = input;
    if (input.explicitUrl)
        return { kind: 'try' };
    if (address.via === 'cluster-ip') {
        return {
            kind: 'skip',
            why: 'the gateway Service has no address outside the cluster (ClusterIP); set smoke-test-url to an address the runner can reach',
        };
    }
    if (address.via !== 'load-balancer' || allowedIpRanges.length === 0)
        return { kind: 'try' };
    const ranges = allowedIpRanges.join(', ');
    if (!address.ip) {
        return {
            kind: 'unsure',
            why: `allowed-ip-ranges (${ranges}) may exclude the runner, whose address towards ${address.hostname} is not known`,
        };
    }
    const local = await input.localAddressFor(address.ip);
    if (!local)
        return { kind: 'skip', why: `the runner has no route to the load balancer's address ${address.ip}` };
    if (rangeList(allowedIpRanges).check(local, family(local)))
        return { kind: 'try' };
    // Behind NAT the load balancer sees the NAT's public address, which only a request can tell.
    if (isPrivateAddress(local) && !isPrivateAddress(address.ip)) {
        return {
            kind: 'unsure',
            why: `the runner sends from ${local}, behind NAT: its public address may be outside allowed-ip-ranges (${ranges})`,
        };
    }
    return {
        kind: 'skip',
        why: `the runner's address ${local} is outside allowed-ip-ranges (${ranges}), so the load balancer drops its requests`,
    };
}

// EXTERNAL MODULE: ./src/verify/service-proxy.ts
var service_proxy = __webpack_require__(8219);
;// CONCATENATED MODULE: ./src/verify/smoke-test.ts
// Asks the deployed gateway whether it is alive, from where it is: by default from inside the cluster, through the
// API server's service proxy (whatever the Service type, the load balancer's allowed ranges or the runner's
// network), and optionally from the runner against the published address, to prove the internet path. Each check
// retries while the gateway warms up; then, if asked, one chat completion goes through it, and the MCP gateway is
// asked too when SERVER_MODE runs it. Credentials travel only over TLS. Returns a verdict instead of throwing: the
// caller decides on rollback.





const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 8000;
const REQUEST_TIMEOUT_MS = 10000;
const CHAT_TIMEOUT_MS = 60000;
/** What the MCP gateway answers to prove it runs: the chart's own probe path on the MCP port. */
const MCP_HEALTH_PATH = '/v1/health';
/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND, a certificate problem) in `cause`. */
function describeNetworkError(error) {
    // The timeout arrives as a DOMException, which is not always an Error instance.
    const e = error;
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
        return 'no answer in time';
    if (e?.cause?.code)
        return `${e.cause.code}${e.cause.message ? ` (${e.cause.message})` : ''}`;
    if (e?.code)
        return `${e.code}${e.message && !e.message.startsWith(e.code) ? ` (${e.message})` : ''}`;
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
function clusterRoute(proxy, namespace, address) {
    const resolve = (service) => {
        const ref = service === 'mcp' ? address.mcpService : service;
        return { namespace, name: ref.name, port: ref.port };
    };
    return {
        via: 'cluster',
        secure: proxy.secure,
        carriesHeaders: proxy.carriesHeaders,
        describe: (service) => {
            const t = resolve(service);
            return `Service ${t.namespace}/${t.name}:${t.port} through the API server`;
        },
        send: (service, request) => proxy.send(resolve(service), request),
        refusal(service, request, response) {
            if (response.status !== 401 && response.status !== 403)
                return undefined;
            const status = (0,service_proxy/* apiServerStatus */.cq)(response);
            return status ? (0,service_proxy/* proxyRefusal */.vd)(resolve(service), request, status, response.status) : undefined;
        },
        relayError(response) {
            const status = (0,service_proxy/* apiServerStatus */.cq)(response);
            return status ? `the API server answered ${response.status}: ${status.message ?? status.reason}` : undefined;
        },
    };
}
function runnerRoute(baseUrl, mcpUrl, seams) {
    const base = (service) => (service === 'mcp' ? mcpUrl : baseUrl);
    return {
        via: 'runner',
        secure: baseUrl.startsWith('https:'),
        carriesHeaders: true,
        describe: base,
        send: (service, request) => seams.http({ ...request, url: joinUrl(base(service), request.path) }),
        refusal: () => undefined,
        relayError: () => undefined,
    };
}
async function timed(seams, send, timeoutMs, cancelled) {
    const started = seams.now();
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
        const response = await send(cancelled ? AbortSignal.any([timeout, cancelled]) : timeout);
        return { ok: true, value: response, latencyMs: seams.now() - started };
    }
    catch (error) {
        if (error instanceof errors/* ActionError */.l)
            throw error;
        return { ok: false, error: describeNetworkError(error), latencyMs: seams.now() - started };
    }
}
/** Undefined when the answer is the expected one, else what was wrong with it. */
function judge(attempt, expected, route, secrets) {
    if (!attempt.ok)
        return `got no answer: ${attempt.error}`;
    const { status, body } = attempt.value;
    if (status === expected.status && (!expected.body || body.includes(expected.body)))
        return undefined;
    const relayed = route.relayError(attempt.value);
    if (relayed)
        return `got no answer from the gateway (${safeSnippet(relayed, secrets, 300)})`;
    if (status !== expected.status) {
        return `answered ${status}, expected ${expected.status}; body: ${safeSnippet(body, secrets) || '(empty)'}`;
    }
    return `answered ${status} but the body does not contain "${expected.body}"; body: ${safeSnippet(body, secrets) || '(empty)'}`;
}
/** GETs `path` on `service` until the expected answer, the deadline, or a refusal that waiting cannot fix. */
async function healthCheck(check, route, service, path, expected, timeoutSeconds, { secrets, signal }, seams) {
    const request = { method: 'GET', path };
    const target = route.describe(service);
    const started = seams.now();
    const backoff = (attempt) => Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    let attempts = 0;
    // Widened: it is set inside the poll's callback, which TypeScript's narrowing does not follow.
    let last = { ok: false, error: 'not tried', latencyMs: 0 };
    let verdict;
    let refused;
    await (0,poll/* poll */.wt)({ deadline: started + timeoutSeconds * 1000, intervalMs: backoff, signal }, seams, async (n) => {
        attempts = n;
        try {
            last = await timed(seams, (s) => route.send(service, { ...request, signal: s }), REQUEST_TIMEOUT_MS, signal);
        }
        catch (error) {
            // A cancelled run is not a gateway that failed its check: no rollback for it.
            (0,poll/* throwIfCancelled */.dZ)(signal);
            refused = error;
            return true;
        }
        refused = last.ok ? route.refusal(service, request, last.value) : undefined;
        verdict = refused ? refused.message : judge(last, expected, route, secrets);
        runner/* debug */.Yz(`${check} check from the ${route.via}, attempt ${n}: ${verdict ?? 'as expected'}`);
        return verdict && !refused ? undefined : true;
    });
    const base = {
        check,
        via: route.via,
        request: `GET ${path}`,
        target,
        httpCode: last.ok ? last.value.status : 0,
        latencyMs: last.latencyMs,
        attempts,
    };
    if (refused) {
        const message = secrets.redact(refused.message);
        return {
            ...base,
            status: 'failed',
            message,
            refusal: { message, input: refused.details.input, hint: refused.details.hint },
        };
    }
    if (verdict) {
        const seconds = Math.round((seams.now() - started) / 1000);
        return {
            ...base,
            status: 'failed',
            message: `GET ${path} on ${target} ${verdict} (${attempts} attempt(s) over ${seconds} s).`,
        };
    }
    return {
        ...base,
        status: 'passed',
        message: `GET ${path} on ${target} answered ${base.httpCode} in ${last.latencyMs} ms (attempt ${attempts}).`,
    };
}
function skipped(check, via, request, target, why) {
    return { check, via, status: 'skipped', request, target, httpCode: 0, latencyMs: 0, attempts: 0, message: why };
}
/**
 * The chat completion's headers. Through the API server the provider key cannot ride in `Authorization` (the API
 * server takes that header for itself and drops it): it goes in the gateway's `x-portkey-config` instead.
 */
function chatHeaders(config, via) {
    const { provider, providerKey, portkeyApiKey, customHost } = config.chat;
    const headers = { 'content-type': 'application/json', 'x-portkey-provider': provider };
    if (portkeyApiKey)
        headers['x-portkey-api-key'] = portkeyApiKey;
    if (via === 'cluster' && providerKey) {
        headers['x-portkey-config'] = JSON.stringify({
            provider,
            api_key: providerKey,
            ...(customHost ? { custom_host: customHost } : {}),
        });
        return headers;
    }
    if (providerKey)
        headers.authorization = `Bearer ${providerKey}`;
    if (customHost)
        headers['x-portkey-custom-host'] = customHost;
    return headers;
}
async function chatCheck(config, route, service, { secrets, signal }, seams) {
    const { model, provider } = config.chat;
    const path = '/v1/chat/completions';
    const request = {
        method: 'POST',
        path,
        headers: chatHeaders(config, route.via),
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Reply with the single word: ok' }] }),
    };
    const what = `Chat completion with ${model} via ${provider}`;
    const target = route.describe(service);
    const base = { check: 'chat', via: route.via, request: `POST ${path}`, target, attempts: 1 };
    let attempt;
    try {
        attempt = await timed(seams, (s) => route.send(service, { ...request, signal: s }), CHAT_TIMEOUT_MS, signal);
    }
    catch (error) {
        (0,poll/* throwIfCancelled */.dZ)(signal);
        const refused = error;
        const message = secrets.redact(refused.message);
        return { ...base, status: 'failed', httpCode: 0, latencyMs: 0, message, refusal: { message, ...refused.details } };
    }
    if (!attempt.ok) {
        return {
            ...base,
            status: 'failed',
            httpCode: 0,
            latencyMs: attempt.latencyMs,
            message: `${what} on ${target} got no answer: ${attempt.error}.`,
        };
    }
    const refused = route.refusal(service, request, attempt.value);
    const { status: httpCode, body: answer } = attempt.value;
    if (refused) {
        const message = secrets.redact(refused.message);
        return {
            ...base,
            status: 'failed',
            httpCode,
            latencyMs: attempt.latencyMs,
            message,
            refusal: { message, input: refused.details.input, hint: refused.details.hint },
        };
    }
    const parsed = parseJson(answer);
    if (httpCode >= 200 && httpCode < 300 && parsed?.choices?.[0]?.message) {
        return {
            ...base,
            status: 'passed',
            httpCode,
            latencyMs: attempt.latencyMs,
            message: `${what} on ${target} answered in ${attempt.latencyMs} ms.`,
        };
    }
    // Only the error's own message, keys removed: a provider may echo the request (and its key) back.
    // The gateway's own refusals are `{status: 'failure', message}`.
    const reason = typeof parsed?.error?.message === 'string'
        ? safeSnippet(parsed.error.message, secrets)
        : typeof parsed?.message === 'string'
            ? safeSnippet(parsed.message, secrets)
            : (route.relayError(attempt.value) ?? 'no choices[0].message in the answer');
    return {
        ...base,
        status: 'failed',
        httpCode,
        latencyMs: attempt.latencyMs,
        message: `${what} on ${target} failed with ${httpCode}: ${safeSnippet(reason, secrets, 300)}.`,
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
/** How the in-cluster route names the gateway Service, for a check that never went. */
function describeClusterTarget(address, namespace) {
    return `Service ${namespace}/${address.service.name}:${address.service.port} through the API server`;
}
/** An unanswered runner check where the address filter is the likely reason: skipped, not failed. */
function settleUnsure(result, reach) {
    if (reach.kind !== 'unsure' || result.status !== 'failed' || result.httpCode !== 0)
        return result;
    return { ...result, status: 'skipped', message: `${result.message} Not counted as a failure: ${reach.why}.` };
}
/** Runs the checks the request asks for and says in the log how they went. */
async function runSmokeTest(request, context, seams) {
    const result = await check(request, context, seams);
    for (const c of result.checks) {
        runner/* info */.pq(`${c.check} check from the ${c.via === 'cluster' ? 'cluster' : 'runner'}: ${c.status}: ${c.message}`);
    }
    runner/* info */.pq(`Smoke test ${result.status}.`);
    return result;
}
async function check(request, context, seams) {
    const { config, address } = request;
    const from = config.from ?? 'cluster';
    const wantsCluster = from !== 'runner';
    const wantsRunner = from !== 'cluster' || !!config.url;
    const expected = { status: config.expectedStatus, body: config.expectedBody };
    const checks = [];
    let proxy;
    const cluster = () => {
        if (!request.session)
            throw new Error('The in-cluster smoke test needs the cluster session.');
        proxy ??= (0,service_proxy/* serviceProxy */.uK)(request.session, seams, context.secrets);
        return clusterRoute(proxy, request.namespace, address);
    };
    // The runner's way: the smoke-test-url, else the published address (a ClusterIP Service has none).
    const runnerUrl = config.url || address.url;
    // An in-cluster MCP URL (a ClusterIP MCP Service) is no way for the runner.
    const mcpInCluster = address.mcpUrl?.includes('.svc.cluster.local');
    const runnerMcpUrl = !config.url && !mcpInCluster ? address.mcpUrl : undefined;
    const runnerWay = runnerRoute(runnerUrl, runnerMcpUrl, seams);
    const reach = wantsRunner
        ? await runnerReach({
            address,
            explicitUrl: !!config.url,
            allowedIpRanges: request.allowedIpRanges,
            localAddressFor: seams.localAddressFor ?? localAddressFor,
        })
        : { kind: 'try' };
    const health = (route) => healthCheck('health', route, address.service, config.path, expected, config.timeoutSeconds, context, seams);
    const [clusterHealth, runnerHealth] = await Promise.all([
        wantsCluster ? health(cluster()) : undefined,
        !wantsRunner
            ? undefined
            : reach.kind === 'skip'
                ? skipped('health', 'runner', `GET ${config.path}`, runnerUrl, `Skipped: ${reach.why}.`)
                : health(runnerWay).then((r) => settleUnsure(r, reach)),
    ]);
    let fromCluster = clusterHealth;
    if (!wantsCluster && runnerHealth?.status === 'skipped') {
        // Nothing proved the gateway healthy: ask from inside the cluster instead.
        runner/* info */.pq(`The runner cannot reach the gateway (${runnerHealth.message}); checking from inside the cluster instead.`);
        fromCluster = await health(cluster());
    }
    if (runnerHealth)
        checks.push(runnerHealth);
    if (fromCluster)
        checks.unshift(fromCluster);
    const passed = (r) => r?.status === 'passed';
    if (address.mcpService) {
        const mcpExpected = { status: 200, body: '' };
        if (passed(fromCluster)) {
            checks.push(await healthCheck('mcp', cluster(), 'mcp', MCP_HEALTH_PATH, mcpExpected, config.timeoutSeconds, context, seams));
        }
        if (passed(runnerHealth) && runnerMcpUrl) {
            checks.push(await healthCheck('mcp', runnerWay, 'mcp', MCP_HEALTH_PATH, mcpExpected, config.timeoutSeconds, context, seams));
        }
    }
    let chat;
    if (config.chat.model && checks.every((c) => c.status !== 'failed')) {
        // One chat completion, over the first route that can carry it where the credentials travel over TLS (or the
        // user allowed otherwise).
        const passedRoutes = [passed(fromCluster) ? cluster() : undefined, passed(runnerHealth) ? runnerWay : undefined];
        const carrying = passedRoutes.filter((r) => !!r?.carriesHeaders);
        const route = carrying.find((r) => r.secure || config.allowInsecureTransport);
        if (route)
            chat = await chatCheck(config, route, address.service, context, seams);
        else {
            const why = carrying.length
                ? 'Not sent: the smoke test sends the provider and Portkey API keys only over TLS, and the only way to the ' +
                    `gateway here is plain HTTP (${carrying.map((r) => (r === runnerWay ? runnerUrl : proxy?.server)).join(', ')}). ` +
                    'Check from the cluster (smoke-test-from: cluster or both) over an https API server, give an https ' +
                    "smoke-test-url, or set allow-insecure-transport: 'true' if that network is yours."
                : `Not sent: from inside the cluster the gateway is asked by kubectl through ${proxy?.server}, which cannot ` +
                    "send the chat completion's headers. Give a smoke-test-url this runner reaches (or smoke-test-from: " +
                    'both on a runner in the network) to send it from the runner.';
            runner/* warning */.$e(`The smoke test's chat completion was ${why.charAt(0).toLowerCase()}${why.slice(1)}`);
            const via = passed(fromCluster) ? 'cluster' : 'runner';
            const where = via === 'cluster' ? describeClusterTarget(address, request.namespace) : runnerUrl;
            chat = skipped('chat', via, 'POST /v1/chat/completions', where, why);
        }
        checks.push(chat);
    }
    const primary = checks.find((c) => c.check === 'health' && c.status !== 'skipped') ?? checks[0];
    const failed = checks.some((c) => c.status === 'failed');
    return {
        status: failed ? 'failed' : 'passed',
        httpCode: primary?.httpCode ?? 0,
        latencyMs: primary?.latencyMs ?? 0,
        attempts: primary?.attempts ?? 0,
        url: primary ? `${primary.request} on ${primary.target}` : '',
        checks,
        chat: chat && chat.status !== 'skipped'
            ? { status: chat.status, httpCode: chat.httpCode, latencyMs: chat.latencyMs, message: chat.message }
            : undefined,
        message: checks.map((c) => `${c.status === 'passed' ? '' : `[${c.status}] `}${c.message}`).join(' '),
    };
}
/** The error a failed smoke test becomes, naming the input that points at what failed. */
function smokeTestError(result) {
    const failed = result.checks.find((c) => c.status === 'failed');
    const runnerSkipped = result.checks.find((c) => c.via === 'runner' && c.check === 'health' && c.status === 'skipped');
    if (failed?.refusal && runnerSkipped) {
        // smoke-test-from: runner, whose fallback was refused: neither way could check the gateway.
        return new errors/* ActionError */.l(`The smoke test could check the gateway neither from the runner (${runnerSkipped.message.replace(/^Skipped: /, '').replace(/\.$/, '')}) nor from inside the cluster: ${failed.refusal.message}`, {
            input: failed.refusal.input,
            hint: 'Let the runner reach the gateway (allowed-ip-ranges must include its address: a self-hosted runner in ' +
                'your network, or a smoke-test-url it can reach), or grant the in-cluster check its permission. ' +
                (failed.refusal.hint ?? ''),
        });
    }
    if (failed?.refusal) {
        return new errors/* ActionError */.l(failed.refusal.message, { input: failed.refusal.input, hint: failed.refusal.hint });
    }
    const from = failed?.via === 'runner' ? ' from the runner' : failed ? ' from inside the cluster' : '';
    if (failed?.check === 'chat') {
        return new errors/* ActionError */.l(`The smoke test's chat completion failed${from}: ${failed.message}`, {
            input: 'smoke-test-chat-model',
            hint: 'The gateway answers but could not complete a chat: check smoke-test-provider, smoke-test-provider-key, ' +
                'smoke-test-portkey-api-key and smoke-test-chat-model, and that the gateway reaches the provider.',
        });
    }
    if (failed?.check === 'mcp') {
        return new errors/* ActionError */.l(`The smoke test's MCP gateway check failed${from}: ${failed.message}`, {
            input: 'server-mode',
            hint: `The MCP gateway (SERVER_MODE all or mcp) did not answer GET ${MCP_HEALTH_PATH} on its port: check mcp-port, mcp-service and the gateway pods' logs.`,
        });
    }
    // The rollout had passed: a Service with no endpoint then has no pod to send to, which no path would change.
    if (failed && failed.via !== 'runner' && /no endpoints available/i.test(failed.message)) {
        return new errors/* ActionError */.l(`The smoke test failed${from}: ${failed.message}`, {
            input: 'replicas',
            hint: "No pod stood behind the gateway's Service. With replicas (or replicaCount in the values) at 0 there is " +
                "nothing to test: scale it up, or set smoke-test: 'false' to deploy the gateway scaled to zero. Otherwise " +
                "the pods' labels do not match the Service's selector (kubectl get pods,endpoints in the namespace).",
        });
    }
    const hint = failed?.via === 'runner'
        ? 'The gateway did not answer the runner as expected: check that the load balancer lets the runner in ' +
            '(allowed-ip-ranges, an internal load balancer, a firewall), or check from the cluster only ' +
            '(smoke-test-from: cluster). Adjust smoke-test-path / smoke-test-expected-status / smoke-test-url if needed.'
        : "Check the gateway pods' logs, or adjust smoke-test-path / smoke-test-expected-status / smoke-test-expected-body.";
    return new errors/* ActionError */.l(`The smoke test failed${from}: ${failed?.message ?? result.message}`, {
        input: 'smoke-test-path',
        hint,
    });
}


/***/ }),

/***/ 3338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ removeWorkspace),
/* harmony export */   s: () => (/* binding */ createWorkspace)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
// One private folder under RUNNER_TEMP for every file the action writes (kubeconfig, values, helm config, the plan),
// so the post step can remove all of them by deleting one folder. The folder gets a random name and mode 0700 when
// it is made; every file in it is created exclusively (`wx`: a file or link already at that path is an error, never
// followed) with mode 0600, so nothing planted at a name the action uses is written through or read as ours.




const randomName = (prefix, extension = '') => `${prefix}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(12).toString('hex')}${extension}`;
async function createExclusively(file, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(file, content, { mode: 0o600, flag: 'wx' });
    return file;
}
async function createWorkspace(runnerTemp = process.env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir()) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3__.join(runnerTemp, 'portkey-azure-deploy-'));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(dir, 0o700);
    return {
        dir,
        async writePrivateFile(name, content) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, name);
            const fresh = await createExclusively(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, randomName(`.${name}`)), content);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(fresh, file);
            return file;
        },
        createPrivateFile: (prefix, extension, content) => createExclusively(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, randomName(prefix, extension)), content),
    };
}
async function removeWorkspace(dir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
}


/***/ })

};

//# sourceMappingURL=454.index.js.map