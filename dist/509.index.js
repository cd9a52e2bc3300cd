export const id = 509;
export const ids = [509];
export const modules = {

/***/ 2893:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   El: () => (/* binding */ parseArmError),
/* harmony export */   Ru: () => (/* binding */ grantRole),
/* harmony export */   wT: () => (/* binding */ explainArmFailure)
/* harmony export */ });
/* unused harmony exports clusterScope, credentialsOperation */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
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
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`AKS cluster ${cluster.clusterName} has local accounts disabled, so it has no admin credentials: ${message}`, {
            input: 'admin',
            hint: 'Set `admin: false` to use user credentials with Entra ID (the identity then needs Kubernetes RBAC on the namespace: "Azure Kubernetes Service RBAC Writer" or a role binding).',
        });
    }
    if (status === 401) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(what, {
            input: 'resource-manager-endpoint',
            hint: 'Resource Manager did not accept the access token. Check that `environment` (or `resource-manager-endpoint`) matches the cloud the tenant lives in.',
        });
    }
    if (status === 403)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(what, { input: 'client-id', hint: operation.forbidden(clientId, scope) });
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
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(what, { input, hint });
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(what, {
        hint: 'Resource Manager kept failing; re-run the job, and check https://azure.status.microsoft if it persists.',
    });
}


/***/ }),

/***/ 8688:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DN: () => (/* binding */ resultOperation),
/* harmony export */   KV: () => (/* binding */ COMMAND_NAMESPACE),
/* harmony export */   Ru: () => (/* binding */ explainCommandFailure),
/* harmony export */   YJ: () => (/* binding */ commandFailureReason),
/* harmony export */   aZ: () => (/* binding */ submitOperation),
/* harmony export */   kQ: () => (/* binding */ explainRunCommandRefusal),
/* harmony export */   yF: () => (/* binding */ truncatedOutputError)
/* harmony export */ });
/* unused harmony exports RUN_COMMAND_ACTION, COMMAND_RESULTS_ACTION, RUN_COMMAND_ROLE */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _arm_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2893);
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
    const { message } = (0,_arm_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .parseArmError */ .El)(body);
    if (status === 400 && DISABLED.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`runCommand is disabled on AKS cluster ${cluster.clusterName}: ${message}`, {
            input: 'private-cluster',
            hint: `Enable it (az aks update --resource-group ${cluster.resourceGroup} --name ${cluster.clusterName} ` +
                '--enable-run-command, which clears apiServerAccessProfile.disableRunCommand), or run this job on a ' +
                'self-hosted runner inside the cluster’s network with `private-cluster: false`.',
        });
    }
    return (0,_arm_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainArmFailure */ .wT)(status, body, cluster, clientId, operation);
}
const POD_NOT_STARTED = /KubernetesPerformanceError|did not start within|not (be )?scheduled|never started/i;
const POLICY = /gatekeeper|admission webhook|denied the request|azure[- ]policy/i;
/**
 * The failure of the command itself when AKS reports it as an error of its result rather than a failed state: the
 * az CLI shows `(KubernetesPerformanceError) …` and, for a pod that never reached Running, a 404 of the result.
 */
