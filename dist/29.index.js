export const id = 29;
export const ids = [29];
export const modules = {

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

/***/ 9011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ INPUT_DEFAULTS),
/* harmony export */   p: () => (/* binding */ SECRET_INPUTS)
/* harmony export */ });
// The defaults action.yml declares, kept here because they matter twice: a runner applies them, but a named input
// still at its default ranks below the user's values files (see src/values/), so we must know what "default" is.
// __tests__/inputs/defaults.test.ts keeps this table and action.yml in step.
const INPUT_DEFAULTS = {
    command: 'deploy',
    'allow-insecure-transport': 'false',
    environment: 'AzureCloud',
    admin: 'false',
    'allow-kubeconfig-exec': 'false',
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
    'allow-chart-version-range': 'false',
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
    'smoke-test-from': 'cluster',
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
/* harmony export */   BQ: () => (/* binding */ parseHostName),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   GN: () => (/* binding */ parseCidr),
/* harmony export */   HU: () => (/* binding */ parseChoice),
/* harmony export */   cG: () => (/* binding */ parseInteger),
/* harmony export */   f$: () => (/* binding */ parseHttpUrl),
/* harmony export */   mR: () => (/* binding */ parseToolVersion),
/* harmony export */   o9: () => (/* binding */ InvalidInput),
/* harmony export */   pz: () => (/* binding */ parsePort),
/* harmony export */   ry: () => (/* binding */ splitList),
/* harmony export */   tz: () => (/* binding */ parseSha256),
/* harmony export */   yG: () => (/* binding */ parseBoolean)
/* harmony export */ });
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


/***/ }),

/***/ 5029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/inputs/scalars.ts
var scalars = __webpack_require__(4964);
;// CONCATENATED MODULE: ./src/inputs/chart-source.ts

