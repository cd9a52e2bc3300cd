export const id = 924;
export const ids = [924];
export const modules = {

/***/ 5924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCommandSession: () => (/* binding */ runCommandSession)
});

// UNUSED EXPORTS: RunCommandCluster, shipFiles

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/cluster/port.ts
var port = __webpack_require__(6315);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/helm/client.ts
var client = __webpack_require__(9493);
// EXTERNAL MODULE: ./src/tools/versions.ts
var versions = __webpack_require__(2578);
;// CONCATENATED MODULE: ./src/private-cluster/script.ts
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
;// CONCATENATED MODULE: ./src/private-cluster/zip.ts
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

;// CONCATENATED MODULE: ./src/private-cluster/cluster.ts
// A private AKS cluster's helm and kubectl, run in its command pod through Resource Manager's runCommand: the cluster
// port (src/cluster/port.ts) for a cluster the runner cannot reach, so the deploy and verify stages run unchanged.
// It reads nothing back from a command line: the reads a caller hands over together share one invocation (each
// starts a pod, seconds to a minute); a change runs alone, with exactly the files it names in the context zip (the
// 0600 values file, the chart packaged here, the object to apply), which the line names relative to where AKS
// unpacks it, so nothing secret is ever on the line; a change given a stop handle is asked to stop, the way a local
// helm gets SIGINT, through a ConfigMap the pod watches for in the release's namespace (see script.ts).










/** A read that takes longer than this is stuck (a pod that never got scheduled, say); changes have helm's --timeout. */
const READ_DEADLINE_MS = 10 * 60_000;
/** The name the object of an `apply` travels under. */
const OBJECT_FILE = 'object.json';
const hex = () => (0,external_node_crypto_.randomBytes)(6).toString('hex');
/** AKS keeps 512 kB of a command's output; what follows is gone. */
function truncatedOutputError(command, clusterName) {
    return new errors/* ActionError */.l(`The output of \`${command}\`, run through runCommand on AKS cluster ${clusterName}, was cut at AKS's 512 kB limit.`, {
        hint: 'The action reads releases and pods in pieces to stay below it; output this large usually means very many ' +
            'pods or events in the namespace. Run the job on a runner inside the cluster’s network with ' +
            '`private-cluster: false`, or clean up the namespace.',
    });
}
/**
 * The files a helm change names, as zip entries, and its arguments with each such file named where AKS unpacks it.
 * Only the files declared travel; a name already taken gets its index in front.
 */
async function shipFiles(args, files) {
    const names = new Map();
    const entries = [];
    for (const file of new Set(files)) {
        const base = external_node_path_.basename(file);
        const name = entries.some((entry) => entry.name === base) ? `${entries.length}-${base}` : base;
        names.set(file, name);
        entries.push({ name, data: await (0,promises_.readFile)(file) });
    }
    return { args: args.map((arg) => (names.has(arg) ? `./${names.get(arg)}` : arg)), entries };
}
/** What a change runs in the pod, with what it carries, and where a stop for it goes. */
async function shippedChange(change, stopping) {
    switch (change.kind) {
        case 'helm': {
            const { args, entries } = await shipFiles(change.args, change.files);
            const stop = stopping ? { configMap: `portkey-stop-${hex()}`, namespace: change.release.namespace } : undefined;
            return { command: { tool: 'helm', args }, entries, stop };
        }
        case 'apply':
            return {
                command: (0,port/* changeCommand */.KN)(change, `./${OBJECT_FILE}`),
                entries: [{ name: OBJECT_FILE, data: Buffer.from(JSON.stringify(change.object)) }],
            };
        case 'delete':
            return { command: (0,port/* changeCommand */.KN)(change), entries: [] };
    }
}
class RunCommandCluster {
    input;
    description = 'AKS runCommand';
    constructor(input) {
        this.input = input;
    }
    readDeadline() {
        return this.input.seams.now() + READ_DEADLINE_MS;
    }
    async read(request, signal) {
        const [result] = await this.readAll([request], signal);
        return result;
    }
    /** One invocation for all of them. */
    readAll(requests, signal) {
        if (requests.length === 0)
            return Promise.resolve([]);
        return this.execute(requests.map(port/* readCommand */.UK), { signal, deadline: this.readDeadline() });
    }
    /** Alone, waited for to the end even when stopped, as a local helm would be. */
    async change(request, options = {}) {
        const { api } = this.input;
        if (options.stop?.aborted)
            return { exitCode: 130, stdout: '', stderr: 'stopped before it started' };
        const { command, entries, stop } = await shippedChange(request, options.stop !== undefined);
        const askToStop = () => {
            if (!stop)
                return;
            api.submit({ command: stopScript(stop) }).then(({ id }) => runner/* info */.pq(`Asked the command pod to stop helm (runCommand ${id}); waiting for helm to finish.`), (error) => runner/* warning */.$e(`Could not ask the command pod to stop helm: ${error.message}`));
        };
        options.stop?.addEventListener('abort', askToStop, { once: true });
        try {
            const [result] = await this.execute([command], { stop, entries, announce: true });
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
            options.stop?.removeEventListener('abort', askToStop);
        }
    }
    /** The chart as the pod's helm can reach it: packaged here by the pinned helm, sent in the context zip. */
    async chart(chart) {
        const { local, workspaceDir, seams } = this.input;
        const directory = await (0,promises_.mkdtemp)(external_node_path_.join(workspaceDir, 'chart-'));
        const pulled = await new client/* HelmClient */.ES(local, seams).pull(chart, directory);
        runner/* info */.pq(`Fetched chart ${pulled.name} ${pulled.version} here with helm ${local.helm.version} (sha256 ${pulled.sha256}); ` +
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
    /** One invocation for `commands`; output cut at 512 kB is asked for again in smaller pieces. */
    async execute(commands, execution) {
        const { api, clusterName } = this.input;
        const entries = execution.entries ?? [];
        if (execution.announce) {
            const files = entries.length ? ` (with ${entries.map((entry) => entry.name).join(', ')})` : '';
            runner/* info */.pq(`Running in AKS cluster ${clusterName} through runCommand${files}: ${commands.map(commandText).join('; ')}`);
        }
        const boundary = `--portkey-${hex()}${hex()}`;
        const result = await api.run({
            command: batchScript(commands, boundary, execution.stop),
            context: entries.length ? storedZip(entries) : undefined,
            signal: execution.signal,
            deadline: execution.deadline,
        });
        runner/* debug */.Yz(`runCommand ${result.id} (exit ${result.exitCode}): ${commands.map(commandText).join('; ')}`);
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
            throw truncatedOutputError(commandText(commands[0]), clusterName);
        const whole = output.results.length ? output.results : await this.execute(commands.slice(0, 1), execution);
        return [...whole, ...(await this.execute(commands.slice(whole.length), execution))];
    }
}
/** The session of a private cluster: its own helm and kubectl, every command run in its command pod. */
async function runCommandSession(input, signal) {
    const cluster = new RunCommandCluster(input);
    const tools = await cluster.tools(signal);
    runner/* info */.pq(`Reaching AKS cluster ${input.clusterName} through ${cluster.description}.`);
    return { ...tools, env: input.local.env, access: { via: 'run-command', cluster } };
}


/***/ })

};

//# sourceMappingURL=924.index.js.map