function commandFailureReason(status, body) {
    const { code, message } = (0,_arm_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .parseArmError */ .El)(body);
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
            error: new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`The runCommand pod did not start in time on AKS cluster ${cluster.clusterName}: ${said}`, {
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
            error: new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`Azure Policy blocks the runCommand pod in namespace ${COMMAND_NAMESPACE} of AKS cluster ${cluster.clusterName}: ${said}`, {
                input: 'private-cluster',
                hint: `Exempt namespace ${COMMAND_NAMESPACE} from the policy assignment that denies it (Policy > Assignments > ` +
                    'the assignment > Parameters > Namespace exclusions), or create a policy exemption for the cluster ' +
                    '(az policy exemption create --scope <cluster id> --policy-assignment <assignment id> ...).',
            }),
        };
    }
    return {
        retryable: false,
        error: new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`runCommand could not run the command on AKS cluster ${cluster.clusterName}: ${said}`, {
            hint: `Look at the pods and events in namespace ${COMMAND_NAMESPACE} of the cluster (the Azure portal's Run command works without network access) and run again.`,
        }),
    };
}
/** AKS keeps 512 kB of a command's output; what follows is gone. */
function truncatedOutputError(command, clusterName) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`The output of \`${command}\`, run through runCommand on AKS cluster ${clusterName}, was cut at AKS's 512 kB limit.`, {
        hint: 'The action reads releases and pods in pieces to stay below it; output this large usually means very many ' +
            'pods or events in the namespace. Run the job on a runner inside the cluster’s network with ' +
            '`private-cluster: false`, or clean up the namespace.',
    });
}


/***/ }),

/***/ 8509:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  remoteSession: () => (/* binding */ remoteSession)
});

// UNUSED EXPORTS: RunCommandCluster

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/azure/run-command-errors.ts
var run_command_errors = __webpack_require__(8688);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/helm/client.ts
var client = __webpack_require__(9493);
// EXTERNAL MODULE: ./src/tools/versions.ts
var versions = __webpack_require__(2578);
;// CONCATENATED MODULE: ./src/cluster/run-command/read-batch.ts
/** A result older than this is not handed out even within its round: the loop has moved on. */
const MAX_AGE_MS = 60_000;
const keyOf = (command) => JSON.stringify([command.tool, ...command.args]);
/** Aborted when every caller's signal is; a caller without one keeps the invocation going. */
function combined(signals) {
    return signals.every(Boolean) ? AbortSignal.any(signals) : undefined;
}
class ReadBatcher {
    execute;
    now;
    round = new Map();
    refreshing;
    waiting = [];
    constructor(execute, now) {
        this.execute = execute;
        this.now = now;
    }
    async run(command, signal) {
        const key = keyOf(command);
        for (;;) {
            // Another read's round may be under way; its answer may be this one.
            await this.refreshing?.catch(() => undefined);
            const entry = this.round.get(key);
            if (entry && !entry.used && this.now() - entry.at <= MAX_AGE_MS) {
                entry.used = true;
                return entry.result;
            }
            if (!entry || !entry.used)
                return this.soon(command, signal);
            this.refreshing ??= this.nextRound(signal).finally(() => (this.refreshing = undefined));
            await this.refreshing;
        }
    }
    /** Drops the current round: after a change to the cluster, none of it may be handed out. */
    forget() {
        this.round = new Map();
    }
    /** Runs a new read together with the others asked before the event loop moves on (independent awaits). */
    soon(command, signal) {
        return new Promise((resolve, reject) => {
            if (this.waiting.push({ command, signal, settle: { resolve, reject } }) === 1)
                setImmediate(() => this.flush());
        });
    }
    async flush() {
        const batch = this.waiting;
        this.waiting = [];
        try {
            const results = await this.execute(batch.map((w) => w.command), combined(batch.map((w) => w.signal)));
            const at = this.now();
            batch.forEach((w, i) => {
                this.round.set(keyOf(w.command), { command: w.command, result: results[i], used: true, at });
                w.settle.resolve(results[i]);
            });
        }
        catch (error) {
            for (const w of batch)
                w.settle.reject(error);
        }
    }
    /** Everything the last round used, read again at once. */
    async nextRound(signal) {
        const wanted = [...this.round.values()].filter((entry) => entry.used).map((entry) => entry.command);
        const results = await this.execute(wanted, signal);
        const at = this.now();
        this.round = new Map(wanted.map((command, i) => [keyOf(command), { command, result: results[i], used: false, at }]));
    }
}