function classifyChart(chart, repositoryUrl, isDirectory) {
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

// EXTERNAL MODULE: ./src/inputs/defaults.ts
var defaults = __webpack_require__(9011);
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

// EXTERNAL MODULE: ./src/inputs/key-path.ts
var key_path = __webpack_require__(4804);
;// CONCATENATED MODULE: ./src/inputs/image.ts
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
    const bad = (why) => new scalars/* InvalidInput */.o9(`${quote(raw)} is not an image repository: ${why}. Write it like myregistry.azurecr.io/portkey/gateway.`);
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
    throw new scalars/* InvalidInput */.o9(`${quote(raw)} is not an image tag: use letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters (like 2.13.0).`);
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/secrets/index.ts + 7 modules
var src_secrets = __webpack_require__(2840);
;// CONCATENATED MODULE: ./src/inputs/kubeconfig.ts
// The `kubeconfig` input: the file's content or its path. Everything secret in it is returned for masking,
// even when the content turns out not to be a kubeconfig (the caller masks first, then reports), and so is every
// program its users run to get credentials (exec, auth-provider): helm and kubectl would run it on every call.



/** The values under secret names anywhere in the users: tokens, passwords, client keys, auth-provider secrets. */
function credentialsIn(node, key = '') {
    if (typeof node === 'string')
        return (0,src_secrets/* isSecretName */.eh)(key) && node ? [node] : [];
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
/** The values the args carry after a secret flag (`--client-secret x`, `--token=x`), and the args with them hidden. */
function secretArgs(args) {
    const list = Array.isArray(args) ? args.map(String) : [];
    const secrets = [];
    const shown = list.map((arg, i) => {
        const [flag, ...value] = arg.split('=');
        // An exec flag or env entry that carries a secret: masked, and its value never repeated in the refusal.
        if (/^-/.test(arg) && value.length > 0 && (0,src_secrets/* isSecretName */.eh)(flag)) {
            secrets.push(value.join('='));
            return `${flag}=***`;
        }
        const previous = list[i - 1] ?? '';
        if (!/^-/.test(previous) || previous.includes('=') || !(0,src_secrets/* isSecretName */.eh)(previous))
            return arg;
        secrets.push(arg);
        return '***';
    });
    return { shown, secrets };
}
/** `cmd arg…` as it would run, the values of secret-looking flags replaced by ***. */
const commandLine = (command, args) => [String(command), ...secretArgs(args).shown].join(' ');
/** An auth-provider's `cmd-args`, one string in the kubeconfig, as the arguments it runs with. */
const providerArgs = (user) => String(user?.['auth-provider']?.config?.['cmd-args'] ?? '')
    .split(/\s+/)
    .filter(Boolean);
/**
 * An allowed credential program's own secrets: the values of its secret flags (exec or auth-provider) and of its
 * secret-named `env` entries.
 */
function execSecrets(users) {
    return (Array.isArray(users) ? users : []).flatMap(({ user }) => {
        const env = Array.isArray(user?.exec?.env) ? user.exec.env : [];
        return [
            ...secretArgs(user?.exec?.args).secrets,
            ...secretArgs(providerArgs(user)).secrets,
            ...env.flatMap(({ name, value }) => ((0,src_secrets/* isSecretName */.eh)(String(name)) && value ? [String(value)] : [])),
        ];
    });
}
function credentialPrograms(users) {
    return (Array.isArray(users) ? users : []).flatMap(({ name, user }) => {
        const who = `user ${JSON.stringify(String(name ?? ''))}`;
        const programs = [];
        if (user?.exec)
            programs.push(`${who} runs \`${commandLine(user.exec.command, user.exec.args)}\` (exec)`);
        const provider = user?.['auth-provider'];
        if (provider) {
            const cmd = provider.config?.['cmd-path'];
            const runs = cmd ? ` and runs \`${commandLine(cmd, providerArgs(user))}\`` : '';
            programs.push(`${who} uses the auth-provider \`${String(provider.name ?? '')}\`${runs}`);
        }
        return programs;
    });
}
function readKubeconfig(raw, readFile) {
    const looksLikeContent = raw.includes('\n') || /^\s*(\{|apiVersion\s*:|kind\s*:|clusters\s*:)/.test(raw);
    let content = raw;
    if (!looksLikeContent) {
        try {
            content = readFile(raw);
        }
        catch {
            throw new scalars/* InvalidInput */.o9('is neither a kubeconfig nor the path of a readable file.');
        }
    }
    const parsed = parseQuietly(content);
    if (!parsed || typeof parsed !== 'object' || !('clusters' in parsed)) {
        return {
            content,
            secrets: [content],
            problem: 'is not a kubeconfig (YAML with clusters, users and contexts).',
            credentialPrograms: [],
        };
    }
    const users = parsed.users;
    return {
        content,
        secrets: [content, ...credentialsIn(users), ...execSecrets(users)],
        credentialPrograms: credentialPrograms(users),
    };
}

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
    return { path, type, raw, value };
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
            items.push(parseLine(line));
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

;// CONCATENATED MODULE: ./src/inputs/transport.ts
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
    const value = defaults/* INPUT_DEFAULTS */.W[name] ?? '';
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
        if ((0,src_secrets/* isSecretInput */.pX)(name) && name !== 'kubeconfig')
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
            if (!(error instanceof scalars/* InvalidInput */.o9))
                throw error;
            this.problem(name, error.message);
            return empty;
        }
    }
    bool = (name) => this.parse(name, scalars/* parseBoolean */.yG, false);
    seconds = (name, allowZero = false) => this.parse(name, (raw) => (0,scalars/* parseDuration */.E9)(raw, { allowZero }), 0);
    port = (name) => this.parse(name, scalars/* parsePort */.pz, 0);
    choice = (name, choices, options) => this.parse(name, (raw) => (0,scalars/* parseChoice */.HU)(raw, choices, options), choices[0]);
    url = (name, httpsOnly = false) => {
        this.maskCredentials(this.raw(name));
        return this.parse(name, (raw) => (0,scalars/* parseHttpUrl */.f$)(raw, { httpsOnly }), '');
    };
    /** Not a secret input, but a URL may carry a password (`https://user:pw@mirror/`, `rediss://:pw@host`) or a key. */
    maskCredentials(raw) {
        const found = (0,src_secrets/* embeddedSecrets */.uG)(raw);
        if (found.length > 0)
            this.secrets.add(raw, ...found);
    }
    /** A problem when the URL input is plain HTTP to another machine and insecure transport was not allowed. */
    secureUrl(name, what) {
        const problem = plainHttpProblem(this.raw(name));
        if (problem && !this.bool('allow-insecure-transport')) {
            this.problem(name, `${problem}: ${what} would cross the network unauthenticated; ${INSECURE_TRANSPORT_HINT}`);
        }
    }
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
            const fromRunner = defaults/* INPUT_DEFAULTS */.W[name] !== undefined && !literalDefault(name);
            return given !== '' && !fromRunner && given !== (defaults/* INPUT_DEFAULTS */.W[name] ?? '');
        });
    }
}
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** An exact chart version; a range (`>=1.0.0`, `^1.7`, `1.7.x`) only when the user opted into one. */
function parseChartVersion(raw, rangeAllowed) {
    if (EXACT_VERSION.test(raw) || rangeAllowed)
        return raw;
    throw new scalars/* InvalidInput */.o9(`${JSON.stringify(raw)} is not an exact version: helm would deploy the newest chart that matches it, one nobody tested. Give a version like 1.7.7, or set \`allow-chart-version-range: 'true'\` to deploy the newest match on purpose.`);
}
function readChart(input) {
    const chart = input.raw('chart');
    const repositoryUrl = input.url('chart-repository');
    let source = { kind: 'repository', repositoryUrl, name: chart };
    try {
        source = classifyChart(chart, repositoryUrl, isDirectory);
    }
    catch (error) {
        if (!(error instanceof scalars/* InvalidInput */.o9))
            throw error;
        input.problem('chart', error.message);
    }
    if (source.kind === 'repository')
        input.secureUrl('chart-repository', 'the chart helm renders and deploys');
    const rangeAllowed = input.bool('allow-chart-version-range');
    return {
        source,
        version: source.kind === 'local' ? '' : input.parse('chart-version', (raw) => parseChartVersion(raw, rangeAllowed), ''),
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
    input.maskCredentials(redisUrl);
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
    const hostName = (name) => input.parse(name, scalars/* parseHostName */.BQ, '');
    const service = readService(input);
    return {
        clientAuth: input.raw('portkey-client-auth'),
        organisationsToSync: (0,scalars/* splitList */.ry)(input.raw('organisations-to-sync')).join(','),
        serviceName: input.raw('service-name'),
        gatewayImageRepository: input.parse('gateway-image-repository', parseImageRepository, ''),
        gatewayImageTag: input.parse('gateway-image-tag', parseImageTag, ''),
        replicas: input.parse('replicas', (raw) => (0,scalars/* parseInteger */.cG)(raw, 0, 1000), undefined),
        registry,
        imagePullSecret,
        serviceAccountName,
        createServiceAccount,
        serverMode: serverMode === 'gateway' ? '' : serverMode,
        mcpPort: input.port('mcp-port'),
        mcpGatewayBaseUrl: input.raw('mcp-gateway-base-url'),
        mcpService: input.bool('mcp-service'),
        ...service,
        servicePort: input.port('service-port'),
        containerPort: input.port('container-port'),
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
/** The Service and its load balancer, refusing settings that contradict each other (the chart would drop one). */
function readService(input) {
    const service = {
        serviceType: input.choice('service-type', ['LoadBalancer', 'ClusterIP', 'NodePort']),
        loadBalancer: input.choice('load-balancer', ['public', 'internal']),
        allowedIpRanges: input.parse('allowed-ip-ranges', (raw) => (0,scalars/* splitList */.ry)(raw).map(scalars/* parseCidr */.GN), []),
        staticIpName: input.raw('static-ip-name'),
        staticIpResourceGroup: input.raw('static-ip-resource-group'),
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
    const execAllowed = input.bool('allow-kubeconfig-exec');
    const raw = input.raw('kubeconfig');
    if (!raw)
        return '';
    try {
        const kubeconfig = readKubeconfig(raw, (path) => (0,external_node_fs_.readFileSync)(path, 'utf8'));
        input.secrets.add(...kubeconfig.secrets);
        if (kubeconfig.problem)
            input.problem('kubeconfig', kubeconfig.problem);
        if (!execAllowed) {
            for (const program of kubeconfig.credentialPrograms) {
                input.problem('kubeconfig', `${program} to get its credentials, which helm and kubectl would do on every call, with the runner's permissions: refused. Give a kubeconfig whose user holds a token or a client certificate, or set \`allow-kubeconfig-exec: 'true'\` if you trust that program.`);
            }
        }
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
            throw new scalars/* InvalidInput */.o9(`${JSON.stringify(raw)} is not a GUID (xxxxxxxx-xxxx-...).`);
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
                version: input.parse('helm-version', scalars/* parseToolVersion */.mR, ''),
                downloadBaseUrl: input.url('helm-download-url'),
                sha256: input.parse('helm-sha256', scalars/* parseSha256 */.tz, ''),
            },
            kubectl: {
                version: input.parse('kubectl-version', scalars/* parseToolVersion */.mR, ''),
                downloadBaseUrl: input.url('kubectl-download-url'),
                sha256: input.parse('kubectl-sha256', scalars/* parseSha256 */.tz, ''),
            },
        },
        chart: readChart(input),
        values: {
            files: (0,scalars/* splitList */.ry)(input.raw('values-files')),
            inline: input.raw('values'),
            set: input.lines('set', parseSetLines).lines,
            secretPaths: input.lines('secret-values', (raw) => parseEachLine(raw, key_path/* parseKeyPath */._q)).items,
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
            from: input.choice('smoke-test-from', ['cluster', 'runner', 'both']),
            url: input.url('smoke-test-url'),
            path: input.parse('smoke-test-path', (raw) => {
                if (!raw.startsWith('/'))
                    throw new scalars/* InvalidInput */.o9(`${JSON.stringify(raw)} must start with '/'.`);
                return raw;
            }, '/'),
            expectedStatus: input.parse('smoke-test-expected-status', (raw) => (0,scalars/* parseInteger */.cG)(raw, 100, 599), 200),
            expectedBody: input.raw('smoke-test-expected-body'),
            timeoutSeconds: input.seconds('smoke-test-timeout'),
            chat: {
                model: input.raw('smoke-test-chat-model'),
                provider: input.raw('smoke-test-provider'),
                providerKey: input.raw('smoke-test-provider-key'),
                portkeyApiKey: input.raw('smoke-test-portkey-api-key'),
                customHost: input.url('smoke-test-custom-host'),
            },
            allowInsecureTransport: input.bool('allow-insecure-transport'),
        },
        github: readGitHubDeployment(input),
    };
    input.secureUrl('helm-download-url', 'the helm binary that will hold the cluster credentials');
    input.secureUrl('kubectl-download-url', 'the kubectl binary that will hold the cluster credentials');
    // The smoke test's own keys need no check here: they travel only over TLS (the API server, or an https URL), and a
    // plain-HTTP smoke-test-url only gets the health check. The gateway, though, sends the provider key to custom-host.
    const { providerKey } = config.smokeTest.chat;
    if (providerKey && config.smokeTest.chat.customHost) {
        input.secureUrl('smoke-test-custom-host', 'smoke-test-provider-key, which the gateway sends to it,');
    }
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

// EXTERNAL MODULE: ./src/report/outcome.ts
var report_outcome = __webpack_require__(5066);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/github/run.ts
var github_run = __webpack_require__(1738);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/plan-section.ts
var plan_section = __webpack_require__(4901);
;// CONCATENATED MODULE: ./src/report/summary.ts
// The job summary, in the order a person reads it: on failure what failed, which input, what to do and the evidence
// come first; then the release and where it runs, its endpoints, workloads, checks, timings and warnings. Every text
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
    if (r.rolledBackTo !== undefined)
        items.push(['Rolled back to', `revision ${r.rolledBackTo}`]);
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
const VERDICT = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' };
function checks(o) {
    const s = o.smokeTest;
    if (!s)
        return '### Checks\n\nThe smoke test was skipped (`smoke-test: false`).';
    const rows = s.checks.map((c) => [
        CHECK[c.check],
        FROM[c.via],
        `${(0,markdown/* plain */.pj)(c.request)} on ${(0,markdown/* plain */.pj)(c.target)}`,
        VERDICT[c.status],
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
const bullets = (lines) => lines.map((line) => `- ${(0,markdown/* inline */.mG)(line.replace(/\s*\n\s*/g, ' '))}`).join('\n');
function formatSummary(o, options = {}) {
    const env = options.env ?? process.env;
    const sections = [headline(o)];
    if (o.error)
        sections.push(failure(o.error));
    sections.push(release(o, env) ?? '');
    if (o.address)
        sections.push(endpoints(o.address));
    if (o.plan)
        sections.push((0,plan_section/* planSection */.l)(o.plan));
    if (o.workloads?.length)
        sections.push(`### Workloads\n\n${bullets(o.workloads)}`);
    if (o.command === 'deploy' && (o.smokeTest || o.succeeded))
        sections.push(checks(o));
    if (o.stages.length)
        sections.push(timings(o));
    if (o.warnings.length)
        sections.push(`### Warnings\n\n${bullets(o.warnings)}`);
    return `${sections.filter(Boolean).join('\n\n')}\n`;
}
async function writeSummary(o, outbound, options = {}) {
    await outbound.summary(o, (redacted) => formatSummary(redacted, options));
}

;// CONCATENATED MODULE: ./src/report/finish.ts
// The end of every run, whatever happened: the failure told the way a workflow author reads it (the message, the
// input, what to do, the diagnosis in its own log group), then every output and the job summary.





async function recordFailure(outcome, error) {
    const failure = outcome.failed(error);
    // Pod events and logs: text that is not ours.
    if (failure.diagnosis)
        await core/* group */.Os('Diagnosis', async () => (0,src_secrets/* printForeign */.Qr)(failure.diagnosis));
    core/* setFailed */.C1([failure.message, failure.input && `Input: \`${failure.input}\``, failure.hint && `What to do: ${failure.hint}`]
        .filter(Boolean)
        .join('\n'));
}
async function publishReport(outcome, outbound) {
    const current = outcome.current;
    (0,outputs/* publishOutputs */.eB)(current, outbound);
    await writeSummary(current, outbound).catch((error) => core/* warning */.$e(`Could not write the job summary: ${(0,report_outcome/* describeFailure */.Ic)(error).message}`));
}

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
    const cancellation = cancelOnSignals();
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
            Promise.all(/* import() */[__webpack_require__.e(805), __webpack_require__.e(496), __webpack_require__.e(385)]).then(__webpack_require__.bind(__webpack_require__, 1385)),
            __webpack_require__.e(/* import() */ 496).then(__webpack_require__.bind(__webpack_require__, 8496)),
        ]);
        const signal = cancellation.signal;
        const current = { config, workspace, outcome, timer, secrets, outbound, cancelled: signal, seams };
        await trackGitHubDeployment({ config, outcome, seams, secrets, cancelled: signal, stage: (name, fn) => (0,stage/* stage */.d)(current, name, fn) }, (beforeChanges) => COMMANDS[config.command]({ ...current, beforeChanges }));
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
    /** Records the failure (and what the deploy stage restored after it) and returns it as the outcome keeps it. */
    failed(error) {
        const failure = describeFailure(error);
        this.outcome.error = failure;
        this.outcome.release.rolledBackTo = failure.recovery?.restoredRevision;
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
/* harmony export */   l: () => (/* binding */ planSection)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4285);

const ACTION_WORDS = { add: 'to add', change: 'to change', remove: 'to remove' };
function secretKeyLine(keys) {
    const parts = [
        keys.added.length && `added ${keys.added.join(', ')}`,
        keys.changed.length && `changed ${keys.changed.join(', ')}`,
        keys.removed.length && `removed ${keys.removed.join(', ')}`,
    ].filter(Boolean);
    return `Secret keys ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .plain */ .pj)(parts.join('; '))} (values not shown).`;
}
function planSection(plan) {
    const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'nothing deployed yet';
    const parts = [`### Plan: ${plan.headline}`, `Against ${against} of release ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(plan.release.name)}.`];
    for (const change of plan.resources) {
        const body = [change.secretKeys && secretKeyLine(change.secretKeys), change.diff && (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .fenced */ .OF)(change.diff, 'diff')];
        parts.push([
            `<details><summary>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(change.resource)} ${ACTION_WORDS[change.action]}</summary>`,
            ...body.filter(Boolean),
            '</details>',
        ].join('\n\n'));
    }
    if (plan.values.length) {
        const shown = (secret, text) => (secret ? 'secret' : text ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(text) : 'none');
        const rows = plan.values.map((value) => [
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(value.key),
            value.action,
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .plain */ .pj)(value.source ?? 'removed'),
            shown(value.secret, value.before),
            shown(value.secret, value.after),
        ]);
        parts.push((0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .table */ .tp)(['Value', 'Change', 'From', 'Before', 'After'], rows));
    }
    return parts.join('\n\n');
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
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6058);
// The only doors to the outside world. Stages receive a `Seams` object, so tests can swap any of these
// for a fake and assert on exactly what would have been sent or run.





/** node:https with per-request TLS settings: fetch cannot take a CA or client certificate for one request. */
function sendWithTls(request) {
    if (!request.url.startsWith('https:'))
        return Promise.reject(new Error(`TLS settings need an https URL, not ${request.url}`));
    const { ca, cert, key, insecure, servername } = request.tls;
    return new Promise((resolve, reject) => {
        const req = (0,node_https__WEBPACK_IMPORTED_MODULE_1__.request)(request.url, {
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
        _actions_core__WEBPACK_IMPORTED_MODULE_4__/* .debug */ .Yz(`child-process ${node_path__WEBPACK_IMPORTED_MODULE_3__.basename(file)} ${args[0] ?? ''} exited ${code ?? signal} after ${Date.now() - started} ms`);
        resolve({ exitCode: code ?? (signal ? 130 : 1), stdout, stderr });
    });
    // A child that exits without reading its stdin closes the pipe under us (EPIPE): its exit code tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
});
const realSeams = {
    http: sendHttp,
    run: runProcess,
    sleep: (ms, signal) => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_2__.setTimeout)(ms, undefined, { signal }),
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
/** How @actions/core escapes the data of a workflow command (`::error::`, `::warning::`): the log shows it so. */
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

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/secrets/log.ts
// The log: every write to the standard streams goes through the run's redaction, and text that is not ours (values,
// rendered manifests, helm's and kubectl's output, an API's answer, a pod's events) is printed inside a
// `::stop-commands::` fence. The runner acts on any line that starts with `::` (after leading spaces), so without the
// fence a values string holding "\n::warning::…" or "\n::set-output …" would issue workflow commands. It also still
// reads the old `##[command]` form anywhere in a line, which the toolkit never writes: every write has it broken
// (`##\u200b[`), so one of our own lines quoting an outside value cannot carry one either. Our own workflow commands
// (core.warning, core.error, core.group) escape their data into one line: they need no fence.



/** While SecretSet registers a mask, the command carrying it must reach the runner as it is. */
let registeringMask = false;
/** The redaction redactStandardStreams installed: the fence's token must survive it unchanged. */
let installed = { redact: (text) => text };
/** core.setSecret, let through the redacting streams. */
function registerMask(value) {
    registeringMask = true;
    try {
        core/* setSecret */.Pq(value);
    }
    finally {
        registeringMask = false;
    }
}
/** The old command form, `##[set-output name=x]y`, which the runner finds anywhere in a line. */
const OLD_COMMAND = /##\[/g;
const breakOldCommands = (text) => text.replace(OLD_COMMAND, '##\u200b[');
/**
 * From now on every write to the streams (the log, where @actions/core prints, and whatever helm or kubectl output
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
    setOutput: (name, value) => core/* setOutput */.uH(name, value),
    writeSummary: async (markdown) => {
        await core/* summary */.z.addRaw(markdown, true).write();
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

// EXTERNAL MODULE: ./src/inputs/defaults.ts
var defaults = __webpack_require__(9011);
;// CONCATENATED MODULE: ./src/secrets/secret-inputs.ts
// Which inputs hold secrets: the inputs stage declares it, and this is the one place the rest of the action asks.

/** Whether the input's value is a secret, to be masked the moment it is read. */
const isSecretInput = (name) => defaults/* SECRET_INPUTS */.p.includes(name);

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
/** Whether a name says its value is a secret. */
function isSecretName(name) {
    const words = keyWords(name);
    const last = words[words.length - 1];
    if (words.includes('connection') && ['string', 'str', 'url', 'uri'].includes(last))
        return true;
    if (words[0] === 'existing' || DESCRIBING_WORDS.has(last))
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
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
// A stage of a run: timed for the job summary, and in its own log group (groups do not nest in the Actions log).

const stage = (run, name, fn) => run.timer.time(name, () => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, fn));


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

//# sourceMappingURL=29.index.js.map