;// CONCATENATED MODULE: ./src/cluster/run-command/script.ts
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;
/** One argument for a POSIX shell, quoted only when it needs to be. */
function shellQuote(arg) {
    return SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function commandText(command) {
    return [command.tool, ...command.args].map(shellQuote).join(' ');
}
/** How often the pod looks for the stop ConfigMap while helm runs. */
const STOP_POLL_SECONDS = 2;
function runOne(command, index, stop) {
    const files = `>.pk-out-${index} 2>.pk-err-${index} </dev/null`;
    if (!stop)
        return [`${commandText(command)} ${files}; pk_c=$?`];
    const configMap = `configmap ${shellQuote(stop.configMap)} -n ${shellQuote(stop.namespace)}`;
    return [
        // Not `( … ) &`: the signal must reach helm itself, not a subshell.
        `${commandText(command)} ${files} & pk_p=$!`,
        `while kill -0 "$pk_p" 2>/dev/null; do`,
        `  if kubectl get ${configMap} -o name >/dev/null 2>&1; then`,
        `    kill -TERM "$pk_p"; kubectl delete ${configMap} --ignore-not-found >/dev/null 2>&1; break`,
        `  fi`,
        `  sleep ${STOP_POLL_SECONDS}`,
        `done`,
        `wait "$pk_p"; pk_c=$?`,
    ];
}
/** The script for `commands`, run one after the other; `stop` applies to a single long command. */
function batchScript(commands, boundary, stop) {
    if (stop && commands.length !== 1)
        throw new Error('A stop signal watches exactly one command.');
    const lines = commands.flatMap((command, i) => [
        ...runOne(command, i, stop),
        `printf '\\n%s %d stdout %d\\n' '${boundary}' ${i} "$pk_c"; cat .pk-out-${i}`,
        `printf '\\n%s %d stderr\\n' '${boundary}' ${i}; cat .pk-err-${i}; rm -f .pk-out-${i} .pk-err-${i}`,
    ]);
    lines.push(`printf '\\n%s end\\n' '${boundary}'`);
    return lines.join('\n');
}
/** How long the stop keeps trying: a first install may not have created its namespace yet. */
const STOP_ATTEMPTS = 30;
/** Creates the stop ConfigMap a running script watches for (or finds it there already). */
function stopScript(stop) {
    const configMap = `configmap ${shellQuote(stop.configMap)} -n ${shellQuote(stop.namespace)}`;
    return [
        `i=0; while [ "$i" -lt ${STOP_ATTEMPTS} ]; do`,
        `  kubectl create ${configMap} >/dev/null 2>&1 || kubectl get ${configMap} -o name >/dev/null 2>&1 && exit 0`,
        `  i=$((i + 1)); sleep ${STOP_POLL_SECONDS}`,
        `done; exit 1`,
    ].join('\n');
}
/** Reads back what `batchScript` printed. */
function parseBatchOutput(logs, boundary, count) {
    const results = [];
    let complete = false;
    // Each boundary line starts at a line of its own: the script prints a newline before it.
    const sections = `\n${logs}`.split(`\n${boundary} `).slice(1);
    for (const section of sections) {
        const newline = section.indexOf('\n');
        const header = newline < 0 ? section : section.slice(0, newline);
        const body = newline < 0 ? '' : section.slice(newline + 1);
        if (header === 'end') {
            complete = true;
            break;
        }
        const stdout = /^(\d+) stdout (\d+)$/.exec(header);
        if (stdout && Number(stdout[1]) === results.length) {
            results.push({ exitCode: Number(stdout[2]), stdout: body, stderr: '' });
            continue;
        }
        const stderr = /^(\d+) stderr$/.exec(header);
        if (stderr && Number(stderr[1]) === results.length - 1)
            results[results.length - 1].stderr = body;
    }
    // Without the end line, the last command's output may stop anywhere: only the ones before it are whole.
    if (!complete)
        results.pop();
    return { complete: complete && results.length === count, results };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/cluster/run-command/zip.ts
// The `context` of an AKS runCommand: a zip of the files the command needs (the values file, the packaged chart),
// which AKS unpacks into the command's working directory. Node has no zip writer, and the files are small and
// mostly compressed already (a chart is a .tgz), so this writes a stored (uncompressed) zip: local headers, the
// central directory and its end record, as PKWARE's APPNOTE lays them out. Pure.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 1.0: stored entries need nothing newer. */
const VERSION_NEEDED = 10;
/** Made by Unix (3), spec 2.0, so the external attributes carry the file mode. */
const VERSION_MADE_BY = (3 << 8) | 20;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
/** 1980-01-01 00:00, the first MS-DOS date: the archive's bytes depend on the files alone. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const REGULAR_FILE = 0o100000;
/** The classic format's 16- and 32-bit fields; the context is a few hundred kilobytes, far below them. */
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;
function checkEntry(entry) {
    if (!entry.name || entry.name.startsWith('/') || entry.name.split('/').includes('..')) {
        throw new Error(`Not a relative path inside the archive: ${entry.name}`);
    }
}
/** The fields a local header and its central directory entry share, "version needed" to "name length", at `at`. */
function writeCommonFields(header, at, crc, size, nameLength) {
    header.writeUInt16LE(VERSION_NEEDED, at);
    header.writeUInt16LE(FLAGS, at + 2);
    header.writeUInt16LE(0, at + 4); // stored
    header.writeUInt16LE(DOS_TIME, at + 6);
    header.writeUInt16LE(DOS_DATE, at + 8);
    header.writeUInt32LE(crc, at + 10);
    header.writeUInt32LE(size, at + 14); // compressed
    header.writeUInt32LE(size, at + 18); // uncompressed
    header.writeUInt16LE(nameLength, at + 22);
}
/** The zip file holding `entries`, in their order. */
function storedZip(entries) {
    if (entries.length > MAX_ENTRIES)
        throw new Error(`Too many files for a zip without ZIP64: ${entries.length}`);
    const locals = [];
    const centrals = [];
    let offset = 0;
    for (const entry of entries) {
        checkEntry(entry);
        const name = Buffer.from(entry.name, 'utf8');
        const size = entry.data.length;
        if (size > MAX_BYTES || offset > MAX_BYTES)
            throw new Error(`Too large for a zip without ZIP64: ${entry.name}`);
        const crc = (0,external_node_zlib_.crc32)(entry.data);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(LOCAL_HEADER, 0);
        writeCommonFields(local, 4, crc, size, name.length);
        local.writeUInt16LE(0, 28);
        locals.push(local, name, entry.data);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(CENTRAL_HEADER, 0);
        central.writeUInt16LE(VERSION_MADE_BY, 4);
        writeCommonFields(central, 6, crc, size, name.length);
        // extra field length, comment length, disk number, internal attributes: all 0
        central.writeUInt32LE(((REGULAR_FILE | (entry.mode ?? 0o600)) << 16) >>> 0, 38);
        central.writeUInt32LE(offset, 42);
        centrals.push(central, name);
        offset += local.length + name.length + size;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}

;// CONCATENATED MODULE: ./src/cluster/run-command/remote.ts
// A private AKS cluster's helm and kubectl, run in its command pod through Resource Manager's runCommand: a
// RemoteCluster the cluster session hands every command line to, so the deploy and verify stages run unchanged. Files
// of the action's private folder named on a command line (the 0600 values file, the chart packaged here) travel in
// the context zip and the line names them relative to where AKS unpacks it; nothing secret is ever on the line.
// Reads go through the ReadBatcher; a change (an upgrade, a rollback) runs alone and, when its caller stops it the
// way a local helm gets SIGINT, is asked to stop through a ConfigMap the pod watches for (see script.ts).











/** The subcommands that only read, and so may share an invocation with the other reads of a look. */
const READS = {
    helm: ['status', 'history', 'get', 'list', 'version', 'show'],
    kubectl: ['get', 'logs', 'version'],
};
/** A read that takes longer than this is stuck (a pod that never got scheduled, say); changes have helm's --timeout. */
const READ_DEADLINE_MS = 10 * 60_000;
const hex = () => (0,external_node_crypto_.randomBytes)(6).toString('hex');
const flagValue = (args, flag) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
};
/** Puts each workspace file a command names into the zip, and names it as AKS will unpack it. */
async function attach(commands, workspaceDir) {
    const names = new Map();
    const entries = [];
    const shipped = [];
    for (const command of commands) {
        const args = [];
        for (const arg of command.args) {
            if (!external_node_path_.isAbsolute(arg) || !arg.startsWith(`${workspaceDir}${external_node_path_.sep}`)) {
                args.push(arg);
                continue;
            }
            let name = names.get(arg);
            if (!name) {
                const base = external_node_path_.basename(arg);
                name = entries.some((entry) => entry.name === base) ? `${entries.length}-${base}` : base;
                names.set(arg, name);
                entries.push({ name, data: await (0,promises_.readFile)(arg) });
            }
            args.push(`./${name}`);
        }
        shipped.push({ tool: command.tool, args });
    }
    return { shipped, entries };
}
class RunCommandCluster {
    input;
    description = 'AKS runCommand';
    reads;
    constructor(input) {
        this.input = input;
        this.reads = new ReadBatcher((commands, signal) => this.execute(commands, { signal, deadline: this.readDeadline() }), input.seams.now);
    }
    readDeadline() {
        return this.input.seams.now() + READ_DEADLINE_MS;
    }
    async run(tool, args, options = {}) {
        const command = { tool, args };
        if (READS[tool].includes(args[0] ?? ''))
            return this.reads.run(command, options.signal);
        return this.change(command, options);
    }
    /** The chart as the pod's helm can reach it: packaged here by the pinned helm, sent in the context zip. */
    async chart(chart) {
        const { local, workspaceDir, seams } = this.input;
        const directory = await (0,promises_.mkdtemp)(external_node_path_.join(workspaceDir, 'chart-'));
        const pulled = await new client/* HelmClient */.E({ helm: local.helm, env: local.env }, seams).pull(chart, directory);
        core/* info */.pq(`Fetched chart ${pulled.name} ${pulled.version} here with helm ${local.helm.version} (sha256 ${pulled.sha256}); ` +
            'it travels to the cluster with the values file in the runCommand context.');
        return { ...chart, source: { kind: 'local', path: pulled.path }, version: '' };
    }
    /** The helm (and kubectl) of the command pod: AKS's own, whatever the runner installed. */
    async tools(signal) {
        const [helm, kubectl] = await this.execute([
            { tool: 'helm', args: ['version', '--template', '{{.Version}}'] },
            { tool: 'kubectl', args: ['version', '--client', '-o', 'json'] },
        ], { signal, deadline: this.readDeadline() });
        const major = helm.exitCode === 0 ? (0,versions/* parseHelmMajor */.t2)(helm.stdout) : undefined;
        if (!major) {
            throw new errors/* ActionError */.l(`The helm in the runCommand pod of AKS cluster ${this.input.clusterName} did not report a Helm 3 or 4 version (exit ${helm.exitCode}): ${(helm.stderr || helm.stdout).trim().slice(0, 300)}`, {
                input: 'private-cluster',
                hint: 'AKS chooses that helm; run the job on a runner inside the cluster’s network with `private-cluster: false`.',
            });
        }
        const helmVersion = helm.stdout.trim().replace(/^v/, '');
        const kubectlVersion = (() => {
            try {
                const parsed = JSON.parse(kubectl.stdout);
                return parsed.clientVersion?.gitVersion?.replace(/^v/, '') ?? 'unknown';
            }
            catch {
                return 'unknown';
            }
        })();
        this.description = `AKS runCommand (helm ${helmVersion} in the command pod)`;
        return {
            helm: { path: 'helm', version: helmVersion, major },
            kubectl: { path: 'kubectl', version: kubectlVersion },
        };
    }
    /** An upgrade, rollback or uninstall: alone, waited for to the end even when stopped, as a local helm would be. */
    async change(command, options) {
        const { api } = this.input;
        if (options.signal?.aborted)
            return { exitCode: 130, stdout: '', stderr: 'stopped before it started' };
        const namespace = flagValue(command.args, '-n');
        const stop = options.signal && namespace ? { configMap: `portkey-stop-${hex()}`, namespace } : undefined;
        const askToStop = () => {
            if (!stop)
                return;
            api.submit({ command: stopScript(stop) }).then(({ id }) => core/* info */.pq(`Asked the command pod to stop helm (runCommand ${id}); waiting for helm to finish.`), (error) => core/* warning */.$e(`Could not ask the command pod to stop helm: ${error.message}`));
        };
        options.signal?.addEventListener('abort', askToStop, { once: true });
        try {
            const [result] = await this.execute([command], { stop, announce: true });
            for (const [text, stream] of [
                [result.stdout, 'stdout'],
                [result.stderr, 'stderr'],
            ]) {
                for (const line of text.split('\n').filter(Boolean))
                    options.onLine?.(line, stream);
            }
            return result;
        }
        finally {
            options.signal?.removeEventListener('abort', askToStop);
            // What was read before or during the change may no longer be true (a release read as absent before its install).
            this.reads.forget();
        }
    }
    /** One invocation for `commands`; output cut at 512 kB is asked for again in smaller pieces. */
    async execute(commands, execution) {
        const { api, workspaceDir, clusterName } = this.input;
        const { shipped, entries } = await attach(commands, workspaceDir);
        if (execution.announce) {
            const files = entries.length ? ` (with ${entries.map((entry) => entry.name).join(', ')})` : '';
            core/* info */.pq(`Running in AKS cluster ${clusterName} through runCommand${files}: ${shipped.map(commandText).join('; ')}`);
        }
        const boundary = `--portkey-${hex()}${hex()}`;
        const result = await api.run({
            command: batchScript(shipped, boundary, execution.stop),
            context: entries.length ? storedZip(entries) : undefined,
            signal: execution.signal,
            deadline: execution.deadline,
        });
        core/* debug */.Yz(`runCommand ${result.id} (exit ${result.exitCode}): ${shipped.map(commandText).join('; ')}`);
        const output = parseBatchOutput(result.logs, boundary, commands.length);
        if (output.complete)
            return output.results;
        if (!result.logs.includes(boundary)) {
            throw new errors/* ActionError */.l(`The runCommand pod of AKS cluster ${clusterName} could not run the action's script (exit ${result.exitCode}): ${result.logs.trim().slice(0, 300)}`, {
                input: 'private-cluster',
                hint: 'Run again; if it persists, run the job on a runner inside the cluster’s network with `private-cluster: false`.',
            });
        }
        if (commands.length === 1)
            throw (0,run_command_errors/* truncatedOutputError */.yF)(commandText(shipped[0]), clusterName);
        const whole = output.results.length ? output.results : await this.execute(commands.slice(0, 1), execution);
        return [...whole, ...(await this.execute(commands.slice(whole.length), execution))];
    }
}
/** The runner's session turned into the cluster's own: every helm and kubectl command runs in its command pod. */
async function remoteSession(input, signal) {
    const remote = new RunCommandCluster(input);
    const tools = await remote.tools(signal);
    core/* info */.pq(`Reaching AKS cluster ${input.clusterName} through ${remote.description}.`);
    return { ...input.local, ...tools, kubeconfigPath: '', refreshCredentials: async () => { }, remote };
}


/***/ })

};

//# sourceMappingURL=509.index.js.map