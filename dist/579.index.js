export const id = 579;
export const ids = [579];
export const modules = {

/***/ 6579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMMANDS: () => (/* binding */ COMMANDS)
});

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/poll.ts
var poll = __webpack_require__(9810);
;// CONCATENATED MODULE: ./src/canary/metrics.ts
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
function labelsOf(text) {
    const labels = {};
    for (const [, key, value] of (text ?? '').matchAll(LABEL))
        labels[key] = value.replace(/\\(.)/g, '$1');
    return labels;
}
/** A pod's counters from its `/metrics` text; requests to `skipPaths` (the kubelet's probes) are not counted. */
function readCounters(text, skipPaths = []) {
    const counters = { requests: 0, errors: 0, buckets: new Map() };
    for (const line of text.split('\n')) {
        const match = SAMPLE.exec(line.trim());
        if (!match)
            continue;
        const [, name, rawLabels, rawValue] = match;
        if (name !== 'request_count' && name !== 'http_request_duration_seconds_bucket')
            continue;
        const labels = labelsOf(rawLabels);
        const value = Number(rawValue);
        if (!Number.isFinite(value) || skipPaths.includes(labels.endpoint))
            continue;
        if (name === 'request_count') {
            counters.requests += value;
            if (/^5\d\d$/.test(labels.code ?? ''))
                counters.errors += value;
        }
        else {
            const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
            if (Number.isNaN(le))
                continue;
            counters.buckets.set(le, (counters.buckets.get(le) ?? 0) + value);
        }
    }
    return counters;
}
const emptyCounters = () => ({ requests: 0, errors: 0, buckets: new Map() });
/**
 * What a pod counted between two reads. A counter that went down means the process restarted in between: its
 * counts since then are all it has.
 */
function counted(before, after) {
    const start = before && after.requests >= before.requests ? before : emptyCounters();
    const buckets = new Map();
    for (const [le, value] of after.buckets)
        buckets.set(le, value - (start.buckets.get(le) ?? 0));
    return { requests: after.requests - start.requests, errors: after.errors - start.errors, buckets };
}
function sumCounters(all) {
    const total = emptyCounters();
    for (const c of all) {
        total.requests += c.requests;
        total.errors += c.errors;
        for (const [le, value] of c.buckets)
            total.buckets.set(le, (total.buckets.get(le) ?? 0) + value);
    }
    return total;
}
/**
 * The q-quantile of a cumulative histogram in seconds, as Prometheus' histogram_quantile computes it: linear within
 * the bucket the rank falls in; in the `+Inf` bucket, the highest finite bound. Undefined without observations.
 */
function histogramQuantile(q, buckets) {
    const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
    const total = sorted.at(-1)?.[1] ?? 0;
    if (total <= 0)
        return undefined;
    const rank = q * total;
    let lowerBound = 0;
    let lowerCount = 0;
    for (const [le, count] of sorted) {
        if (count >= rank) {
            if (le === Infinity)
                return lowerBound;
            return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / Math.max(count - lowerCount, 1e-9);
        }
        lowerBound = le;
        lowerCount = count;
    }
    return lowerBound;
}
function figuresOf(version, pods) {
    const total = sumCounters(pods);
    const p95 = histogramQuantile(0.95, total.buckets);
    return {
        version,
        pods: pods.length,
        requests: total.requests,
        errors: total.errors,
        errorRatio: total.requests > 0 ? total.errors / total.requests : 0,
        p95Ms: p95 === undefined ? undefined : Math.round(p95 * 1000),
    };
}
const percent = (ratio) => `${Math.round(ratio * 1000) / 10} %`;
/**
 * The canary against the thresholds and against the stable version. A failure shows as soon as `minRequests` have
 * reached the canary; the comparison with stable needs as many stable requests, else it is left out and said so.
 */
function judgeCanary(canary, stable, limits) {
    if (canary.requests < limits.minRequests) {
        return {
            verdict: 'no-verdict',
            reason: `no verdict: ${canary.requests} request${canary.requests === 1 ? '' : 's'} reached the canary, fewer than ` +
                `canary-min-requests (${limits.minRequests})`,
        };
    }
    const reasons = [];
    if (canary.errorRatio > limits.maxErrorRatio) {
        reasons.push(`the canary answered ${percent(canary.errorRatio)} of ${canary.requests} requests with 5xx, more than ` +
            `canary-max-error-ratio (${percent(limits.maxErrorRatio)})`);
    }
    if (canary.p95Ms !== undefined && canary.p95Ms > limits.maxP95Ms) {
        reasons.push(`the canary's p95 latency was ${canary.p95Ms} ms, more than canary-max-p95 (${limits.maxP95Ms} ms)`);
    }
    const increase = canary.errorRatio - stable.errorRatio;
    if (stable.requests >= limits.minRequests && increase > limits.maxErrorIncrease) {
        reasons.push(`the canary's error ratio (${percent(canary.errorRatio)}) exceeded the stable version's ` +
            `(${percent(stable.errorRatio)}) by more than canary-max-error-increase (${percent(limits.maxErrorIncrease)})`);
    }
    return reasons.length ? { verdict: 'failed', reasons } : { verdict: 'passed' };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/canary/workload.ts
// Pure decisions about the canary workload: the Deployment derived from the new revision's gateway Deployment, and how
// many of its pods each step runs beside the stable ones. The canary sits behind the same Service (its pods keep the
// labels the Service selects on) and is told apart by one more label the Service does not select on.


/** The label only canary pods carry: the Service ignores it, the analysis reads it to tell the two versions apart. */
const TRACK_LABEL = 'portkey-azure-deploy/track';
const CANARY_TRACK = 'canary';
const CANARY_SUFFIX = '-canary';
/** The canary Deployment's name beside the gateway Deployment `name`. */
const canaryName = (name) => `${name.slice(0, 63 - CANARY_SUFFIX.length)}${CANARY_SUFFIX}`;
const tagOf = (image) => {
    const bare = image.split('@')[0];
    const colon = bare.lastIndexOf(':');
    return colon > bare.lastIndexOf('/') ? bare.slice(colon + 1) : 'latest';
};
/** The version a gateway Deployment runs: its first container's image tag. */
const deploymentVersion = (deployment) => tagOf(deployment.spec.template.spec?.containers?.[0]?.image ?? '');
/**
 * The canary Deployment, from the gateway Deployment `name` in the manifest helm would apply: the same pod template
 * with the track label added to the pods and the selector, no helm ownership (helm must neither adopt nor delete it),
 * `replicas` set by the step.
 */
function deriveCanary(manifest, name, namespace) {
    const deployment = (0,dist/* parseAllDocuments */.hR)(manifest)
        .map((doc) => doc.toJS())
        .find((o) => o?.kind === 'Deployment' && o.metadata?.name === name);
    if (!deployment) {
        throw new errors/* ActionError */.l(`The chart rendered no Deployment ${name}, which a canary would copy.`, {
            input: 'strategy',
            hint: 'Use `strategy: rolling`, or check the release name and `fullnameOverride`.',
        });
    }
    const selector = deployment.spec.selector.matchLabels ?? {};
    const containers = deployment.spec.template.spec?.containers ?? [];
    const ports = containers.flatMap((c) => c.ports ?? []);
    const port = ports.find((p) => p.name === 'gateway') ?? ports[0];
    const withTrack = (labels = {}) => ({ ...labels, [TRACK_LABEL]: CANARY_TRACK });
    const annotations = Object.fromEntries(Object.entries(deployment.metadata.annotations ?? {}).filter(([key]) => !key.startsWith('meta.helm.sh/')));
    const object = {
        apiVersion: deployment.apiVersion ?? 'apps/v1',
        kind: 'Deployment',
        metadata: { name: canaryName(name), namespace, labels: withTrack(deployment.metadata.labels), annotations },
        spec: {
            ...deployment.spec,
            selector: { matchLabels: withTrack(selector) },
            template: {
                ...deployment.spec.template,
                metadata: {
                    ...deployment.spec.template.metadata,
                    labels: withTrack(deployment.spec.template.metadata?.labels),
                },
            },
        },
    };
    const probePaths = containers.flatMap((c) => [c.readinessProbe, c.livenessProbe, c.startupProbe].flatMap((p) => (p?.httpGet?.path ? [p.httpGet.path] : [])));
    return {
        object,
        name: canaryName(name),
        selector,
        metricsPort: port?.containerPort ?? 8787,
        version: deploymentVersion(deployment),
        probePaths: [...new Set(probePaths)],
    };
}
/** The canary object with the replicas of a step. */
const withReplicas = (object, replicas) => ({
    ...object,
    spec: { ...object.spec, replicas },
});
/**
 * The canary's replicas for each step: the Service spreads requests over ready pods, so a share is a ratio of pods,
 * canary / (stable + canary), rounded to the nearest and never below one pod. With few stable pods the shares are
 * coarse (2 stable pods: 10 % becomes 1 pod, a third of the traffic); `share` says what each step really gives.
 */
function stepShapes(percents, stableReplicas) {
    return percents.map((percent) => {
        const canaryReplicas = Math.max(1, Math.round((percent * stableReplicas) / (100 - percent)));
        const share = Math.round((canaryReplicas / (stableReplicas + canaryReplicas)) * 1000) / 10;
        return { percent, canaryReplicas, stableReplicas, share };
    });
}
/** `10 % (1 canary pod beside 2 stable, 33.3 % of the traffic)`, for the plan and the log. */
const describeStep = (step) => `${step.percent} % (${step.canaryReplicas} canary pod${step.canaryReplicas === 1 ? '' : 's'} beside ` +
    `${step.stableReplicas} stable, ${step.share} % of the traffic)`;

;// CONCATENATED MODULE: ./src/canary/analysis.ts
// The canary run, step by step, before helm touches the release: the canary Deployment applied beside the stable one
// with the step's replicas, waited for, then judged over `canary-analysis-window` from both versions' pods' own
// counters. A failure ends the analysis as soon as it shows; the caller (the release transaction) removes the canary
// whatever the verdict. Decisions live in workload.ts and metrics.ts, cluster calls in cluster.ts.





/** How often the counters are read within a window: a failure shows within this long once enough requests came. */
const READ_EVERY_MS = 5000;
const READY_EVERY_MS = 1000;
/** What `command: plan` and the start of a deploy say the canary will do, from the Deployment serving now. */
async function planCanary(request, cluster) {
    const stable = await cluster.deployment(request.deploymentName, request.signal);
    const stableReplicas = stable?.spec.replicas ?? 0;
    if (!stable || stableReplicas === 0) {
        const why = stable
            ? `Deployment ${request.deploymentName} runs no pods, so no version serves to compare the canary with`
            : `nothing serves yet (no Deployment ${request.deploymentName}): a first install has no stable version to compare with`;
        runner/* info */.pq(`No canary: ${why}.`);
        return { report: { verdict: 'skipped', why, steps: [] } };
    }
    const workload = deriveCanary(request.manifest, request.deploymentName, request.namespace);
    const steps = stepShapes(request.config.steps, stableReplicas);
    const report = {
        verdict: 'planned',
        stableVersion: deploymentVersion(stable),
        canaryVersion: workload.version,
        steps,
    };
    runner/* info */.pq(`Canary of ${workload.version} beside ${report.stableVersion}, each step judged over ` +
        `${request.config.windowSeconds}s: ${steps.map(describeStep).join(' → ')} → helm upgrade.`);
    return { report, workload };
}
/** Runs the canary's steps; the verdict is `passed`, `failed`, `no-verdict` or `skipped` (nothing to compare with). */
async function runCanary(request, cluster, seams) {
    const planned = await planCanary(request, cluster);
    if (!planned.workload)
        return planned.report;
    const { workload } = planned;
    const report = { ...planned.report, steps: [] };
    for (const shape of planned.report.steps) {
        const step = { ...shape };
        report.steps.push(step);
        const progressed = () => request.onProgress?.(report);
        progressed();
        await cluster.apply(withReplicas(workload.object, shape.canaryReplicas), request.signal);
        runner/* info */.pq(`Canary step ${describeStep(shape)}: waiting for its pods.`);
        await waitForCanary(workload.name, shape.canaryReplicas, request, cluster, seams);
        const judgement = await analyse(step, workload, request, cluster, seams, report.stableVersion ?? '', progressed);
        step.judgement = judgement;
        if (judgement.verdict === 'failed') {
            return {
                ...report,
                verdict: 'failed',
                why: `at ${shape.share} % of the traffic, ${judgement.reasons.join('; ')}`,
            };
        }
        if (judgement.verdict === 'no-verdict')
            return { ...report, verdict: 'no-verdict', why: judgement.reason };
        runner/* info */.pq(`Canary step ${shape.percent} %: passed.`);
    }
    return { ...report, verdict: 'passed' };
}
async function waitForCanary(name, replicas, request, cluster, seams) {
    const deadline = seams.now() + request.timeoutSeconds * 1000;
    const options = { deadline, signal: request.signal, intervalMs: READY_EVERY_MS };
    const ready = await (0,poll/* poll */.wt)(options, seams, async () => {
        const d = await cluster.deployment(name, request.signal);
        const s = d?.status;
        const done = (s?.observedGeneration ?? 0) >= (d?.metadata.generation ?? 1) &&
            (s?.updatedReplicas ?? 0) >= replicas &&
            (s?.readyReplicas ?? 0) >= replicas &&
            (s?.replicas ?? 0) === replicas;
        return done ? true : undefined;
    });
    if (!ready) {
        throw new errors/* ActionError */.l(`The canary's ${replicas} pod${replicas === 1 ? '' : 's'} did not become ready within ${request.timeoutSeconds}s: ` +
            `the new version was not released.`, {
            input: 'timeout',
            hint: `kubectl describe deployment ${name} -n ${request.namespace} tells why (an image that cannot be pulled, a pod that crashes).`,
        });
    }
}
/** Every ready gateway pod's counters, by pod; a canary none of whose pods can be read is an error. */
async function readPods(workload, request, cluster) {
    const pods = (await cluster.pods(workload.selector, request.signal)).filter((p) => p.ready);
    const trackOf = (pod) => (pod.labels[TRACK_LABEL] === CANARY_TRACK ? 'canary' : 'stable');
    const texts = await cluster.metrics(pods.map((pod) => pod.name), workload.metricsPort, request.signal);
    const read = pods.map((pod, i) => {
        const text = texts[i];
        if (text instanceof Error)
            return { pod, error: text.message };
        try {
            return { pod, counters: readCounters(text, workload.probePaths) };
        }
        catch (error) {
            return { pod, error: error instanceof Error ? error.message : String(error) };
        }
    });
    const found = new Map();
    for (const r of read)
        if (r.counters)
            found.set(r.pod.name, { track: trackOf(r.pod), counters: r.counters });
    const canaryFailures = read.filter((r) => r.error && trackOf(r.pod) === 'canary');
    if (canaryFailures.length && ![...found.values()].some((c) => c.track === 'canary')) {
        throw new errors/* ActionError */.l(`The canary's metrics could not be read through the API server (pod ${canaryFailures[0].pod.name}: ` +
            `${canaryFailures[0].error}): no verdict, so the new version was not released.`, {
            input: 'strategy',
            hint: `The analysis reads each gateway pod's /metrics through the API server's pod proxy, which needs \`get\` ` +
                `on \`pods/proxy\` in namespace ${request.namespace} (the built-in \`edit\` ClusterRole grants it).`,
        });
    }
    return found;
}
/** One step's window: the counters read at its start and every few seconds, judged each time; a failure ends it. */
async function analyse(step, workload, request, cluster, seams, stableVersion, progressed) {
    const start = await readPods(workload, request, cluster);
    runner/* info */.pq(`Canary step ${step.percent} %: judging over ${request.config.windowSeconds}s.`);
    const end = seams.now() + request.config.windowSeconds * 1000;
    const every = Math.min(READ_EVERY_MS, (request.config.windowSeconds * 1000) / 3);
    let judgement = { verdict: 'no-verdict', reason: 'no verdict: the window was not read' };
    while (seams.now() < end) {
        await (0,poll/* pause */.v7)(every, { deadline: end, signal: request.signal }, seams);
        const now = await readPods(workload, request, cluster);
        const byTrack = { stable: [], canary: [] };
        for (const [pod, { track, counters }] of now)
            byTrack[track].push(counted(start.get(pod)?.counters, counters));
        step.stable = figuresOf(stableVersion, byTrack.stable);
        step.canary = figuresOf(workload.version, byTrack.canary);
        judgement = judgeCanary(step.canary, step.stable, request.config.thresholds);
        step.judgement = judgement;
        progressed();
        if (judgement.verdict === 'failed')
            break;
    }
    return judgement;
}
/** The error of a canary that was not released: why, in the words of its verdict, for the log and the Deployment. */
function canaryError(report) {
    const versions = `${report.canaryVersion ?? 'the new version'} (beside ${report.stableVersion ?? 'the stable version'})`;
    return new errors/* ActionError */.l(`The canary of ${versions} was ${report.verdict === 'failed' ? 'aborted' : 'not promoted'}: ${report.why}. ` +
        'It was removed and helm upgrade never ran: the release is as it was before this run.', {
        input: report.verdict === 'failed' ? 'strategy' : 'canary-min-requests',
        hint: report.verdict === 'failed'
            ? "The job summary shows both versions' figures side by side. Fix the new version, or change the canary-max-* thresholds if they are too strict."
            : 'Deploy when the gateway has traffic, lengthen canary-analysis-window, lower canary-min-requests (0 judges whatever came), or use `strategy: rolling`.',
    });
}

// EXTERNAL MODULE: ./src/cluster/local.ts
var local = __webpack_require__(2837);
// EXTERNAL MODULE: ./src/kubeconfig/index.ts + 5 modules
var kubeconfig = __webpack_require__(1265);
;// CONCATENATED MODULE: ./src/canary/cluster.ts
// Every call the canary makes to the cluster, in one place: the stable Deployment read, the canary Deployment applied
// and deleted, its readiness, the gateway pods listed and each pod's `/metrics` read through the API server's pod
// proxy (`/api/v1/namespaces/NS/pods/NAME:PORT/proxy/metrics`): with the kubeconfig module's client here, with
// kubectl's `get --raw` in a private cluster's command pod or through a kubeconfig's proxy-url, as the smoke test does.



const failed = (what, stderr, exitCode) => new errors/* ActionError */.l(`${what} failed: ${stderr.trim().split('\n').at(-1) || `kubectl exited with ${exitCode}`}`, {
    input: 'strategy',
    hint: 'The canary needs `create`, `patch` and `delete` on deployments, `list` on pods and `get` on `pods/proxy` in ' +
        "the release's namespace (Kubernetes' built-in `edit` ClusterRole grants them), or `strategy: rolling`.",
});
function canaryCluster(namespace, session, secrets, seams) {
    const port = (0,local/* clusterPort */.q)(session, seams);
    const checked = async (what, answer) => {
        const result = await answer;
        if (result.exitCode !== 0)
            throw failed(what, result.stderr, result.exitCode);
        return result.stdout;
    };
    const read = async (what, request, signal) => {
        const out = await checked(what, port.read(request, signal));
        return out.trim() ? JSON.parse(out) : undefined;
    };
    const change = (what, request, signal) => checked(what, port.change(request, { stop: signal }));
    // Made at the first read, not before: a kubeconfig the client cannot use fails the analysis, inside its stage.
    let client;
    const directClient = () => {
        const { access, env } = session;
        if (access.via !== 'kubeconfig')
            return undefined;
        const { kubeconfigPath, refreshCredentials } = access;
        client ??= (0,kubeconfig/* apiServerClientFor */._H)(kubeconfigPath, { env, refreshCredentials, secrets }, seams);
        return client.proxyUrl ? undefined : client;
    };
    return {
        deployment: (name, signal) => read(`Reading Deployment ${namespace}/${name}`, { kind: 'objects', resource: 'deployment', names: [name], namespace, ignoreNotFound: true }, signal),
        async apply(object, signal) {
            const placed = {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                ...object,
                metadata: { ...object.metadata, namespace },
            };
            await change(`Applying the canary Deployment ${object.metadata.name}`, { kind: 'apply', object: placed }, signal);
        },
        async remove(name, signal) {
            const request = { kind: 'delete', resource: 'deployment', name, namespace };
            await change(`Deleting the canary Deployment ${name}`, request, signal);
        },
        async pods(selector, signal) {
            const labels = Object.entries(selector)
                .map(([k, v]) => `${k}=${v}`)
                .join(',');
            const list = await read('Listing the gateway pods', { kind: 'objects', resource: 'pods', namespace, selector: labels }, signal);
            return (list?.items ?? [])
                .filter((p) => !p.metadata.deletionTimestamp)
                .map((p) => ({
                name: p.metadata.name,
                labels: p.metadata.labels ?? {},
                ready: (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
            }));
        },
        async metrics(pods, podPort, signal) {
            const pathOf = (pod) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}:${podPort}/proxy/metrics`;
            const direct = directClient();
            if (direct) {
                return Promise.all(pods.map(async (pod) => {
                    const response = await direct.send({ method: 'GET', path: pathOf(pod), signal }).catch((e) => e);
                    if (response instanceof Error)
                        return response;
                    return response.status === 200 ? response.body : new Error(`HTTP ${response.status} from ${pathOf(pod)}`);
                }));
            }
            const answers = await port.readAll(pods.map((pod) => ({ kind: 'raw', path: pathOf(pod) })), signal);
            return answers.map((result) => result.exitCode === 0
                ? result.stdout
                : new Error(result.stderr.trim().split('\n').at(-1) || `exit ${result.exitCode}`));
        },
    };
}

;// CONCATENATED MODULE: ./src/canary/index.ts
// The canary stage as the commands see it: plan it, run it before helm, remove it, say why it was not released.




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
        // helm's words when it cannot read the repository's index; the network errors it quotes are the repository's.
        pattern: /is not a valid chart repository or cannot be reached/i,
        input: 'chart-repository',
        hint: () => 'helm could not read the chart repository. Check chart-repository (the URL whose index.yaml lists the chart) ' +
            'and that the runner can reach it.',
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
/** The advice for a helm message one of the rules knows (a plan's dry run fails the same ways); else undefined. */
function adviseOnKnownHelmFailure(message, release) {
    const rule = rules.find((candidate) => candidate.pattern.test(message));
    return rule && { input: rule.input, hint: rule.hint(release) };
}
function adviseOnUpgradeFailure(message, release) {
    const known = adviseOnKnownHelmFailure(message, release);
    if (known)
        return known;
    return {
        hint: `helm's message is above. helm history ${release.name} -n ${release.namespace} shows the revisions, and ` +
            `kubectl get events -n ${release.namespace} what the cluster did.`,
    };
}

// EXTERNAL MODULE: ./src/secrets/index.ts + 7 modules
var src_secrets = __webpack_require__(2840);
;// CONCATENATED MODULE: ./src/deploy/journal.ts
// The action's own record of the operation it has in flight on a release, kept beside the release in a ConfigMap.
// A run killed mid-operation (the runner's SIGKILL after its grace) leaves the release pending; the next run reads
// this record to know that the pending revision is one this action left and that nothing of that run can still be
// working on it, and completes it without `recover-stuck-release`. Data the action wrote, never helm's free text.



const KEY = 'operation.json';
const journalName = (release) => `portkey-azure-deploy.${release.name}`;
/** The record as the ConfigMap holds it; undefined when absent or not ours. */
function parseJournal(configMapJson) {
    if (!configMapJson.trim())
        return undefined;
    const text = JSON.parse(configMapJson).data?.[KEY];
    if (!text)
        return undefined;
    const entry = JSON.parse(text);
    const operations = ['upgrade', 'rollback', 'uninstall'];
    if (!operations.includes(entry.operation ?? '') || typeof entry.revision !== 'number')
        return undefined;
    if (typeof entry.deadline !== 'number')
        return undefined;
    return entry;
}
function journalObject(release, entry) {
    return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
            name: journalName(release),
            namespace: release.namespace,
            labels: { 'app.kubernetes.io/managed-by': 'portkey-azure-deploy' },
        },
        data: { [KEY]: JSON.stringify(entry) },
    };
}
/** The journal in the release's namespace, read and written with kubectl through the session (a private one too). */
function clusterJournal(release, session, seams, runId = process.env.GITHUB_RUN_ID ?? '') {
    const cluster = (0,local/* clusterPort */.q)(session, seams);
    /** Writes the record; resolves with kubectl's complaint when it could not. */
    const record = async (entry, signal) => {
        const result = await cluster.change({ kind: 'apply', object: journalObject(release, entry) }, { stop: signal });
        // A namespace helm has not created yet (first install): the record follows with the next write.
        if (result.exitCode === 0 || /namespaces? "[^"]*" not found/.test(result.stderr))
            return undefined;
        return result.stderr || `kubectl exited with ${result.exitCode}`;
    };
    return {
        async read(signal) {
            const read = {
                kind: 'objects',
                resource: 'configmap',
                names: [journalName(release)],
                namespace: release.namespace,
                ignoreNotFound: true,
            };
            try {
                const result = await cluster.read(read, signal);
                return result.exitCode === 0 ? parseJournal(result.stdout) : undefined;
            }
            catch {
                return undefined; // Unreadable is as good as absent: the pending release then needs the input, as before.
            }
        },
        async write(entry, signal) {
            const problem = await record({ ...entry, runId }, signal).catch((error) => String(error));
            if (problem === undefined || signal?.aborted)
                return;
            runner/* warning */.$e(`Could not record the operation on release ${release.name} in ConfigMap ${journalName(release)} (the ` +
                'message follows): a run killed now would leave the release for recover-stuck-release.');
            (0,src_secrets/* printForeign */.Qr)(problem);
        },
    };
}

// EXTERNAL MODULE: ./src/cancellation.ts
var cancellation = __webpack_require__(4632);
// EXTERNAL MODULE: ./src/helm/client.ts
var client = __webpack_require__(9493);
// EXTERNAL MODULE: ./src/helm/args.ts
var helm_args = __webpack_require__(5119);
// EXTERNAL MODULE: ./src/helm/release.ts
var helm_release = __webpack_require__(9777);
;// CONCATENATED MODULE: ./src/deploy/budget.ts
// One `timeout` for the whole release change, rollback included. Before, the upgrade and its rollback each had a
// full `timeout` (and the rollback's own deadline cut helm off mid-wait, leaving the release pending-rollback), so a
// crash loop with `timeout: 3m` ran past six minutes. Now the transaction takes one deadline when it starts and
// splits it: the upgrade (the preflight, helm, the watcher) gets the front, a rollback the reserve at the back. Pure.
/** What a run may take past `timeout`: helm's exit after its own --timeout, the history read, the journal writes. */
const TIMEOUT_MARGIN_SECONDS = 60;
/** The rollback's share of `timeout`, kept between these bounds: enough for the pods it restores to start. */
const RESERVE = { share: 1 / 3, minSeconds: 30, maxSeconds: 180 };
/**
 * helm's --timeout ends this long after the watcher's deadline: the watcher, which can say which pod is not ready and
 * why, speaks first; helm's own "context deadline exceeded" is only the backstop. Taken from the reserve.
 */
const HELM_BACKSTOP_SECONDS = 10;
function splitTimeout(startedAt, timeoutSeconds) {
    const reserveSeconds = Math.min(timeoutSeconds / 2, Math.max(RESERVE.minSeconds, Math.min(RESERVE.maxSeconds, timeoutSeconds * RESERVE.share)));
    const reserveMs = Math.round(reserveSeconds * 1000);
    const end = startedAt + timeoutSeconds * 1000;
    return { applyDeadline: end - reserveMs, end, reserveMs };
}
/** helm's --timeout for a command started at `now` that must be done by `deadline`: whole seconds, at least 1. */
function secondsUntil(deadline, now) {
    return Math.max(1, Math.floor((deadline - now) / 1000));
}
/** When a rollback started at `now` must be done: the transaction's end, or the reserve when that has passed. */
function recoveryDeadline(budget, now) {
    return Math.max(budget.end, now + budget.reserveMs);
}

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
;// CONCATENATED MODULE: ./src/deploy/recovery.ts
// What to do with a release after a transaction failed, decided from data only: what failed, how far the release got,
// its history (revision numbers and statuses, never helm's descriptions) and the inputs. The action is the one owner
// of rollback (helm runs without --rollback-on-failure/--atomic): see docs/architecture.md.

/** The revision to go back to: the one deployed before, else the newest good one below `latest`. */
function restoreTarget(history, previousRevision, latest) {
    return previousRevision ?? (0,helm_release/* lastGoodRevision */.Z)(history, latest);
}
function decideRecovery(situation) {
    const { failure, reached, history, previousRevision } = situation;
    if (reached === 'untouched')
        return { action: 'keep' };
    // Cancelled while checking a revision helm had deployed: a check that did not finish is no failed check.
    if (failure === 'cancelled' && reached === 'applied')
        return { action: 'keep' };
    const latest = history.at(-1);
    if (!latest)
        return { action: 'keep', summary: 'the release does not exist (nothing was installed)' };
    if (!situation.rollbackOnFailure) {
        return {
            action: 'keep',
            summary: `rollback-on-failure is off: revision ${latest.revision} stays ${latest.status}`,
        };
    }
    // helm was stopped before it could settle the revision (killed, or still exiting): a rollback now would be refused
    // as "another operation in progress". The run's journal names it, so the next run completes it by itself.
    if (helm_release/* PENDING_STATUSES */.FJ.includes(latest.status)) {
        return {
            action: 'keep',
            summary: `revision ${latest.revision} is left ${latest.status}; the next run of this action completes it`,
        };
    }
    if (latest.status === 'deployed' && latest.revision === previousRevision) {
        return {
            action: 'keep',
            summary: `still at revision ${latest.revision}, nothing to roll back`,
            restoredRevision: latest.revision,
        };
    }
    const wait = failure === 'failed';
    const target = restoreTarget(history, previousRevision, latest.revision);
    return target === undefined ? { action: 'uninstall', wait } : { action: 'rollback', revision: target, wait };
}

;// CONCATENATED MODULE: ./src/deploy/preflight.ts
// Before upgrading: is this a first install, an upgrade, or is the release stuck in a pending state because
// another deploy is running (wait for it) or was killed half-way: by this action (its journal says so: complete it),
// or by anything else (recover it only when the user opted in)?






const seconds = (value) => (0,duration/* formatDuration */.a)(Math.round(value) * 1000);
function decidePreflight(release, seen, deploy) {
    if (seen.status === undefined)
        return { action: 'install' };
    if (!helm_release/* PENDING_STATUSES */.FJ.includes(seen.status)) {
        return { action: 'upgrade', previousRevision: (0,helm_release/* lastGoodRevision */.Z)(seen.history) };
    }
    const { name, namespace } = release;
    const pending = `Release ${name} in namespace ${namespace} has been ${seen.status} for ${seconds(seen.ageSeconds)}`;
    const latest = seen.history.at(-1)?.revision ?? Infinity;
    const own = seen.journal;
    // Our own operation on exactly this revision, from a run that cannot be alive any more: completed without the input.
    if (own && own.revision === latest && own.deadline <= seen.now) {
        const target = restoreTarget(seen.history, own.previousRevision, latest);
        const left = `${pending}, left by an earlier run of this action (run ${own.runId || 'unknown'}) stopped during its ${own.operation}`;
        return target === undefined
            ? { action: 'uninstall', message: `${left}; completing it by uninstalling it (it was never deployed).` }
            : {
                action: 'rollback',
                revision: target,
                message: `${left}; completing it by rolling back to revision ${target}.`,
            };
    }
    if (seen.waitedSeconds < deploy.waitForPendingSeconds) {
        const left = seconds(deploy.waitForPendingSeconds - seen.waitedSeconds);
        return { action: 'wait', message: `${pending}: another deploy may be running; waiting up to ${left} more for it.` };
    }
    const target = (0,helm_release/* lastGoodRevision */.Z)(seen.history, latest);
    const fix = target === undefined
        ? { command: `helm uninstall ${name} -n ${namespace}`, what: 'uninstalling it (it was never deployed)' }
        : { command: `helm rollback ${name} ${target} -n ${namespace}`, what: `rolling back to revision ${target}` };
    const stuck = `${pending} and did not finish within pending-release-timeout (${seconds(deploy.waitForPendingSeconds)})`;
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
/** How long past its own --timeout a helm command may take to write its last record and exit. */
const HELM_EXIT_SECONDS = 30;
async function observe(release, waitedSeconds, options, helm, seams) {
    const status = await helm.status(release);
    if (!status)
        return { ageSeconds: 0, history: [], waitedSeconds, now: seams.now() };
    const started = Date.parse(status.lastDeployed);
    const pending = helm_release/* PENDING_STATUSES */.FJ.includes(status.status);
    const [history, journal] = await Promise.all([
        helm.history(release),
        pending ? options.journal.read(options.signal) : undefined,
    ]);
    return {
        status: status.status,
        ageSeconds: Number.isNaN(started) ? 0 : (seams.now() - started) / 1000,
        history,
        waitedSeconds,
        journal,
        now: seams.now(),
    };
}
/** Waits out or recovers a pending release; resolves with what the upgrade will be. */
async function preflightRelease(release, options, helm, seams) {
    const startedAt = seams.now();
    const deadline = startedAt + options.deploy.waitForPendingSeconds * 1000;
    let recovered = false;
    for (;;) {
        (0,poll/* throwIfCancelled */.dZ)(options.signal);
        const seen = await observe(release, (seams.now() - startedAt) / 1000, options, helm, seams);
        const decision = decidePreflight(release, seen, options.deploy);
        switch (decision.action) {
            case 'install':
            case 'upgrade':
                return { ...decision, latestRevision: seen.history.at(-1)?.revision ?? 0 };
            case 'refuse':
                throw decision.error;
            case 'wait': {
                runner/* info */.pq(decision.message);
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
                runner/* warning */.$e(decision.message);
                const timeoutSeconds = options.deploy.timeoutSeconds;
                const latest = seen.history.at(-1)?.revision ?? 0;
                // Recorded first, so a run killed during this recovery is completed by the next one in turn.
                await options.journal.write({
                    operation: decision.action,
                    revision: decision.action === 'rollback' ? latest + 1 : latest,
                    previousRevision: decision.action === 'rollback' ? decision.revision : undefined,
                    deadline: seams.now() + (timeoutSeconds + HELM_EXIT_SECONDS) * 1000,
                });
                if (decision.action === 'rollback') {
                    await helm.rollback(release, decision.revision, { timeoutSeconds, giveUp: options.signal });
                }
                else {
                    await helm.uninstall(release, { timeoutSeconds, giveUp: options.signal });
                }
                recovered = true;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/deploy/apply.ts
// The apply of a release transaction, the way helm's own `pkg/action` Upgrade works: preflight, then
// `helm upgrade --install --wait` raced against the rollout watcher and against cancellation. Whichever fails first
// stops the other; what the release went through is left in `progress` for the transaction's recovery.








/** `promise` settled either way (`Promise.allSettled`'s shape): the race below sees which side ended first, failed or not. */
const settle = async (promise) => (await Promise.allSettled([promise]))[0];
const reasonOf = (signal) => signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
async function readReleaseInfo(release, helm) {
    const [metadata, manifest] = await Promise.all([helm.metadata(release), helm.manifest(release)]);
    if (!metadata || manifest === undefined) {
        throw new errors/* ActionError */.l(`helm reported success, but release ${release.name} is not in namespace ${release.namespace}.`);
    }
    return { ...release, ...metadata, manifest };
}
/** helm and the watcher side by side: helm applies and waits its way, the watcher spots a pod that can never start. */
async function applyRelease(input, release, helm, seams, progress) {
    const deadline = input.budget.applyDeadline;
    const stopHelm = new AbortController();
    const stopWatch = new AbortController();
    const onCancel = () => {
        stopHelm.abort(input.signal.reason);
        stopWatch.abort(input.signal.reason);
    };
    if (input.signal.aborted)
        onCancel();
    else
        input.signal.addEventListener('abort', onCancel, { once: true });
    let startWatch = () => { };
    const watchFrom = new Promise((resolve) => (startWatch = resolve));
    const upgraded = settle(upgrade(input, release, helm, seams, stopHelm.signal, async (preflight) => {
        const previousRevision = preflight.action === 'upgrade' ? preflight.previousRevision : undefined;
        const entry = {
            operation: 'upgrade',
            revision: preflight.latestRevision + 1,
            previousRevision,
            deadline: deadline + (HELM_BACKSTOP_SECONDS + HELM_EXIT_SECONDS) * 1000,
        };
        // Recorded before helm writes the revision, so a run killed from here on is ours to complete next time.
        await input.journal.write(entry, stopHelm.signal);
        Object.assign(progress, { reached: 'applying', previousRevision, entry });
        // Judge only the revision this run creates, never the healthy one it replaces.
        const request = { releaseName: release.name, namespace: release.namespace, deadline, signal: stopWatch.signal };
        input.onApply?.({ ...request, sinceRevision: preflight.latestRevision });
        startWatch(preflight.latestRevision);
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
        if (first.status === 'rejected') {
            first.stop.abort(first.reason);
            await Promise.all([upgraded, watched]);
            throw first.reason;
        }
        const [helmResult, watchResult] = await Promise.all([upgraded, watched]);
        if (helmResult.status === 'rejected')
            throw helmResult.reason;
        if (watchResult.status === 'rejected')
            throw watchResult.reason;
        progress.reached = 'applied';
        return { release: helmResult.value, rollout: watchResult.value };
    }
    finally {
        input.signal.removeEventListener('abort', onCancel);
    }
}
/** Preflight, `helm upgrade --install` streamed into the log, then the release read back. */
async function upgrade(input, release, helm, seams, signal, beforeUpgrade) {
    const preflight = await preflightRelease(release, { deploy: input.deploy, signal, journal: input.journal }, helm, seams);
    runner/* info */.pq(preflight.action === 'install'
        ? `Release ${release.name} does not exist in namespace ${release.namespace} yet: first install.`
        : `Upgrading release ${release.name} (deployed revision before this run: ${preflight.previousRevision ?? 'none'}).`);
    // What the preflight left of the upgrade's share, plus the backstop: helm then ends by itself early in the reserve.
    const helmDeadline = input.budget.applyDeadline + HELM_BACKSTOP_SECONDS * 1000;
    const args = (0,helm_args/* buildUpgradeArgs */.a8)({
        chart: input.chart,
        deploy: { timeoutSeconds: secondsUntil(helmDeadline, seams.now()) },
        valuesPath: input.valuesPath,
        runEnv: input.runEnv ?? process.env,
    }, helm.major);
    await beforeUpgrade(preflight);
    const result = await helm.runChange(release, args, (0,helm_args/* upgradeFiles */.Cn)(input.chart, input.valuesPath), {
        onLine: client/* logHelmLine */.xX,
        stop: signal,
    });
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
    const previousRevision = preflight.action === 'upgrade' ? preflight.previousRevision : undefined;
    return previousRevision === undefined ? info : { ...info, previousRevision };
}

;// CONCATENATED MODULE: ./src/deploy/transaction.ts
// The release transaction: apply (helm ∥ the rollout watcher ∥ the checks that run beside it), verify, then commit, or
// recover the release as decideRecovery says, within a deadline. The one owner of rollback: helm runs without
// --rollback-on-failure, so a failure anywhere (helm, the rollout, a check after it, a cancel) is recovered here,
// the same way. commands/deploy.ts hands it the checks; it decides.









/** How long removing what ran beside the release may take, when no cancel's grace bounds it sooner. */
const WITHDRAW_MS = 60_000;
const detailsOf = (error) => (error instanceof errors/* ActionError */.l ? error.details : {});
const messageOf = (error) => (error instanceof Error ? error.message : String(error));
async function runReleaseTransaction(input, session, seams) {
    const helm = new client/* HelmClient */.ES(session, seams);
    const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
    const { signal: cancelled, recoveryOver } = input.cancellation;
    // `timeout` bounds the release change; a canary's analysis before it has its own window, so it starts after that.
    let budget = splitTimeout(seams.now(), input.deploy.timeoutSeconds);
    const progress = { reached: 'untouched' };
    const running = [];
    let judged = false;
    const judgeRunning = async () => {
        if (judged)
            return [];
        judged = true;
        return Promise.allSettled(running.map((check) => check.finish()));
    };
    // A cancel during helm: the record now says the run ends within the runner's grace, so the next run need not wait.
    let recorded = Promise.resolve();
    const onCancel = () => {
        if (progress.entry) {
            const entry = { ...progress.entry, deadline: seams.now() + cancellation/* RUNNER_GRACE */.e.killAfterMs };
            recorded = input.journal.write(entry, recoveryOver);
        }
    };
    cancelled.addEventListener('abort', onCancel, { once: true });
    // Withdrawn once: after the rollout, or before the recovery, whichever comes first.
    const placed = [];
    const withdraw = async () => {
        const problems = [];
        for (const step of placed.splice(0)) {
            const giveUp = AbortSignal.any([recoveryOver, AbortSignal.timeout(WITHDRAW_MS)]);
            await step.withdraw(giveUp).catch((error) => problems.push(`${step.name}: ${messageOf(error)}`));
        }
        return problems.length ? problems.join('; ') : undefined;
    };
    try {
        for (const step of input.steps) {
            if (!('before' in step))
                continue;
            placed.push(step);
            await input.stage(step.name, () => step.before());
        }
        if (placed.length)
            budget = splitTimeout(seams.now(), input.deploy.timeoutSeconds);
        const onApply = (rollout) => {
            for (const step of input.steps)
                if ('during' in step)
                    running.push(step.during(rollout));
        };
        const applying = applyRelease({ ...input, budget, signal: cancelled, onApply }, release, helm, seams, progress);
        const deployed = await input.stage(`helm upgrade --install ${release.name}`, () => (0,poll/* until */.TG)(applying, recoveryOver, () => cancelled.reason));
        input.applied?.(deployed);
        const left = await withdraw();
        if (left)
            runner/* warning */.$e(`The release is deployed, but removing what ran beside it failed (${left}): delete it by hand.`);
        for (const judgement of await judgeRunning())
            if (judgement.status === 'rejected')
                throw judgement.reason;
        for (const step of input.steps) {
            if ('after' in step)
                await input.stage(step.name, () => step.after(deployed.release));
        }
        return deployed;
    }
    catch (error) {
        const left = await withdraw();
        await judgeRunning();
        await recorded;
        const recovered = await recover(error, { release, progress, input, helm, seams, budget });
        if (!left)
            throw recovered;
        throw new errors/* ActionError */.l(`${recovered.message}\nRemoving what ran beside the release failed too: ${left}`, {
            ...recovered.details,
            hint: `${recovered.details.hint ? `${recovered.details.hint} ` : ''}What the message names still runs beside the release: delete it by hand.`,
        });
    }
    finally {
        cancelled.removeEventListener('abort', onCancel);
    }
}
/**
 * Decides and carries out the recovery within what is left of the transaction's deadline (at least the rollback's
 * reserve), or what a cancel's grace leaves, and returns the error to report: `cause` with what was restored, or,
 * when recovering failed as well, both.
 */
async function recover(cause, recovering) {
    const { release, progress, input, helm, seams, budget } = recovering;
    const details = detailsOf(cause);
    const failed = () => new errors/* ActionError */.l(messageOf(cause), details);
    const { signal: cancelled, recoveryOver } = input.cancellation;
    const doneBy = recoveryDeadline(budget, seams.now());
    // helm's own --timeout ends at doneBy, so it settles the revision itself; this only stops a helm that hangs past it.
    const giveUpMs = doneBy + HELM_EXIT_SECONDS * 1000 - seams.now();
    const deadline = AbortSignal.any([recoveryOver, AbortSignal.timeout(giveUpMs)]);
    const { name, namespace } = release;
    try {
        const touched = progress.reached !== 'untouched';
        const history = touched ? await helm.history(release, { signal: deadline }) : [];
        const decision = decideRecovery({
            failure: cancelled.aborted ? 'cancelled' : 'failed',
            reached: progress.reached,
            history,
            previousRevision: progress.previousRevision,
            rollbackOnFailure: input.deploy.rollbackOnFailure,
        });
        if (decision.action === 'keep' && !decision.summary)
            return failed();
        const recovery = await carryOut(decision, history.at(-1)?.revision ?? 0, recovering, deadline, doneBy);
        runner/* warning */.$e(`Release ${name}: ${recovery.summary}.`);
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
async function carryOut(decision, latest, { release, input, helm, seams }, deadline, doneBy) {
    if (decision.action === 'keep')
        return { summary: decision.summary, restoredRevision: decision.restoredRevision };
    const cancelled = input.cancellation.signal.aborted;
    const changeOptions = { timeoutSeconds: secondsUntil(doneBy, seams.now()), wait: decision.wait, giveUp: deadline };
    const entryDeadline = cancelled ? seams.now() + cancellation/* RUNNER_GRACE */.e.killAfterMs : doneBy + HELM_EXIT_SECONDS * 1000;
    return input.stage('Roll back', async () => {
        if (decision.action === 'rollback') {
            const entry = { operation: 'rollback', revision: latest + 1, previousRevision: decision.revision };
            await input.journal.write({ ...entry, deadline: entryDeadline }, deadline);
            await helm.rollback(release, decision.revision, changeOptions);
            const pods = decision.wait ? '' : ' (without waiting for its pods: the workflow was cancelled)';
            return { summary: `rolled back to revision ${decision.revision}${pods}`, restoredRevision: decision.revision };
        }
        await input.journal.write({ operation: 'uninstall', revision: latest, deadline: entryDeadline }, deadline);
        await helm.uninstall(release, changeOptions);
        return { summary: 'uninstalled the release (its first install did not work)' };
    });
}

;// CONCATENATED MODULE: ./src/deploy/uninstall-release.ts
// `command: uninstall`: remove the release and say which objects went with it.



async function uninstallRelease(request, session, seams) {
    const helm = new client/* HelmClient */.ES(session, seams);
    const release = { name: request.name, namespace: request.namespace };
    const manifest = await helm.manifest(release);
    if (manifest === undefined) {
        const summary = `Release ${release.name} was not found in namespace ${release.namespace}; nothing to uninstall.`;
        runner/* info */.pq(summary);
        return { found: false, removed: [], summary };
    }
    const removed = (0,helm_release/* manifestResources */.xQ)(manifest);
    await helm.uninstall(release, { timeoutSeconds: request.timeoutSeconds });
    const summary = `Uninstalled release ${release.name} from namespace ${release.namespace}, removing ${removed.length} object(s)${removed.length ? `: ${removed.join(', ')}` : ''}.`;
    runner/* info */.pq(summary);
    return { found: true, removed, summary };
}

;// CONCATENATED MODULE: ./src/deploy/index.ts





;// CONCATENATED MODULE: ./src/cluster/discovery.ts
/** The `serverVersion` of `kubectl version -o json`; a provider's `20+` minor counts as 20. */
function parseServerVersion(stdout) {
    try {
        const server = JSON.parse(stdout).serverVersion;
        const major = Number.parseInt(server?.major ?? '', 10);
        const minor = Number.parseInt(server?.minor ?? '', 10);
        if (!server || Number.isNaN(major) || Number.isNaN(minor))
            return undefined;
        return { major, minor, gitVersion: server.gitVersion || `v${major}.${minor}` };
    }
    catch {
        return undefined;
    }
}
/** The reads discovery makes: hand them to `readAll` beside others, and through runCommand they share one invocation. */
const DISCOVERY_READS = [{ kind: 'version' }, { kind: 'api-versions' }];
/** The group-versions in `kubectl api-versions`'s answer (`policy/v1`, `v1`…); undefined when it could not say. */
function parseApiVersions(result) {
    if (result?.exitCode !== 0)
        return undefined;
    return result.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
}
/** What the answers to DISCOVERY_READS say; what could not be read stays undefined. Pure. */
function discoveryFrom([version, apiVersions]) {
    const served = parseApiVersions(apiVersions);
    return {
        ...(version?.exitCode === 0 && { version: parseServerVersion(version.stdout) }),
        ...(served && { apiVersions: served }),
    };
}

// EXTERNAL MODULE: ./src/inputs/key-path.ts
var key_path = __webpack_require__(4804);
;// CONCATENATED MODULE: ./src/values/merge.ts
// Helm's merge rules for values, plus a memory of which source set each key, so that when two sources disagree
// the user is told which one won, and a bad value is blamed on the input it came through. Maps merge key by key;
// lists and scalars replace whole, as Helm does.

const isMap = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
/** Sources the user did not choose: overriding them is the point, not a conflict worth a warning. */
const ACTION_DEFAULTS = { label: 'action defaults' };
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
const sameValue = (a, b) => a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
const newOrigin = () => ({ children: new Map() });
function sourcesIn(origin, found) {
    const pending = [origin];
    for (let node = pending.pop(); node; node = pending.pop()) {
        if (node.source)
            found.add(node.source);
        pending.push(...node.children.values());
    }
}
class ValuesMerger {
    values = {};
    origins = newOrigin();
    conflicts = new Set();
    get warnings() {
        return [...this.conflicts];
    }
    /** Merges a whole layer of values from one source. `path` is where the layer goes; it is used as scratch. */
    merge(layer, source, path = []) {
        for (const key of Object.keys(layer)) {
            const value = layer[key];
            path.push(key);
            if (isMap(value) && Object.keys(value).length > 0)
                this.merge(value, source, path);
            else
                this.assign(path, value, source);
            path.pop();
        }
    }
    /** Sets one key path (list indexes allowed), creating the maps and lists on the way. */
    assign(path, value, source) {
        let node = this.values;
        for (let i = 0; i < path.length - 1; i++) {
            const wantList = typeof path[i + 1] === 'number';
            let child = childOf(node, path[i]);
            if (wantList ? !Array.isArray(child) : !isMap(child)) {
                if (child !== undefined && child !== null) {
                    this.replacing(path.slice(0, i + 1), source);
                    // What set the value replaced no longer sets anything here: the keys about to be set under it name theirs.
                    const replaced = this.originAt(path.slice(0, i + 1), false);
                    if (replaced)
                        Object.assign(replaced, { source: undefined, children: new Map() });
                }
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
        const origin = this.originAt(path, true);
        origin.source = source;
        origin.children.clear();
        // A copy, so that later `set` lines that index into a list never edit the layer it came from.
        setChild(node, last, typeof value === 'object' && value !== null ? structuredClone(value) : value);
    }
    /** The origin node of `path`, created on the way when `create`; undefined when absent. */
    originAt(path, create) {
        let origin = this.origins;
        for (const key of path) {
            let child = origin.children.get(key);
            if (!child) {
                if (!create)
                    return undefined;
                child = newOrigin();
                origin.children.set(key, child);
            }
            origin = child;
        }
        return origin;
    }
    /** Who set the value at `path`: its own source, or the source that set the map or list holding it. */
    originOf(path) {
        let found;
        let origin = this.origins;
        for (const key of path) {
            origin = origin.children.get(key);
            if (!origin)
                break;
            found = origin.source ?? found;
        }
        return found;
    }
    /**
     * Who set the value at `path`, also when it is a map merged key by key (no source of its own): then the source
     * of one of its keys.
     */
    originAtOrUnder(path) {
        const found = this.originOf(path);
        if (found)
            return found;
        const under = new Set();
        const at = this.originAt(path, false);
        if (at)
            sourcesIn(at, under);
        return [...under][0];
    }
    /** How warnings and the plan name who set the value at `path`. */
    sourceOf(path) {
        return this.originOf(path)?.label;
    }
    /** Records a warning for each other source whose setting at or under `path` is about to be overwritten. */
    replacing(path, source) {
        const losers = new Set();
        const at = this.originAt(path, false);
        if (at)
            sourcesIn(at, losers);
        // Nothing set at or under it: the value came whole from a setting above (a list, a map given as one value).
        const nearest = this.originOf(path.slice(0, -1));
        if (losers.size === 0 && nearest)
            losers.add(nearest);
        const key = (0,key_path/* formatKeyPath */.K7)(path);
        for (const loser of losers) {
            if (loser.label === source.label || loser === ACTION_DEFAULTS)
                continue;
            this.conflicts.add(`\`${key}\` is set by ${loser.label} and by ${source.label}; ${source.label} wins.`);
        }
    }
}

;// CONCATENATED MODULE: ./src/values/secrets.ts
// Which leaves of the final values are secrets, what else derives from them (the pull secret's base64 forms),
// and the redacted copy that is safe to print. A leaf is secret when its key names one (password, pwd, pass,
// secret, token, api key, credential, auth, connection string), when its value carries one (a URL with a password,
// a connection string with Password= or AccountKey=, a SAS signature, a private key), when it equals a secret the run
// knows already (a secret input), or when `secret-values` names its path or one above it. The names and shapes are
// the secrets module's vocabulary.



/** The chart's stand-ins like `<docker-pwd>`: not secrets, and worth seeing in the printed values. */
const PLACEHOLDER = /^<[^>]*>$/;
/** Values no secret is: masking `true` would hide every `true` in the log. */
const NOT_A_SECRET = /^(true|false|yes|no|on|off|null|)$/i;
function derivedSecrets(values) {
    const credentials = Array.isArray(values.imageCredentials) ? values.imageCredentials : [];
    return credentials.filter(isMap).flatMap((item) => {
        const { registry, username, password } = item;
        if (typeof password !== 'string' || !password)
            return [];
        return (0,src_secrets/* pullSecretForms */.xg)(String(registry ?? ''), String(username ?? ''), password);
    });
}
function findSecrets(values, hints) {
    const known = new Set(hints.known.filter(Boolean));
    const envNames = new Set(hints.secretEnvNames);
    const markedPaths = new Set(hints.secretPaths.map(key_path/* formatKeyPath */.K7));
    const found = new Set(known);
    const paths = [];
    // One walk to find the secrets, with one path array as scratch: a large values tree is mostly short strings.
    const path = [];
    const isEnvName = () => path.length === 3 && path[0] === 'environment' && path[1] === 'data' && envNames.has(String(path[2]));
    const find = (node, marked, named) => {
        const child = (value, key, isNamed) => {
            path.push(key);
            find(value, marked || (markedPaths.size > 0 && markedPaths.has((0,key_path/* formatKeyPath */.K7)(path))), isNamed());
            path.pop();
        };
        if (Array.isArray(node))
            node.forEach((item, index) => child(item, index, () => named));
        else if (isMap(node))
            for (const key of Object.keys(node))
                child(node[key], key, () => (0,src_secrets/* isSecretName */.eh)(key) || isEnvName());
        else if (typeof node === 'string' || typeof node === 'number') {
            const text = String(node);
            if (NOT_A_SECRET.test(text) || PLACEHOLDER.test(text))
                return;
            if (!(marked || named || known.has(text) || (0,src_secrets/* carriesSecret */.Md)(text)))
                return;
            found.add(text);
            paths.push((0,key_path/* formatKeyPath */.K7)(path));
            for (const part of (0,src_secrets/* embeddedSecrets */.uG)(text))
                found.add(part);
        }
    };
    find(values, false, false);
    for (const secret of derivedSecrets(values))
        found.add(secret);
    return { secrets: [...found], paths };
}
/** A copy safe to print: secret leaves become ***, secrets quoted inside other strings (a URL) are cut out. */
function redactValues(values, secrets) {
    const found = new Set(secrets);
    const set = new src_secrets/* SecretSet */.rE(() => undefined);
    set.add(...secrets);
    return visitLeaves(values, (leaf) => {
        if (typeof leaf !== 'string' && typeof leaf !== 'number')
            return leaf;
        if (found.has(String(leaf)) && !NOT_A_SECRET.test(String(leaf)))
            return src_secrets/* REDACTED */.XF;
        return typeof leaf === 'string' ? set.redact(leaf) : leaf;
    });
}
function visitLeaves(node, change) {
    if (Array.isArray(node))
        return node.map((item) => visitLeaves(item, change));
    if (isMap(node)) {
        const copy = {};
        for (const key of Object.keys(node))
            copy[key] = visitLeaves(node[key], change);
        return copy;
    }
    return change(node);
}

;// CONCATENATED MODULE: ./src/kubernetes-schema/schema.ts
// Rendered objects against the OpenAPI schemas of one Kubernetes version (schema-data.ts, generated from a kept
// package by scripts/kubernetes-schema.ts). Pure. It finds what a newer API server than the real-cluster tier's would
// refuse or silently drop: an apiVersion/kind it does not serve, a field it does not know (a typo is dropped with a
// warning, or refused under strict field validation), a value of the wrong type. Objects of groups the schemas do
// not know (custom resources) are left to the cluster.

/** `Deployment/portkey-ai-gateway`, the way findings name an object. */
function objectName(object) {
    const name = object.metadata?.name;
    return `${object.kind}/${typeof name === 'string' ? name : '?'}`;
}
/** `V1Container` → `Container`, `CoreV1Event` → `Event`: the schema's model names carry their version. */
const kindOfModel = (model) => model.replace(/^(?:[A-Z][a-z]+)*V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
const groupOf = (apiVersion) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
/** `.name`, or `["app.kubernetes.io/name"]` for a key that is not a plain identifier. */
const member = (key) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
const describe = (value) => value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : typeof value;
/**
 * Whether a scalar fits its type. The package writes a Quantity (`cpu: 1`) as a plain string, so a number is taken
 * where a string is expected; a boolean there is refused by every API server (an unquoted `true` in a label).
 */
function scalarFits(value, type) {
    switch (type) {
        case 'string':
            return typeof value === 'string' || typeof value === 'number';
        case 'date-time':
            return typeof value === 'string';
        case 'integer':
            return Number.isInteger(value);
        case 'number':
            return typeof value === 'number';
        case 'boolean':
            return typeof value === 'boolean';
        case 'int-or-string':
            return Number.isInteger(value) || typeof value === 'string';
        default:
            return true;
    }
}
const TYPE_NAMES = {
    string: 'a string',
    'date-time': 'a date-time string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'a boolean',
    'int-or-string': 'an integer or a string',
};
function walk(value, type, path, schema, report) {
    // null is "not set" to the API server, whatever the field's type.
    if (value === null || value === undefined || type === 'any')
        return;
    const at = path || 'the object';
    if (type.startsWith('[]')) {
        if (!Array.isArray(value))
            return report(path, 'wrong-type', `${at} is ${describe(value)}, expected a list`);
        value.forEach((item, index) => walk(item, type.slice(2), `${path}[${index}]`, schema, report));
        return;
    }
    if (type.startsWith('{}')) {
        if (!isMap(value))
            return report(path, 'wrong-type', `${at} is ${describe(value)}, expected a map`);
        for (const [key, item] of Object.entries(value))
            walk(item, type.slice(2), `${path}${member(key)}`, schema, report);
        return;
    }
    const fields = schema.types[type];
    if (!fields) {
        if (!scalarFits(value, type))
            report(path, 'wrong-type', `${at} is ${describe(value)}, expected ${TYPE_NAMES[type]}`);
        return;
    }
    if (!isMap(value))
        return report(path, 'wrong-type', `${at} is ${describe(value)}, expected a map`);
    for (const [key, item] of Object.entries(value)) {
        const child = path ? `${path}${member(key)}` : key;
        const fieldType = fields[key];
        if (fieldType === undefined)
            report(child, 'unknown-field', `${child} is not a field of ${kindOfModel(type)}`);
        else
            walk(item, fieldType, child, schema, report);
    }
}
/** Every object of a rendered manifest against `schema`; objects without an apiVersion and kind are not objects. */
function checkObjects(objects, schema) {
    const groups = new Set(schema.kinds.map(([apiVersion]) => groupOf(apiVersion)));
    const result = {
        kubernetes: schema.kubernetes,
        source: schema.source,
        checked: 0,
        skipped: [],
        findings: [],
    };
    for (const object of objects) {
        if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
            continue;
        const { apiVersion, kind } = object;
        const name = objectName({ ...object, kind });
        if (!groups.has(groupOf(apiVersion))) {
            result.skipped.push(`${apiVersion} ${name}`);
            continue;
        }
        const served = schema.kinds.find(([version, k]) => version === apiVersion && k === kind);
        if (!served) {
            const elsewhere = schema.kinds.filter(([, k]) => k === kind).map(([version]) => version);
            const instead = elsewhere.length ? `; it serves ${kind} as ${elsewhere.join(', ')}` : '';
            result.findings.push({
                object: name,
                apiVersion,
                problem: 'not-served',
                message: `${apiVersion} ${kind} is not served by Kubernetes ${schema.kubernetes}${instead}`,
            });
            continue;
        }
        result.checked++;
        const stage = /^v\d+(alpha|beta)\d+$/.exec(apiVersion.split('/').at(-1) ?? '')?.[1];
        if (stage) {
            result.findings.push({
                object: name,
                apiVersion,
                problem: 'off-by-default',
                message: `${apiVersion} is ${stage === 'alpha' ? 'an alpha' : 'a beta'} API of Kubernetes ${schema.kubernetes}: an API server serves it only when it is turned on (every alpha API and the beta APIs added since 1.24 are off by default)`,
            });
        }
        walk(object, served[2], '', schema, (path, problem, message) => result.findings.push({ object: name, apiVersion, ...(path && { path }), problem, message }));
    }
    return result;
}

;// CONCATENATED MODULE: ./src/kubernetes-schema/cluster.ts

/** Objects whose apiVersion the cluster's own discovery does not list (nothing when it could not say). */
function servedByCluster(objects, cluster) {
    if (!cluster.apiVersions)
        return [];
    const served = new Set(cluster.apiVersions);
    const version = cluster.version ? ` (${cluster.version.gitVersion})` : '';
    return objects.flatMap(({ apiVersion, kind, metadata }) => typeof apiVersion === 'string' && typeof kind === 'string' && !served.has(apiVersion)
        ? [
            {
                object: objectName({ kind, metadata }),
                apiVersion,
                problem: 'not-served',
                message: `${apiVersion} is not served by this cluster${version}`,
            },
        ]
        : []);
}
/**
 * A "not served" finding about an apiVersion the cluster at hand still serves: true of the version checked, not yet of
 * this cluster, which the finding then says.
 */
function servedUntilUpgrade(findings, cluster, kubernetes) {
    const served = new Set(cluster.apiVersions ?? []);
    const version = cluster.version?.gitVersion ?? 'at hand';
    return findings.map((finding) => {
        if (finding.problem !== 'not-served' || !served.has(finding.apiVersion))
            return finding;
        return {
            ...finding,
            message: `${finding.message} (this cluster, ${version}, still serves it: a cluster of ${kubernetes} will not)`,
        };
    });
}
function describeCheck(check, context) {
    const checked = `${check.checked} object${check.checked === 1 ? '' : 's'} checked against the OpenAPI schemas of Kubernetes ${check.kubernetes} (${check.source})`;
    const skipped = check.skipped.length
        ? ` ${check.skipped.length} of an API group the schemas do not know (a custom resource) left to the cluster.`
        : '';
    if ('render' in context) {
        return `${checked}, and against no other version: a render has no cluster.${skipped}`;
    }
    const version = context.cluster.version;
    if (!version)
        return `${checked}; the cluster's version could not be read.${skipped}`;
    const [major, minor] = check.kubernetes.split('.').map(Number);
    const order = version.major - major || version.minor - minor;
    const cluster = `The cluster is ${version.gitVersion}`;
    if (order === 0)
        return `${checked}. ${cluster}, the version checked.${skipped}`;
    const relation = order < 0 ? 'older' : 'newer';
    const gap = order < 0
        ? `an API or field added after ${version.major}.${version.minor} is not known to it`
        : `an API removed or a field added after ${check.kubernetes} is not known to the check`;
    return `${checked}. ${cluster}, ${relation} than the schemas checked (${check.kubernetes}): ${gap}; the cluster's own API server validated the objects in the dry run.${skipped}`;
}

;// CONCATENATED MODULE: ./src/kubernetes-schema/index.ts
// The check of rendered objects against the Kubernetes OpenAPI schemas, as the plan and render stages use it. The
// schemas (about 80 KB of generated data) are loaded on the first check, not when the action starts.




/** The objects of a manifest; a document YAML cannot parse (a key rendered twice) is named, not checked. */
function objectsOf(manifest) {
    const objects = [];
    let unparsed = 0;
    for (const document of (0,dist/* parseAllDocuments */.hR)(manifest)) {
        if (document.errors.length > 0)
            unparsed++;
        else {
            const value = document.toJS();
            if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
                objects.push(value);
            }
        }
    }
    return { objects, unparsed };
}
async function checkManifest(manifest, context) {
    const { SCHEMA } = await __webpack_require__.e(/* import() */ 298).then(__webpack_require__.bind(__webpack_require__, 6298));
    const { objects, unparsed } = objectsOf(manifest);
    const check = checkObjects(objects, SCHEMA);
    if ('cluster' in context) {
        // The cluster's own discovery says whether it serves an alpha or beta API: servedByCluster names it if not.
        const known = context.cluster.apiVersions
            ? check.findings.filter((f) => f.problem !== 'off-by-default')
            : check.findings;
        check.findings = [
            ...servedUntilUpgrade(known, context.cluster, check.kubernetes),
            ...servedByCluster(objects, context.cluster),
        ];
    }
    const unparsedNote = unparsed
        ? ` ${unparsed} document${unparsed === 1 ? '' : 's'} YAML could not parse, not checked.`
        : '';
    const version = 'cluster' in context ? context.cluster.version?.gitVersion : undefined;
    return { ...check, ...(version && { cluster: version }), note: describeCheck(check, context) + unparsedNote };
}
/** One line per finding, for the log's warnings and the summary's. */
const schemaWarnings = (report) => report.findings.map((finding) => `Kubernetes ${report.kubernetes} schema check: ${finding.object}: ${finding.message}.`);
/** The note in the log, each finding as a warning. */
function logSchemaReport(report) {
    runner/* info */.pq(report.note);
    for (const warning of schemaWarnings(report))
        runner/* warning */.$e(warning);
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
        into.set((0,key_path/* formatKeyPath */.K7)(prefix), { path: prefix, value: values });
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
/** Whether `key` is `path` or lies under it. */
const under = (key, path) => key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`);
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
        const hidden = (side, leaf) => !!leaf && !!side.secretPaths?.some((p) => under(key, p));
        const secret = secretKeys.has(key) || hidden(live, old) || hidden(planned, next);
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
    const helm = new client/* HelmClient */.ES(session, seams);
    const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
    // The cluster's discovery asked with the release's reads: through runCommand they share one invocation.
    const { status, manifest: liveManifest, values: liveValues, alongside, } = await helm.current(release, DISCOVERY_READS);
    const cluster = discoveryFrom(alongside);
    const planned = await dryRunManifest(input, helm);
    const deployed = deployedSide(liveValues, input);
    const redact = (text) => input.secrets.redact(text);
    const manifest = diffManifests(liveManifest ?? '', planned, release.namespace, redact);
    const values = diffValues(deployed, { values: input.merged.values, redacted: input.merged.redacted, sourceOf: input.merged.sourceOf }, redact);
    const result = {
        release,
        deployedRevision: status?.revision,
        hasChanges: manifest.changes.length > 0,
        counts: manifest.counts,
        headline: describeCounts(manifest.counts),
        resources: manifest.changes,
        unchangedResources: manifest.unchanged,
        values,
        schemaCheck: await checkManifest(planned, { cluster }),
    };
    logPlan(result);
    return result;
}
/** The manifest a deploy would apply: helm's server-side dry run of the same upgrade (the canary copies it too). */
async function dryRunManifest(input, helm) {
    const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
    const files = (0,helm_args/* upgradeFiles */.Cn)(input.chart, input.valuesPath);
    const dryRun = await helm.runChange(release, (0,helm_args/* dryRunArgs */.oK)(input.chart, input.valuesPath), files);
    if (dryRun.exitCode !== 0) {
        const message = input.secrets.redact((0,helm_release/* helmMessage */.S_)(dryRun.stderr, dryRun.stdout));
        // A release stuck pending, an unreachable cluster: what a deploy would say, naming the same input.
        const advice = adviseOnKnownHelmFailure(message, release) ?? {
            input: 'values',
            hint: 'The API server refused what a deploy would apply, so a deploy would fail the same way: fix the values or inputs named in the message.',
        };
        throw new errors/* ActionError */.l(`The server-side dry run of release ${release.name} failed: ${message}`, advice);
    }
    return JSON.parse(dryRun.stdout).manifest ?? '';
}
/** `environment.data` when the chart put it in a Secret: unless the values say otherwise, it does. */
function envSecretPaths(values) {
    const environment = isMap(values.environment) ? values.environment : {};
    return environment.create === false || environment.secret === false ? [] : ['environment.data'];
}
const parsedKeyPath = (text) => {
    try {
        return [(0,key_path/* parseKeyPath */._q)(text)];
    }
    catch {
        return [];
    }
};
/**
 * The deployed values (none when nothing is deployed) and which of them are secret, whatever this run says: the
 * paths that revision recorded as secret, then this run's hints and the vocabulary on top. Their values join the
 * run's secrets, so the manifests' diff hides them too. A revision that recorded nothing (deployed by an older
 * version of the action, or by hand) also has every key of its env Secret shown as secret, its values not masked: a
 * port or a service name would otherwise vanish from every line of the log.
 */
function deployedSide(deployed, input) {
    if (!deployed)
        return { values: {} };
    const { values, secretPaths: recorded } = (0,src_secrets/* readSecretPaths */.lj)(deployed);
    const hints = input.merged.secretHints;
    const secretPaths = [...hints.secretPaths, ...(recorded ?? []).flatMap(parsedKeyPath)];
    const found = findSecrets(values, { known: input.secrets.added, ...hints, secretPaths });
    input.secrets.add(...found.secrets);
    return {
        values,
        redacted: redactValues(values, found.secrets),
        secretPaths: recorded ? [] : envSecretPaths(values),
    };
}
/** The plan in the log; diffs, keys and sources come from the values and manifests, so they print fenced. */
function logPlan(plan) {
    const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'no deployed release';
    runner/* info */.pq(`Plan for release ${plan.release.name} against ${against}: ${plan.headline}.`);
    for (const change of plan.resources) {
        runner/* info */.pq(`${change.action} ${change.resource}`);
        if (change.diff)
            (0,src_secrets/* printForeign */.Qr)(change.diff);
        if (change.secretKeys)
            runner/* info */.pq(`  Secret keys changed (values not shown): ${JSON.stringify(change.secretKeys)}`);
    }
    const values = plan.values.map((value) => `value ${value.action} ${value.key} (${value.source ?? 'removed'})${value.secret ? ', secret' : ''}`);
    if (values.length)
        (0,src_secrets/* printForeign */.Qr)(values.join('\n'));
    if (plan.schemaCheck)
        logSchemaReport(plan.schemaCheck);
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
        runner/* warning */.$e(`No plan for this deploy: ${error instanceof Error ? error.message : String(error)}`);
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

;// CONCATENATED MODULE: ./src/plan/plan-file.ts
const writePlanFile = (plan, workspace, outbound) => outbound.jsonFile(workspace, 'plan', plan);

;// CONCATENATED MODULE: ./src/plan/index.ts
// The plan stage as main.ts sees it: what a deploy would change, and the machine-readable file of it.



// EXTERNAL MODULE: ./src/verify/cluster-reads.ts
var cluster_reads = __webpack_require__(3935);
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
/**
 * The registry's refusal, in the words containerd and the kubelet pass on (the pod's message or its Failed event):
 * the credentials are wrong, as opposed to an image that does not exist ("not found", "manifest unknown").
 */
const REFUSED_PULL = /unauthorized|authentication required|access denied|denied:|\b401\b|\b403\b|forbidden/i;
/**
 * What to do about each fatal reason, and which input most likely caused it; `evidence` (the pod's message and its
 * events) tells a pull the registry refused from one of an image that is not there.
 */
function adviceFor(reason, evidence = '') {
    switch (reason) {
        case 'CrashLoopBackOff':
            return {
                hint: 'The gateway process exits right after it starts. Read the log lines in the diagnosis: a wrong ' +
                    'portkey-client-auth, an unreachable Redis or log store, or a bad env value are the usual causes.',
            };
        case 'ImagePullBackOff':
        case 'ErrImagePull':
            if (REFUSED_PULL.test(evidence) && !/not found|manifest unknown|repository does not exist/i.test(evidence)) {
                return {
                    input: 'registry-password',
                    hint: 'The registry refused the pull: the credentials are wrong or lack access to the image. Check ' +
                        'registry-username, registry-password and registry-server (for an ACR attached to the cluster, ' +
                        'image-pull-secret: none instead; for a Secret of your own, image-pull-secret with its name).',
                };
            }
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
    const blocks = [lines.join('\n'), (0,cluster_reads/* section */.uW)('Recent events', mapRead(found.events, cluster_reads/* formatEvents */.nS))];
    if (wantsPreviousLogs(failure)) {
        const logs = await (0,cluster_reads/* readLogTail */.Ty)(tools, seams, { namespace, pod: failure.pod, container: failure.container, previous: true }, input.signal);
        blocks.push((0,cluster_reads/* section */.uW)(`Last log lines of the previous run of ${failure.container}`, logs));
    }
    const eventMessages = found.events.ok ? found.events.value.map((event) => event.message ?? '') : [];
    const advice = adviceFor(failure.reason, [failure.message ?? '', ...eventMessages].join('\n'));
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
        (0,cluster_reads/* section */.uW)('Workloads', { ok: true, value: [...progress.map((p) => p.summary), ...missing] }),
    ];
    if (lastError)
        blocks.push(`Last error while watching: ${lastError}`);
    const notReady = seen.watched.flatMap((w) => w.pods
        .filter((p) => !isPodReady(p))
        .map((pod) => ({ pod, namespace: w.workload.metadata.namespace ?? input.namespace })));
    for (const [index, { pod, namespace }] of notReady.slice(0, 3).entries()) {
        const events = await (0,cluster_reads/* readEvents */.wj)(tools, seams, namespace, pod.metadata.name, input.signal);
        const parts = [
            (0,cluster_reads/* section */.uW)(`Pod ${pod.metadata.name}`, { ok: true, value: describeNotReady(pod) }),
            (0,cluster_reads/* section */.uW)('Recent events', mapRead(events, cluster_reads/* formatEvents */.nS)),
        ];
        const container = pod.status?.containerStatuses?.find((c) => !c.ready);
        if (index === 0 && container && (container.state?.running || container.restartCount)) {
            const previous = !container.state?.running;
            const logs = await (0,cluster_reads/* readLogTail */.Ty)(tools, seams, { namespace, pod: pod.metadata.name, container: container.name, previous }, input.signal);
            parts.push((0,cluster_reads/* section */.uW)(`Last log lines of ${container.name}`, logs));
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
    const helm = new client/* HelmClient */.ES(session, seams);
    const cluster = (0,local/* clusterPort */.q)(session, seams);
    const manifests = new Map();
    const replicaFailureSince = new Map();
    let last = { kind: 'no-release' };
    let lastError;
    const options = { deadline: input.deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal };
    const report = await (0,poll/* poll */.wt)({ ...options, wake: input.wake }, seams, async () => {
        const seen = await rollout_observe(input, helm, cluster, manifests, last.kind === 'progress' ? last : undefined);
        if (!seen.ok) {
            if (ACCESS_DENIED.test(seen.error)) {
                throw new errors/* ActionError */.l(`Cannot watch the rollout of release ${input.releaseName}: ${seen.error}`, {
                    hint: 'The identity needs read access to workloads, pods, events and pod logs in the namespace.',
                });
            }
            lastError = seen.error;
        }
        else {
            last = seen.value;
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
/** The reads that tell a look's workloads and their pods, from what it knows of them. */
function workloadReads(refs) {
    return [...new Set(refs.map((r) => r.namespace))].map((namespace) => ({
        kind: 'objects',
        names: refs.filter((r) => r.namespace === namespace).map((r) => `${r.kind.toLowerCase()}/${r.name}`),
        namespace,
        ignoreNotFound: true,
    }));
}
function podsRead(workload, namespace) {
    const resource = workload.kind === 'Deployment' ? 'pods,replicasets' : 'pods';
    return { kind: 'objects', resource, namespace, selector: selectorToString(workload.spec?.selector) };
}
/**
 * One look: the release's newest revision, its workloads and their pods. The reads the last look made are asked
 * together with the history, in one batch (one invocation in a private cluster); an answer is used when this look
 * asks the very same read, and what this look needs that the last did not (a new revision's workloads, a changed
 * selector) is read after it.
 */
async function rollout_observe(input, helm, cluster, manifests, previous) {
    const { releaseName: name, namespace, signal } = input;
    const history = { kind: 'release', what: 'history', release: { name, namespace }, max: 1 };
    const expected = previous
        ? [
            ...workloadReads(previous.refs),
            ...previous.watched.map((w) => podsRead(w.workload, w.workload.metadata.namespace ?? namespace)),
        ]
        : [];
    let answered;
    let release;
    let refs;
    try {
        const [historyAnswer, ...answers] = await cluster.readAll([history, ...expected], signal);
        answered = new Map(expected.map((read, i) => [JSON.stringify(read), answers[i]]));
        release = (0,helm_release/* parseHistory */.i6)((0,client/* releaseAnswer */.q0)(history, historyAnswer) ?? '[]').at(-1);
        if (!release)
            return { ok: true, value: { kind: 'no-release' } };
        if (input.sinceRevision !== undefined && release.revision <= input.sinceRevision) {
            return { ok: true, value: { kind: 'old-revision', revision: release.revision } };
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
            return { ok: false, error: error.message };
        throw error;
    }
    const read = async (request) => (0,cluster_reads/* parseObjects */.MB)(answered.get(JSON.stringify(request)) ?? (await cluster.read(request, signal)));
    const watched = [];
    for (const request of workloadReads(refs)) {
        const workloads = await read(request);
        if (!workloads.ok)
            return workloads;
        for (const workload of (0,cluster_reads/* listItems */.Dw)(workloads.value)) {
            const items = await read(podsRead(workload, request.namespace));
            if (!items.ok)
                return items;
            watched.push({ workload, pods: currentPodsOf(workload, items.value) });
        }
    }
    return { ok: true, value: { kind: 'progress', release, refs, watched } };
}
function currentPodsOf(workload, answer) {
    const items = (0,cluster_reads/* listItems */.Dw)(answer);
    const pods = items.filter((i) => i.kind === 'Pod');
    const replicaSets = items.filter((i) => i.kind === 'ReplicaSet');
    return currentPods(workload, pods, replicaSets);
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
            const events = await (0,cluster_reads/* readEvents */.wj)(tools, seams, namespace, pod.metadata.name, input.signal);
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

// EXTERNAL MODULE: ./src/verify/gateway-service.ts
var gateway_service = __webpack_require__(4381);
;// CONCATENATED MODULE: ./src/verify/address.ts
// Finds where the deployed gateway answers: the load balancer's (or Ingress's) published address, and the Services the
// in-cluster smoke test reaches through the API server. A Service with no external address needs no wait at all, and
// nothing is opened: the smoke test's in-cluster path goes through the API server (see service-proxy.ts).






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
        signal,
    };
}
/** Where the gateway answers, as the log shows it (`npm run bench` times the action by this line). */
function describeAddress(address) {
    return `Gateway: ${address.url}${address.mcpUrl ? `, MCP gateway: ${address.mcpUrl}` : ''}`;
}
async function waitForAddress(input, tools, seams) {
    const address = await findAddress(input, tools, seams);
    runner/* info */.pq(`${describeAddress(address)} (${ADDRESS_SOURCE[address.via]})`);
    return address;
}
const ADDRESS_SOURCE = {
    'load-balancer': 'the load balancer of its Service',
    ingress: 'its Ingress',
    'cluster-ip': 'its in-cluster address: the Service has no external address',
};
async function findAddress(input, tools, seams) {
    const fullname = (0,gateway_service/* gatewayFullname */.tb)(input.releaseName, input.values);
    const target = (0,gateway_service/* findGatewayTarget */.VS)(parseManifest(input.manifest), fullname);
    if (!target) {
        throw new errors/* ActionError */.l(`The release's manifest has no gateway Service named ${fullname} with a port.`, {
            input: 'server-mode',
            hint: 'The chart names it after fullnameOverride or the release name; with SERVER_MODE `mcp` the gateway ' +
                'Service has no port. Check values that rename or disable the Service.',
        });
    }
    const wantsMcp = (0,gateway_service/* servesMcp */.Vh)(input.values);
    const common = {
        port: target.port,
        internal: target.internal,
        serviceName: fullname,
        inClusterUrl: (0,gateway_service/* inClusterUrl */.D9)(fullname, input.namespace, target.port),
        service: { name: fullname, port: target.port },
        mcpService: wantsMcp ? mcpServicePort(target) : undefined,
    };
    if (target.ingress) {
        const found = await waitForPublished('ingress', target.ingress.name, input, tools, seams);
        const scheme = (host) => (target.ingress.tlsHosts.includes(host) ? 'https' : 'http');
        const host = input.ingressHost || found.ip || found.hostname;
        return {
            ...common,
            ...found,
            port: scheme(host) === 'https' ? 443 : 80,
            url: (0,gateway_service/* baseUrl */.pc)(host, scheme(host) === 'https' ? 443 : 80, scheme(host)),
            mcpUrl: wantsMcp
                ? input.mcpHost
                    ? (0,gateway_service/* baseUrl */.pc)(input.mcpHost, scheme(input.mcpHost) === 'https' ? 443 : 80, scheme(input.mcpHost))
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
            url: (0,gateway_service/* baseUrl */.pc)(host, target.port),
            mcpUrl: wantsMcp ? mcpUrlOnService(target, host, input.namespace) : undefined,
            via: 'load-balancer',
        };
    }
    const mcpUrl = wantsMcp
        ? mcpUrlOnService(target, `${fullname}.${input.namespace}.svc.cluster.local`, input.namespace)
        : undefined;
    return { ...common, url: common.inClusterUrl, mcpUrl, via: 'cluster-ip' };
}
/** The MCP gateway's own Service when mcp-service made one (that is where its users go), else its port beside the gateway's. */
function mcpServicePort(target) {
    if (target.mcpService)
        return target.mcpService;
    return target.mcpPort ? { name: target.serviceName, port: target.mcpPort } : undefined;
}
/** MCP on the gateway Service's own `mcp` port, else on the separate MCP Service (in-cluster only). */
function mcpUrlOnService(target, host, namespace) {
    if (target.mcpPort)
        return (0,gateway_service/* baseUrl */.pc)(host, target.mcpPort);
    if (target.mcpService)
        return (0,gateway_service/* inClusterUrl */.D9)(target.mcpService.name, namespace, target.mcpService.port);
    return undefined;
}
async function waitForPublished(kind, name, input, tools, seams) {
    const deadline = seams.now() + input.timeoutSeconds * 1000;
    runner/* info */.pq(`Waiting up to ${input.timeoutSeconds} s for ${kind} ${name} in ${input.namespace} to get an IP address or hostname.`);
    let lastError;
    const found = await (0,poll/* poll */.wt)({ deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal }, seams, async () => {
        const read = await (0,cluster_reads/* readObjects */.$I)(tools, seams, { resource: kind, names: [name], namespace: input.namespace }, input.signal);
        lastError = read.ok ? undefined : read.error;
        return (read.ok && read.value && (0,gateway_service/* loadBalancerAddress */.$$)(read.value)) || undefined;
    });
    if (found)
        return found;
    const events = await (0,cluster_reads/* readEvents */.wj)(tools, seams, input.namespace, name, input.signal);
    const diagnosis = [
        (0,cluster_reads/* section */.uW)(`Events of ${kind} ${name}`, events.ok ? { ok: true, value: (0,cluster_reads/* formatEvents */.nS)(events.value) } : events),
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

// EXTERNAL MODULE: ./src/verify/smoke-test.ts + 1 modules
var smoke_test = __webpack_require__(2570);
// EXTERNAL MODULE: ./src/verify/service-proxy.ts
var service_proxy = __webpack_require__(8219);
// EXTERNAL MODULE: ./src/verify/availability/index.ts + 2 modules
var verify_availability = __webpack_require__(2463);
;// CONCATENATED MODULE: ./src/verify/index.ts
// The verify stage as main.ts sees it: watch the rollout, find the address, smoke-test it.






// EXTERNAL MODULE: ./src/github/index.ts + 3 modules
var github = __webpack_require__(8496);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/seams.ts
var src_seams = __webpack_require__(4772);
;// CONCATENATED MODULE: ./src/cluster/session.ts
// The cluster session every later stage works in: the installed binaries, the kubeconfig with credentials kept
// fresh, and a private helm home; or, for a private cluster the runner cannot reach, the cluster's own helm and
// kubectl, run in it through Resource Manager's runCommand.


/**
 * The allow-listed runner environment plus the action's own helm home and kubectl cache (away from the user's
 * repositories and `$HOME/.kube/cache`, so the post step's cleanup is complete) and kubeconfig; nothing of the job's
 * own HELM_* or KUBECONFIG. KUBECACHEDIR moves the discovery and HTTP caches of kubectl 1.25+ and of helm's client-go.
 */
function privateHelmEnv(workDir, kubeconfigPath, base = process.env) {
    const home = external_node_path_.join(workDir, 'helm');
    return {
        ...(0,src_seams/* runnerEnv */.I8)(base),
        HELM_CONFIG_HOME: external_node_path_.join(home, 'config'),
        HELM_CACHE_HOME: external_node_path_.join(home, 'cache'),
        HELM_DATA_HOME: external_node_path_.join(home, 'data'),
        HELM_REPOSITORY_CONFIG: external_node_path_.join(home, 'config', 'repositories.yaml'),
        HELM_REPOSITORY_CACHE: external_node_path_.join(home, 'cache', 'repository'),
        KUBECACHEDIR: external_node_path_.join(workDir, 'kube-cache'),
        ...(kubeconfigPath && { KUBECONFIG: kubeconfigPath }),
    };
}
/** The session the stages work in: helm and kubectl here with the kubeconfig, or in the cluster through runCommand. */
async function openSession(parts, workspace, seams, signal) {
    const { tools, route, clusterName } = parts;
    if ('runCommand' in route) {
        const local = { helm: tools.helm, env: privateHelmEnv(workspace.dir) };
        const { runCommandSession } = await __webpack_require__.e(/* import() */ 924).then(__webpack_require__.bind(__webpack_require__, 5924));
        const input = { local, api: route.runCommand, clusterName, workspaceDir: workspace.dir, seams };
        return runCommandSession(input, signal);
    }
    const { kubeconfigPath, refreshCredentials } = route;
    return {
        ...tools,
        env: privateHelmEnv(workspace.dir, kubeconfigPath),
        access: { via: 'kubeconfig', kubeconfigPath, refreshCredentials },
    };
}

// EXTERNAL MODULE: ./src/inputs/extra-objects.ts
var extra_objects = __webpack_require__(9310);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/helm/post-renderer.ts
// Objects the action adds to the release that Portkey's chart has no template for (the PodDisruptionBudget), added so
// that helm owns them: a post-renderer appends them to what the chart rendered, so the plan's dry run shows them, the
// release's manifest records them and `helm uninstall` removes them. Helm 3 runs a post-renderer given as a path;
// helm 4 only as a `postrenderer/v1` plugin, found in HELM_PLUGINS (by default $HELM_DATA_HOME/plugins, which the
// session puts in the run's private folder). The program is a shell script that copies its input and then prints
// the objects written into it: no secret is in them, it reads nothing else and runs nothing from PATH.




const PLUGIN_NAME = 'portkey-added-objects';
/**
 * `policy/v1` where the API server serves it (Kubernetes 1.21+, every supported AKS version), else `policy/v1beta1`;
 * an API server that cannot say gets v1, which helm's dry run then checks.
 */
async function disruptionBudgetApi(session, seams) {
    const served = parseApiVersions(await (0,local/* clusterPort */.q)(session, seams).read({ kind: 'api-versions' })) ?? [];
    return served.includes('policy/v1beta1') && !served.includes('policy/v1') ? 'policy/v1beta1' : 'policy/v1';
}
/** The shell program: helm's rendered manifests from stdin, then the objects, each a JSON document. */
function postRendererScript(objects) {
    const documents = objects.map((object) => `---\n${JSON.stringify(object)}`).join('\n');
    // A quoted here-document: the shell expands nothing in it. JSON has no line of its own equal to the delimiter.
    // /bin/cat by its path, as every tool the action runs: a `cat` planted on PATH would rewrite what helm applies.
    return `#!/bin/sh\nset -e\n/bin/cat\nprintf '\\n'\n/bin/cat <<'PORTKEY_ADDED_OBJECTS'\n${documents}\nPORTKEY_ADDED_OBJECTS\n`;
}
function pluginManifest() {
    return [
        'apiVersion: v1',
        'type: postrenderer/v1',
        `name: ${PLUGIN_NAME}`,
        'version: 1.0.0',
        'runtime: subprocess',
        'runtimeConfig:',
        '  platformCommand:',
        '    - command: ${HELM_PLUGIN_DIR}/render.sh',
        '',
    ].join('\n');
}
/**
 * Writes the post-renderer into the session's helm data folder and returns what `--post-renderer` takes: the
 * plugin's name for helm 4, the script's path for helm 3. Written fresh each run, never over a file already there.
 */
async function writePostRenderer(objects, session) {
    const dataHome = session.env.HELM_DATA_HOME;
    if (!dataHome)
        throw new Error('the session has no private helm data folder for the post-renderer');
    // Helm 3 would refuse the versioned plugin.yaml it finds in HELM_PLUGINS (with a warning on every command).
    const helm4 = session.helm.major === 4;
    const dir = helm4 ? external_node_path_.join(dataHome, 'plugins', PLUGIN_NAME) : external_node_path_.join(dataHome, PLUGIN_NAME);
    await (0,promises_.mkdir)(dir, { recursive: true, mode: 0o700 });
    const script = external_node_path_.join(dir, 'render.sh');
    await (0,promises_.writeFile)(script, postRendererScript(objects), { mode: 0o700, flag: 'wx' });
    if (!helm4)
        return script;
    await (0,promises_.writeFile)(external_node_path_.join(dir, 'plugin.yaml'), pluginManifest(), { mode: 0o600, flag: 'wx' });
    return PLUGIN_NAME;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/tools/archive.ts
// One file out of helm's archive, read in this process: Node's zlib and a reader for the one tar (or zip) member the
// action needs. Nothing is looked up in PATH (a `tar` or `gzip` planted there could swap the binary it hands back)
// and no child process sees the step's environment. The archive is in memory and was verified before this runs.




const BLOCK = 512;
/** zlib's default 16 kB output chunks cost twice the CPU of 1 MB ones on a 60 MB binary. */
const INFLATE_CHUNK = 1 << 20;
/** Bytes pulled from a stream on demand: whole headers, or a member's content chunk by chunk. */
class ByteQueue {
    source;
    chunks = [];
    length = 0;
    constructor(source) {
        this.source = source;
    }
    /** False when the stream ended first. */
    async fill(bytes) {
        while (this.length < bytes) {
            const next = await this.source.next();
            if (next.done)
                return false;
            this.chunks.push(next.value);
            this.length += next.value.length;
        }
        return true;
    }
    take(bytes) {
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        this.chunks = all.length > bytes ? [all.subarray(bytes)] : [];
        this.length = all.length - bytes;
        return all.subarray(0, bytes);
    }
    /** The next `bytes` bytes, as they arrive, without gathering them. */
    async *stream(bytes) {
        let left = bytes;
        while (left > 0) {
            if (this.length === 0 && !(await this.fill(1)))
                throw new Error('the archive ends inside a file');
            const chunk = this.take(Math.min(left, this.chunks[0].length));
            left -= chunk.length;
            yield chunk;
        }
    }
    async skip(bytes) {
        for await (const chunk of this.stream(bytes))
            void chunk;
    }
}
const archive_text = (field) => field.toString('utf8', 0, field.indexOf(0) === -1 ? field.length : field.indexOf(0));
/** A tar number: octal text, or base-256 when the high bit of the first byte is set (GNU, files over 8 GiB). */
function tarNumber(field) {
    if (field[0] & 0x80)
        return field.subarray(1).reduce((value, byte) => value * 256 + byte, field[0] & 0x7f);
    const digits = archive_text(field).trim();
    if (!/^[0-7]*$/.test(digits))
        throw new Error(`a tar header holds "${digits}" where a number belongs`);
    return digits ? parseInt(digits, 8) : 0;
}
/** `path=` of a pax extended header (records `<length> <key>=<value>\n`). */
function paxPath(records) {
    for (const record of records.toString('utf8').split('\n')) {
        const match = /^\d+ path=(.*)$/s.exec(record);
        if (match)
            return match[1];
    }
    return undefined;
}
const normalise = (name) => name.replace(/^(\.\/)+/, '');
/** The content of regular file `member` of an uncompressed tar stream, or undefined when there is none. */
async function tarMember(tar, member) {
    const queue = new ByteQueue(tar[Symbol.asyncIterator]());
    let longName;
    while (await queue.fill(BLOCK)) {
        const header = queue.take(BLOCK);
        if (header.every((byte) => byte === 0))
            return undefined;
        const size = tarNumber(header.subarray(124, 136));
        const type = String.fromCharCode(header[156] || 0x30);
        const padded = Math.ceil(size / BLOCK) * BLOCK;
        if (type === 'x' || type === 'L') {
            if (!(await queue.fill(padded)))
                throw new Error('the archive ends inside a header');
            const body = queue.take(padded).subarray(0, size);
            longName = type === 'x' ? (paxPath(body) ?? longName) : archive_text(body);
            continue;
        }
        const ustar = header.toString('latin1', 257, 263) === 'ustar\0';
        const prefix = ustar ? archive_text(header.subarray(345, 500)) : '';
        const name = normalise(longName ?? (prefix ? `${prefix}/` : '') + archive_text(header.subarray(0, 100)));
        longName = undefined;
        if (type === '0' && name === member)
            return queue.stream(size);
        await queue.skip(padded);
    }
    return undefined;
}
/** The content of `member` of a zip archive (stored or deflated); nothing when there is none. */
function zipMember(zip, member) {
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0)
        throw new Error('it is not a zip archive (no end of central directory)');
    const entries = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    for (let entry = 0; entry < entries; entry++) {
        if (zip.readUInt32LE(at) !== 0x02014b50)
            throw new Error('its zip central directory is damaged');
        const flags = zip.readUInt16LE(at + 8);
        const method = zip.readUInt16LE(at + 10);
        const compressed = zip.readUInt32LE(at + 20);
        const nameLength = zip.readUInt16LE(at + 28);
        const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
        const local = zip.readUInt32LE(at + 42);
        const name = normalise(zip.toString('utf8', at + 46, at + 46 + nameLength));
        at += 46 + skip;
        if (name !== member)
            continue;
        if (flags & 1)
            throw new Error(`${member} is encrypted in the zip archive`);
        if (compressed === 0xffffffff)
            throw new Error(`${member} is a zip64 entry, which this reader does not take`);
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = external_node_stream_.Readable.from([zip.subarray(start, start + compressed)]);
        if (method === 0)
            return data;
        if (method === 8)
            return data.pipe((0,external_node_zlib_.createInflateRaw)({ chunkSize: INFLATE_CHUNK }));
        throw new Error(`${member} uses zip compression method ${method}, not stored or deflated`);
    }
    return undefined;
}
/**
 * Writes `member` of the verified `archive` to `destination`, which must not exist yet (so nothing planted there is
 * followed), readable and runnable by the runner's user alone. False when the archive holds no such file.
 */
async function extractMember(archive, format, member, destination) {
    const gunzip = format === 'tar.gz' ? external_node_stream_.Readable.from([archive]).pipe((0,external_node_zlib_.createGunzip)({ chunkSize: INFLATE_CHUNK })) : undefined;
    try {
        const content = gunzip ? await tarMember(gunzip, member) : zipMember(archive, member);
        if (!content)
            return false;
        const file = await (0,promises_.open)(destination, 'wx', 0o700);
        try {
            await (0,external_node_stream_promises_.pipeline)(content, file.createWriteStream());
        }
        finally {
            await file.close().catch(() => undefined);
        }
        return true;
    }
    finally {
        gunzip?.destroy();
    }
}

// EXTERNAL MODULE: ./src/tools/artifacts.ts
var artifacts = __webpack_require__(2892);
;// CONCATENATED MODULE: ./src/tools/checksum.ts
// A binary that will run with cluster credentials is installed only when its SHA-256 matches what the publisher
// (or the workflow author, via helm-sha256 / kubectl-sha256) says it should be. No checksum, no install.

const sha256Pattern = /^[0-9a-f]{64}$/;
/** The hash in a published checksum file: `<hash>  <file>` (helm) or a bare `<hash>` (kubectl). */
function parseChecksumFile(text) {
    const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    return sha256Pattern.test(first) ? first : undefined;
}
/** The user's hash when given, else the published checksum file; a missing or unreadable one fails closed. */
async function expectedChecksum(inputs, seams) {
    const { label, userSha256, sha256Input, urlInput, checksumUrl } = inputs;
    if (userSha256) {
        const sha256 = userSha256.trim().toLowerCase();
        if (!sha256Pattern.test(sha256)) {
            throw new errors/* ActionError */.l(`${sha256Input} is not a SHA-256 (64 hexadecimal characters).`, { input: sha256Input });
        }
        return { sha256, source: sha256Input };
    }
    const refuse = (why) => new errors/* ActionError */.l(`Refusing to install ${label} without a checksum: ${why}`, {
        input: urlInput,
        hint: `If your mirror does not publish checksum files, set ${sha256Input} to the expected SHA-256 of the download.`,
    });
    let response;
    try {
        response = await seams.http({ url: checksumUrl });
    }
    catch (error) {
        throw refuse(`could not fetch ${checksumUrl}: ${error.message}`);
    }
    if (response.status !== 200)
        throw refuse(`${checksumUrl} answered HTTP ${response.status}.`);
    const sha256 = parseChecksumFile(response.body);
    if (!sha256)
        throw refuse(`${checksumUrl} does not hold a SHA-256.`);
    return { sha256, source: checksumUrl };
}
function assertChecksum(actual, expected, inputs, url) {
    if (actual === expected.sha256)
        return;
    throw new errors/* ActionError */.l(`Checksum mismatch for ${inputs.label}: ${url} has SHA-256 ${actual}, but ${expected.source} expects ${expected.sha256}. Nothing was installed.`, {
        input: expected.source === inputs.sha256Input ? inputs.sha256Input : inputs.urlInput,
        hint: expected.source === inputs.sha256Input
            ? `Check the value of ${inputs.sha256Input} against the publisher's checksum.`
            : 'The download was corrupted or the mirror serves a different file than it lists; retry, then check the mirror.',
    });
}

;// CONCATENATED MODULE: ./src/tools/helm-release-keys.ts
// helm's release signing keys: every armored block of the KEYS file of github.com/helm/helm (commit e9b85e4,
// 2026-08-20), the file helm's installation guide has users import. Each archive on get.helm.sh has a detached
// OpenPGP signature (`.asc`) made with one of them. Primary key fingerprints: 672C657B E06B4B30 969C4A57 461449C2
// 5E36B98E (Matthew Farina), F1261BDE 929012C8 FF2E501D 6EA5D759 8529A53E, 967F8AC5 E2216F9F 4FD270AD 92AA783C
// BAAE8E3B, 76939899 B137D575 D3274E75 6DCCB9D7 52D35BA8, 49D09C86 C3DC8DA3 F0A07622 1EF61234 7F8A9958,
// ABA25295 98F6626C 420D335B 62F49E74 7D911B60, 4AB45F1C B0D29297 5C637143 6E2A23D8 06B6E6DD, 208DD36E D5BB3745
// A16743A4 C7C6FBB5 B91C1155 (Scott Rigby), 7FEC81FA CC7FFB2A 010ADD13 C2D40F4D 8196E874, BF888333 D96A1C18
// E2682AAE D79D67C9 EC016739. Update it from that file when helm adds a release key.
const HELM_RELEASE_KEYS = `
-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBFoFERgBEADdhgM8EPo9fxnu2iW75r4uha2TrhWaO3EJIo53sa6U9nePIeWc
oWqjDZqYvIMJcylfocrVi4m6HdNcPrWo5pSWeKd8J9X8d4BUhoKFmJdHqWzgokwW
Rk06Doro2FHFyHoPPrI3a1HGVWA0xFhBYqSbim4j/Q0FouS566MofeRGnnacJ88z
Z7yErN5Gy4jk7pOgwvMewoGpEd8FMcyYSJfSjeoqdIZYp89EKTLbgQZuOJ9yVZnY
c0mtpH57UbkrkGv8hRuViWSO99q/mpMQyWQGYVoTV4QM/0q4jUbkRazaeY3N4hGC
I6Xf4ilWyNmmVODI6JcvWY+vXPtxIKjEjYiomVCF6jCYWWCA7cf3+kqJ+T4sc0NF
fseR/TAOkDV/XsZ1ufbSHBEiZTIjLvoAGJ+u+3go+UysVVCw4L1NSGFeDrZ97KSe
w0MeuV2SYfdZ4so7k4YDNbBLTVx0V/wl+laFtdjo167D18AYw54HIv3snHkjABfY
7Q06Ye7FuuKzdrj9KpmzUYnN3hRGqe84GIcM3D5+vElj0vyg8th32Dig5Xi38s0M
sz7hPg+oFk7csslMVAnLtWYvsv2FMSKB9FUHYv9AJ6yjYfyLlQgjjda0z6Sq5zpu
qVZqTNSxEIZFDKfTgQV6rocIK5VKP063KS6qwpHzPxKADaLTUPOWeum9/wARAQAB
tCRNYXR0aGV3IEZhcmluYSA8bWF0dEBtYXR0ZmFyaW5hLmNvbT6JAk4EEwEIADgW
IQRnLGV74GtLMJacSldGFEnCXja5jgUCWgURGAIbAwULCQgHAwUVCgkICwUWAwIB
AAIeAQIXgAAKCRBGFEnCXja5jjtQEADJvSx67Qz8gTxvUH3HaMsXaeb6BG3zLJXj
34pqAGNkKB4/ZgpFVYE1R0QuvYn9CbFpD1UcSank3L3xBroeOEUN3kvOg3D6Bv8f
mtwtW1TDjaWDTa0mZ8icanjXVNfK3K8pAwni2FPrW/tesEt/8GI48ZxPMzHk1qrL
8mETLRn1EBL3vq5qPDIK87XhhW9WAgwsadn6BQKSTSVVUACBAlV7EbqE4DHqhwYz
D1HrEIAtXkkb9JJejUnAbiOqPmm9s6iWC13K1P27FB8EEYiKxL8kb7xv5xW7+Pmg
kb03OqZtZYu9Fl1MF1zVQe4mXVflcbj7mYU1kb8vepD6bOUA89z8FggU2Q38cxkD
TYQsxpGwWz3nvEu29KbHmjQja1+G5D8kQ8bv1mNdiXQbOz51v2+7vowKKUoPQfp9
n8Ez4dxWVrFtf218Mtt8wbYmmVYijLIBDArYKDeVqNNua8YC9641DcvRdCCvaYEx
Q9vWKjpAWmXKy2bb7TQ2TjGRh+Ly47z+PTluqUeYuBREAN4Hd4xwiClRbhb3I9To
YTJkPOkaOR967zBho5orA8xww4hcsufhjqsoU0/MGbG6jvJihHFR9Jq+0gVzakca
K8tGRSA8l5xdjow5dVOPzeXuKDPuvHEwa63TWsH5H8s6iembNT1H9bate8wQT1TN
9PH/6sthz4kCMwQQAQgAHRYhBFER2nPfEtjoEspGLyzbv7s3roIqBQJcET6LAAoJ
ECzbv7s3roIqozgQAIG5IqJ7hYjndCLW2MBLEa9oA04QSgF9qcqfiG00tjhBVwEK
YE6r7BUgC7r7dP1xVa/+5lVRATfiJ+Raq7udm/RQsamyp9Q8xBOuavPcJDZMX5m7
OqPZMs+TDFPYM914GIWPAQf9ehaHHnmCNZXExxYlnZBPFsOcLYSNGH/xQeiA+q3F
tCOdRhjcpbt4rcx+Jq/l6X3cxstFwcYeljhvebblpwcVNJVArVrWZmosFl3rz3bs
PKfZKAvjV65knRkra73ZjN+YEYMMr6MzvVh/cnigk9XHgu5Y7imLv9qf1leyFCaa
oJoQDAcHIfs/eQmaEbYUyw/jX53/PyGqXlmkW7D3wqAGH5yx+ske7otCiaHHoTK0
vHsEvO9b4dLtr0uMMNRO7St+3EtMa070s537XymG1HSeW8QbVEg/+w2YW5DyTe5p
WaNJS6WUc7UuIgEWvgitVxhUheZRumh5/EW673yI8iUchGslAuL1W5R1rXQfMPVA
BsI8D8pWs9EKjP4Lpu1Wgoxm0O4kaAxRbbHjrIYLtoRRrakr+kfqjZ/rJM89JQpl
NWNBZ61IDKROj7U2kLAxCJSB3RfAuqinyFGjxod7ENW7u6z0SCdupybbmylAfD+T
t3Z2DBB9tjxNnsgb2pbcm8cDGrJOZhIDdcVChvMXnHNxEmXbHvTKocci0t4viQIz
BBABCgAdFiEESdCchsPcjaPwoHYiHvYSNH+KmVgFAlwRP38ACgkQHvYSNH+KmVgP
rxAAkhggTXggRwpWzgU7PRsj347DqtH3f/2EfTOhAi6PGOiw2EFocTrx47WHAjs6
XFT+c0yHCv58fGHKrrfeOT1VCjk2xf0NSdf00CTHO+DqepNiXzFYCJ0fUTL3w2JC
ugrfhwEdVH3TYJffFlmi0VZVCrGT3ZU1H+N/mVcd4FniOPWaGYoSG15iift4cAO/
CynMFUbl5NYCuE/z9lR8o/3KSu7vuffLsvXdkxCX6fjxkSWcBKgH7ts7OWyPv9H1
r/I295CoG9ZmeKVtScY7lamb+vOw9ryHbTACo0aprPQ1kCjr+3JIJdodNkRQvzZX
Ayxmc/zWSmPlJ7zjVkmoLaU7YmN7dPaVpQiELQGKhm/TyH++ZxoA4Rw4dwtqqk86
+F5ncsqJ107IW7ce6lnZVEvUBD4DHkMRQQZOA9hWBxVeDznjXzfpNNTB07mtzArG
nrbbnNu3epUPthZlhQ8C+dZeBOfGzyr3Aj6CQqKMziiL2Tf4Coa7PhHRBs6rf1PD
xNhnnybCvaMJEMSyX6b/lqb967yVI6g3TXQvi0cGGvYmwEBOiKkXSRHtQBjC1Ocq
qUjzg1dvyfJu84S0kSt2oEHL5n1TAvIrwqNNOwS6CL0x2pSLOVhZmpummSqybvsF
YJjctDJvBA7URB9asMOK3CS6UsJaVzUFkybxaYIdUPylh1mJAjMEEAEKAB0WIQSr
olKVmPZibEINM1ti9J50fZEbYAUCXBE1mgAKCRBi9J50fZEbYEcVEACOTG1qO0m/
+8T2S8rskKDrgoXMi22x3n4SqdKIA5TwWdWp18nVyXIxUWvI1cS73WupHNtEKTLc
+yObvNo1N3syj/5c14RcRLUcWTFKs596TcUP5/xNH33j0nFplKplBP4MegnduXsB
HibxiEycpkTFVxc3xbW9KeWSzqEHxxOXE1okL0SDWTj/oNRToaDc4zdm26veZd25
ycxqRkksZZCPuczqb2SB/mDqHx1jl4z2B6CzN3OUzMk40a77xwZXKNGTO4+fMEOJ
Flch8YQXh+gPbS1F/Q7qCrQOkhoV3nI/0CxNgWNcPrUd52xtGHzgxbdrgT7L0XMO
/KmIu1O8E+znjOxcSAklwh1xLsT01193vbVyW2pcmmtqo1ku0taLlw4T7VHQNb88
uOKucXlA10L2lFFnqBWLOuZDcVpgywMjIrKTPoEpDcVPaBUDQCFBZE9ogA/Edhlo
mxGxhtzG/O6wwFcLoleMH1Lf6zMxhwOAIvkWVjsuQ312uVy1RNY7b3UFrxOw8/qq
UBy6AFE/dp9PF8BIQ37NHKeAlvCexEedwJi4RwH0hUQkBhxBeNrTOEE7cCaZ9Shz
IWhPKxSRKKblYY4fpDzl2uMBwdetk9jfZF2ofoSOKXTVh+YJ8PzncD6xJVesbMIW
0aPkERdmz8JeGBclBR0miED+zidofWCgD7kCDQRaBREYARAAqiqhYIA3ci/sJ7y3
mJaQ/lsL2nsy+RgW52ETpLp3tIO2r3rxNn7CB/kJhPimDIo4OJSV2bl3Sr2llgwX
PrBQ+Z5bCUV70uc1U0vvJEW/r9tkyOu3YV7VXWXtaQWkCgxIqWgNJvU5A/9/6vz9
u1RdMZwxpjy/4HuWvHYRXlJmeeca/BEoaYWMRlECuJjIBcAzuVJTlKBT7x7U4Ptc
qqZGbzr0+zU39y1kMXu/ayldlsF3k6DKYZYNaa8cKNqorV0FqBVm1JZSjiAAWqGp
tmYxUmv/riY6cP28tP3G6noH1XqzEvZ3fdYIsGM29YQ1Y1vrVrrBVju/aMzss498
czxMtp8e0sudHt+ommUDkA2WBEPuqJPIcOj+7bvFiv6smyxcU8VmsyEapknq+Dq8
wG0w3fGsRdy8puc5COz/3xuiFlHQ97wtnnmyWbmdQmx7EfZcGWFfnK6HwEXAbcjO
aaFwSISK8ROgqoKfTss6/8Go+vbmtKJQH2w1fQArnPHGu9qFM/sBNhZ+ieiZ6x1H
CdU3qvuycFZMSsMhk4ER2vJdeJ8tu2jUhMOIuA/VUgUblCJkAaBE9wXaiibCZ/XT
XBXVb81v+EpLsoc5G/wrg35D5U/Gqqc+KAABK2zHa4L7rIs6jb2daeRrUBytsWm2
Exq5sE1Uf5mioHtZpbr6rKIGzT0AEQEAAYkCNgQYAQgAIBYhBGcsZXvga0swlpxK
V0YUScJeNrmOBQJaBREYAhsMAAoJEEYUScJeNrmOb2oQALYcLV3wFFR5v9zpEPdS
haOIpYyuFBkN0FoID+w7Hb7R3pyl7c6nLI9tyFEkJBM1faGke8vKj6HZSfcyX1Lo
2rBL+yW7Gu8z3uEbkTnPFew9LnutGFuFTnbpVdLcpsbm2lG5yhdmjvJBKI4CfX4Z
UFlhyGtwqsl+1lpUgvOuMI2HjyHcFbzkhiSRDQvtXCgJu6orjzEvqiKNM4MM7PMJ
AwU0Lf3NV/p1H2mFllfotmXVZ/TjXuGcOYH56gcf4XpkuD5Vb2Qhu7IbR6TneC5j
yPdC0yQYcXqrpYhNBmlbXIoEL1m0xXhrFVPxS3QeMfkhQOqjvhaxBGCt29YJaTfQ
ugN7I1YfEJIxTap8xzEdJ+80YL3iNCIzaWSsd/xUKpobHSsu4RU1cv//S+5qD3WZ
NfcUoBgmfPC7NXCoKrEVXk5QKh3efKnAkMQrxdWRiwSuenf4Yk4fWXcTyCXsMPVB
qjcZRuOpow7tU9AuBoMyJ1XrznHoubdnc29iGN51Hrhvp/uNxjsCgPgQtpL/8znk
dgfzXU5CYJDYHa6fubUTHVZfLKbzBEI2XY1nqVu+QEO86tkY9Ef4PFMknThTAJDC
ph3xIx/sBb5s3c/XH9JgWEiyO3rMEzZecgF34OJgwnc5gl63a4k1cF0cxzkCZYi3
k6XI/RkkRzdN1CSdCapbDJDvuQINBFoFEeUBEAChZUqlI7FLQIY6GEo0bhJ4oMp2
jQi22zb9ZmqqcmRbWfNKfCfm/cXNDabccqzPRTWezq6hVYYPz6cSnzXpxPBIQufZ
IoMVLKDbTS0RTFVwQsYu9qGdZ52J2bq6qMWK0I2n6lECNkbOB0bZ3aPxe3yw4McP
6u+SU+b0ArMvIGqq1cmKSpkAQB0kBK/gGzEj26d30jMSN393BZ/ESEs7PZyaie3O
CdT71Cmh6xNxv0IwmgbUo54diXL9hEYTrI3hPyCKFeAoiTjlpz9ah7DPoOHgd9lD
Rd4a6VdMrdz7m5aFWo/NVuoty9spGYLG0p9N7zSaUAdO/96mn+W18hbL7EkU7/Db
Ubt5ZP34YOI46aI8YRZKiTq6NI4WglZDxu9PFGoCx4lyvhgKOwcQHySverAyb0Y1
qeNCL9uk6oBHB2bXlAhBBOORtL5rGD+ICCuCV4g1ZEoN7sJBMxNMXORzRZ1crdlr
10lld/Mg0udl2Hgatfx+i+Y0ae/W0Ibr417H5q7iHr85ivTQ6mRU3hMuzQSoWZK8
vixjvOK401Gre22q5jq1IPinACcu6VUto9Wbo8C1msSsWgHrqLRFeqp18BoIVY5s
QCvcsGlyD7MdJQohpmJ7al/kNVOidhGf7TtcSolWF7gLZacMRYbGWhbDhpOIhIpl
jiWTg8oWRl9KPbwzBQARAQABiQRyBBgBCAAmFiEEZyxle+BrSzCWnEpXRhRJwl42
uY4FAloFEeUCGwIFCQlmAYACQAkQRhRJwl42uY7BdCAEGQEIAB0WIQRxHyjVEOHg
vL1fa/6UNugL+6RpCQUCWgUR5QAKCRCUNugL+6RpCSgsD/40XzObgPRpbIRQaJL1
FgynrXUh3dJHdqB5Yi/pYshFuI+nnjpAGTyYyk75WlfvUmzY4HgNmh9yCjWketc0
SdulPkWQ093Y38bQ9WGVQ7NLnZ47AUTuImqEdKcR4wu9F3nGD+cyNWE5fao62tYd
hlzrP1rLz8kALtswc9PVYLEKnqNCBtlGoWdeW7K1lYVG4666/uYvHzOzsUQ0MqVT
HDjpvxEcVRA0EW47m2TVj6IYAsM+0J93aFRr4OKXf4bu1ejxRz4Pdx73QsjeZwlN
5F4FpnmegdUbNR3azeGcF0qiOjPCNu3xi5lDFPKCRZLnCAqMsvv92Z/GWryNAuDj
H9tsmbDUwYXc1QUbdsu+p2jVm79yPgJUIvcy/kwOd0/GYUDOme2NvhF252aOO6Mt
OnTCrQoX0mIY/IisIjwi+2LEpQVyNDu7AGu581LYFGhBDUqiy5CyQ2neHS+k9iq2
06dVdqETpiybizUZm2aQ8FlRV0j6PVKrqAzi0cMYJC+Gh/fNvx61goJ1tEDdh+LK
Mw0Js7OCtH7Wu1D0U/qDl3137PIBSv10BZ3SkbZDqivV5YhyGhvEewiXsbamE6VZ
AHGZ5pfd/0tkqAW9UQqw1AdqYBsAtE4yeU63xPcz7B4VyyIdRNxnjQiEg+SEpDyy
Gl2kGtt+cIbEYZovTrrW2cM0FzGhD/4rRIDfd+IvhZ86BbYoIv4oreiZVjIhFAYI
7e0DfVliBXNOHFErghu3FisUrfTM5g7RHA0Snk8OGO/Yu2mSXYKVvygIlfi3i+7B
0eZxhZEOsHXgO3v4WtY5/67Q1XXF9J7MY9Ke9gqp0E8HRFsECfEoSCRdaaic5PIT
veUEkHs6q6W+J5ULNTqdWsmSdgNWQh3Zbhh0Ih9m9nioAlZHaKnEZXGt8GsUimr7
ffRuYgxF+kuWT8UwQu0Tc47QrYgZIpxH4WI6Rc6qKAo/4DLK2Q3Y15kJFqi8He0t
U7fWXMtrdQxxkz94WTFokISVVRZxSfZ8VkGjVHAgk6NVBgp+2zjiwfwS16qbOUOY
ikR3WTCbyStdePLaXgAFxA7g/pl5/f0IF3/IoGdTGjWoRqnBZG7NfP7bYF1CKe4f
a87Z47LriyL70BFosJqBNMJUEorS9w8sBbnmMUdpGMyk7PH386W95ib7AEOtRttL
uzYetY4LljxgMsloRgYX+Kg5i6fkntG6rod8LNYg7jWObWaIqlPoTo1RNoujYAnE
qdCDQHoUOgtZ4v6+QaxI3WV1KPBsPb7SAjuphubIQVK/6qHse9OoWVwWAABXHFqX
2qV4dyq6mq87ohTcRrZqt64ekD8H3Qe4xkYSzsWZTc0qovhs+G+dSTJ709xuV2EP
+YMbPW0/IQ==
=g11H
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBFzcLlgBEACsmjtsbfMuKiKBl3yV5FsQBxvmNyhIwUJMtjgm5CMFcOLD+jDw
mExfsE8sM5fqfS5P7NFHn3V6NY/GyKNH3DZHGhYwDw/vG6JfHo1s9IzhjySuWEtL
7GUCJBKXk2cDfk4p0lHRgEtoYjG/sRMgk3y7WTR/W0McxllcrQQBB3RREbz8y7r7
atJCeec36SSZgXqsyXAESx5dx7qRTdIwObPTCGxBdj2ZkgzT3D35EExdi9I8oM6L
bYOyUPy0aEj/FX6HVBOIWNGB0z8TYXjwY6/3gJG1JhaFZK1zvYogJ3p8jO07bTwo
/AzYAG4NoV4TqTyFPmb0d0+wE+lZOWA3FfF0YtYnNe3KPmPJZ/TXdTO6kle24UTy
Q9GK2s8QB3V9NA09/YoSF1qdjRfL5jo7XnRJztfFgIqW118I4EKSF+kz3hCMxH1Y
iCvHIHFQs+WX6g1bXHDI8JWe7VDiCVYwMxap8o/vtEKoETH9fjOEO/f/YF68hqpX
7eYTacDEV72qikHz/O0hNyeS1m/AnavPrd5RQi53vOT/KhwM+wC4a1bAywQUDZDW
KkSEkTqjzcSryj3DJR6EZ9y4F11Kt4TZoxHvh59UCcVyaTZPl/YdcRWom6eGo/5U
K1MFeF7fTK9ZVuJnvG6av2/W7Sbz9KaJxLHhUNAQ+ytdVkN9xfXrx1HP7QARAQAB
tChNYXJ0aW4gSGlja2V5IDxtYXJ0aW4uaGlja2V5QGllLmlibS5jb20+iQJOBBMB
CgA4FiEE8SYb3pKQEsj/LlAdbqXXWYUppT4FAlzcLlgCGwMFCwkIBwIGFQoJCAsC
BBYCAwECHgECF4AACgkQbqXXWYUppT5IFA//b64QqKN/ookqqeKEUMUOMoZUTi2t
4HPtzX/nqOXDb0zyIyaJaJlgxz+LuoN8CrSrwnmTY/ibKsFS7xkFRIeKYSb9b2no
NPb8F0SVtxYFQJ8d4WU1snAWFJd8aMe3+z8w15Mqz1Sd1lS/sN5s101rbh8jtFZD
NnAZqyfUgIhVq243XfhP4/mHPinpXjjF+APlMbdsOqnWgxzp8E9hpCd/YLb6KY0j
JbwryzH52ha9ZDMdMipH557+Xutcl4Wyn8RsJy38J0qBvy2p8AMZIYotw6pSCedi
7Iva+EitGSXXgRWbR6O68JvUgrFDOjcPKSQy7AlwhTase+b4OA9c3DgSxR5SMBR6
OLYaIuDeVY2Zjr0ydFdxrfQzlHget7axRH0aaMimyCNfRa3HJea8ffF/Ssv2meUF
IPIhYLn7SBrVoTISu38S6WkhBBkDiHAW7nqV+mWR3cnVjIzIjW56bI06NZ4kqtvk
D9TX7b+KV20cSjjbSGI70023oHFoJSpLsj9+otvPwNrYC2oD0qTLBfNMkpcktnnw
I2uynQrPNbQVeA+cKrECJeyl2yAC4WXvP4ZefvFZX6RnL9HiiZ+pDyBt6Yq3A9AA
NhRd8zEAKNwH88tFmWMinTzCZz04bKvql+E7A3MAaR8WS3BG3JfLXMqOKiMfCHr5
4Gn3rD4UGtFfxoy5Ag0EXNwuWAEQAKuxVJDOjG+xuaaO2Z/6BQfTaz6/zgzql/pR
UHInKSt5ts2LGdRhfvsNBzGBhoneLWZ8PivHRGSZFsFj5Nzy9/DIkopdHSZhP/zB
aqihHgFJTKxKBfrhP60bYQGBkHNMVwqbFuck24DUCzrMyJXG15f252aY7ByCIIem
SHbmPww5q6HPEPS+hHE4ka4N4s+vqL+oK8ktq7lnZCX+AZ4jIuMAoh/C851hLcr5
EK+a6tXa2yRJtJfj44GX6+nBVm2w+3eHqOpD7JM7NqWmo41+qg3t2J3zHQf/0ejP
ej+OcVdEBD5zlJL+CNZ9PCMBUOrb+IbqY3ybmJieipOJtOCY8nwUyCueyTmq1tso
OwUsGB9hIsVY11wNgoNgrA6PhExGxcM5S/0Rt4+y/pwFjnqYLXBXyBSjXzzmpjhn
zERjmANlI8QLKHDdShgboDUt3Ynw+D/peTS9iJMIPuUTrcGcKgw4+6FNKACnJ5l7
Wvz7apgD8QmxnSZMquul23bGihhbQMITWvdF5KEHE06Ah1bOzB3KXBEVx00Y0tO/
hsY8XH4T/pEKv9FsIF6R4o2k/xm6jR9eZutABVIrizMHkZzjjo1ZC8b15olrZvLa
/DtNHzV5nPPSvGZPcey9BYk6b5GGCfT/EiWtJz8Nxm7/cCYRvuuZnGCxriH6XPww
v8kPNihfABEBAAGJAjYEGAEKACAWIQTxJhvekpASyP8uUB1upddZhSmlPgUCXNwu
WAIbDAAKCRBupddZhSmlPikmD/9UrspSeSjwaXSj2vCpO1pWm6ryVQc2ZzyMnXvq
j5HLwzaVsN8HM/YADK5FL6qqhxrROOZdSHjS92sxk2Rab23gGRKbwDUJmerheZ4B
ZXG40fDOPv45PZ8V0Kn9bzliNpPBFPjoaI8X1AKoIXyUqEy98Y/zhnLDhW/+yPrO
gznPfO5ds75+u4xOx9pTfGpdwt6qhfCdNHUoZWsAw/6pafqrCIvbHjGvmMJyYENS
dl6sPYBeiDkJkH67sGvJghjedhNznnXJ8+sm701eTqZkmpxzc0jvzwgnnYb0rAzS
uU3QNj9w5HcGQd/pk29Ui8A4VWLJOUcDCVa/CIQMQqQDPYJKxaj7XgE+dQ9MxQ3a
O0wgpEo2+4BaZ4I/qP8CgaE9q4IopMhNKPR1IeEFUmTsIzLVAktS/InshFWWUp5e
mEss8kiqxU9bAGZvWopllCaPJQTDZElQpW84Z0afyVLPp47CoKcXBSMsITFt3mRf
ZXAA6h8UlSgC7FV1YT4p6qsHqQ3cLERdTSrQFLmaCb2yRCR2V9d0RiMaIwUmnbld
g1jeR4weO3LLghuWpfZHruDrDU2ZvOAObQIQdHBFmCHejA/gilf0MUdJ1h2gApuJ
m3MUub704EDCTSqz9LJc+4/NbA2esZj7mExCtsMEqaoHW7BU4ws6BRHTyeHgi+Le
1qneNQ==
=oCPv
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBFqpgxYBEAC1+yf/KFw2AQlineurz7Oz8NyYMlx1JnxZvMOFrL6jbZGyyzyy
jBX5Ii++79Wq1T3BL+F/UFhgruQbbzL8SiAc8Q55Ec7z/BVxM7iQPLCnFRqztllx
Ia1D1dZ9aFIw4P92kQgOQGPOgIxFRwEPA0ZX5nbZfL/teNhphW7vHaauk9xEJddm
Pyy3l9xCRIKQVMwuCaLeH0ZZpBllddwuRV4ptlQ30MpOnaalQda9/j3VhNFEX8Nj
nu8GHn+f4Lzy6XmhHb++JB3AIo5ZfwaUS2xMrnObtvmGHR3+uP/kblh9MzZlmL4T
ldclyGaV7z9Z/xGwnX/+r7xna/fr3mey3GXm29BOP2sUBBQCba05X5nYUd2TjWsZ
OZtE6sLuzUzeOTLEDu28IJoiaYnLKDNzDmuVM26xAYVWXUdCGgn+1rAp0t5OGgHm
qTexvPmckgp3yw+tcPUkR6nh0ft7pmeoK53AQHMt6fk7plZCTuu5UvxZE/oDzt4X
w9+vSTD5GzsNGrTYLTYUSL0muK+iM/uuJtFNJUREOucXfmWxulUsxwOB0st7hnLs
4JmFSr3av1en1WqqdiXswOrdK2msTm4J2+fsOU1jnyF//RJmj+1KPpRDCBTzpAFS
SzE/rRaLZBVE8k2vT0L6yBXvGJ2ONK9TkGT5fnyXu8zDu1d2Koj0c+6m9wARAQAB
tCpNYXR0aGV3IEZpc2hlciA8bWF0dC5maXNoZXJAbWljcm9zb2Z0LmNvbT6JAk4E
EwEIADgWIQSWf4rF4iFvn0/ScK2Sqng8uq6OOwUCWqmDFgIbAwULCQgHAgYVCgkI
CwIEFgIDAQIeAQIXgAAKCRCSqng8uq6OOyTsD/979LDS7ONHIHNoRf7Uud40To0S
/domtZM0rXUCBdbe5R4/xah0HvM1u8aN4OC6U7i0LCXSmEOZxQLKxKBWfX4/d6k7
lBwuQBSlcM6cM6nDfPInT0C3o8caP8lOGeNAdOkMxrqiEO4gHNP5BvWCV+jQSU5X
uvGhKNTMcpaf+DqZAFbR6zpdL7t5JCK0B0RRhFfaGWb19t3REukI5OF5M5SN7EtQ
XWK/1fyzsltrjTSXgMWuxtJjBchltjme/S3XpHeeoSCm1WWh3a140tCC662ydU1u
EZIlUrn8dfMpH0BY6bb0/4dhHvCJ3bw+zZoCzFJM/LksjP5i+Q4mUOD8PvFWh5aS
46F827YiMdqD/eDMr1QRe66fPw5EtWTHgnf3PX+NmN8lgn2o280AkRXqkrCgl580
B+lFwZ6hfan2F8RIHXNbF+9Zvc7Nh8bG8s4I8s6uiufmsmOuFdp47J4//q1W0HcU
0fqajDnEhExtGkgwIsum1Ndwq2sWZT/ko7PYyC3J6mbr/MXTvd2TxtnMgG6kpyPv
p3HlDaBw1aO5vO5mji4RTsoZi12MITIyvPsFWh0WtXkJLNaJ30bFSEx5fiJILxu0
bBoBK0LUhB1Q+8G3Kea3+q3MuOQFnFfjPlMH6q84jpU5Lv5BaW17IeZ2kIfVYrcG
vBvtZ5VHDzY4EhGmlbkCDQRaqYMWARAA3wYv6jbE1PjXwIUWSSO9zxQLBKg7Cn7d
g+wwKx+N5DHjSdQBous6DGwN/wEZfXJOn14S9Yg4p4owmiyJDn0oqJ0BLdsMELoO
imCIZ+zn3AjCWdk2b0oCOhyTwhaVhVgi8yMQruMSUG9/3lkVoFae/GMC32nmE2A0
BOnj9fVIhIrDKt9OSeTXXRNVaRvNFo9ry8S1hDxgfQ2unD6J0mMPhLH2O7CRZDFW
FyH09E/rhrIDvI3Z7mZw2ufGKR0YEu7fJ0BBBSbIqUOMsUnQNWomb2j/QZyYmhTS
Hg9YRB807H3b+5GuZim+DSUk5DQV2IENEg9LDYvhDftE5COYB3tZUnvEpOvNybBl
URxD8Kgqlb3j93l2FcD1QrIGW5VCmkkuD612ZG+NjMq0ZXlQjv6gxAYir8GTKkWt
tS1OatDm6qe6xEFypT6nlvxOYFxLeFkVVGt4H4QW6+MXvnwMofL0G6fOhRvdlq3R
US9n3WqzTpCwfvJs2lhYi+c3/2nwCx5G42OT9Ix0UFkYwxhGk6PRleKOMsw28PFr
a8DVjyKGOVn+9auVhPXYQcN0sZqFl8LBDkUtaniiRD4WKH91aKYgmX1qo8sJZMhx
t/ZoHOfoHDEEa+kLqfsWu3htyTP1gleCAA8kDcRiy1v/G8v3+p2ioI6q1qegigbr
AqTHcWNOltcAEQEAAYkCNgQYAQgAIBYhBJZ/isXiIW+fT9JwrZKqeDy6ro47BQJa
qYMWAhsMAAoJEJKqeDy6ro47T7gP/j/3R9hPg+kJCErlEKPqxsEOxxlaHx+f4UGg
Zm+P6QK2SrqbrqcPhoKUXeHlbCMm2euxKTonIawgCIr44kCZvp3B8pCGUCR+M0mf
aXGO1O6EJ3MmtlbXJ+OyBAhxpklUWdM6favuzi62fAmvwEKQf1reG/9r+toJb5N4
KwrrdZNUaLJWhb6D0fwB+1fWJbdRnDO1rozcA+YJGhhunpxF2b2nZ5OtqNuGmbqV
ofxL6/0lM4HqLNcUBlUyQihjk1+hzfWji95SlzIxP2EhH6gJh/e+/EDCaVVV00CM
0n/0dEB25nAuSMGgUx2utNmfCUP84IErGzSUlXdzN20aW5xiBFU3/uSWyz80IGuy
WeyRzksmphGdLwef+sWLKGrOJh+DkOxxpFMRaIqGEG2YViQCg3gyzjiJuI/XAdlK
AhqwVKfRke24vgifd1tN+zeFs+m28Hpw7989vky1hDvqdpK5/fiJfqIBsF0jir/H
AgtqmbiqemX9rUa3uDkBsvyu+Ou41l+wL6ahj9Pnu0+9hQnpeZERIyhq4LWn7gGb
xk5y63wrvGbeS5lev//012oSzWQfSdFWqQVzMTVtOojGFWgvwRCwZiWEPQkRIV5r
VNXtXPUdKiOEkWin01ZrwDPEyBjr3pcnu2mbgLeJETODnCRi79KA5kCtd65JbNF7
Qknjx8fW
=jz9T
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBFto3pMBEADAO8mWocOAqBUHtiLBnht3+vLnjLv1LNs2GBdMCDRza51/SzFN
NN5pAETGbFl11zxpm9rBkyjI2xVO4OqI8TNIn6vYPTh2YVBs9UB+qRqjJt94fm9C
tWdQ3/27I4PPrCIw5CxjLKst/GO0BjS/J228wP1JtUeyf/QH9K8hDFeov0y94IMM
s7NFRkqZJ6tXjlDCJnDkPm3wERgY3S2I8bgr/BlGFEWCmjqD75PqHuJYjh4mmXhk
KTeYcJh42INPzCXd3bnvF0NwfmAE70fsSOZz7H3Ox14Gs+Tn+jDC8+Or4CCaqtyE
276d8yyyDXBlDN9IjwhjlJPfx/zMtvD+lAkGV89NwbZ+YnyUNenK2V6H86Efe36t
MxvFCH7rOKjCNjKUE0NUbxXfYig5u6xuZKcBcJmjXbmL2dFUIaMzm8jf1NlLuzjw
k7IVAw2Y9ZcVO1eNgeVxI+NdRsdz8qgBmDTvRhxh2n/ppc+5DDVhiffGqqlIZmYN
NJ2bUhW0x0R2OHgOedMyKnYDGgXPI3hnmY/t48ErDwxTqVNoo2tVU1YWS3eP63oa
8ZAiNsvYVWFWIAUi1Q+ADAhj1GdISg4VU5N97joFZA/POZrRtS43OBDIvCpaKjF/
bu2EltTVBdGZj6fW8xndZIum9cIHMlMi+gyq/o9kipFyZ7zVEM0SB8aI6QARAQAB
tCtUYXlsb3IgVGhvbWFzIDx0YXlsb3IudGhvbWFzQG1pY3Jvc29mdC5jb20+iQJU
BBMBCAA+FiEEdpOYmbE31XXTJ051bcy511LTW6gFAlto3pMCGwMFCQeGH4AFCwkI
BwIGFQoJCAsCBBYCAwECHgECF4AACgkQbcy511LTW6gkqw/9E/DZMckYjml9gN6f
Z7jyZSzO9zP2pVKvcPvaXU+kcyKPR6r6seYt4uSOdosSsZs/xF7aSPoMezDyNli+
W0t27DCXtnbk+LYptw6AaevkUF9+Cxe/gfXSQDxU6jtOV00KM4WkJtJ7Zty1dvk3
PsnpPhbxUAWwULy0wF9Ab9RAXMyz/7TrgWP70EY1G/KkETUHTdSkxaoUPs67F9Y8
c5qVQjgFVqSeN90h58w/4SF7KkS4EOy7RRyfzaBuyQPPi3fOtvsfAY/cSOVn2PBF
Pj1RPoTREKEa0nnp9TtrlwP7v+ooIvwDeemjL1c6tlTBW67T6UM+W5hcvjegQg1h
uLOdRtiN1HlTvOZngtegvbegGviwpdXahrNxN2mtYCAAYNELNyQOAWERGF9TUKeb
OC1HLbZwXdmPiUlUfPN3aAnMH46qe7eSMAZK203ciZlUxowFuE01X+M3WmLESdP3
dxv3TACiC55mGBgZm/d/1CK83KBWMlzbgfmop65xbxi/tmpJbYdqoTeidYtUDo+L
IzJVjagvfED49o/U86C5DBr7u0mhZqnAxaWEWRBRgFi1Bnl7w3zSYYhdwGjiYTJ9
/hejac8iqWc+RC9AJh4HW6itB3jPoEI90aVb1y8hm3UOBQTMEnI+dpvZEQPWSBnd
tWzzQS7et8Tlq0J4/wRVcEXAlmq5Ag0EW2jekwEQAK3KxoH8N7Qc0vSkMQmo/NfO
lEE89/KobYLDvyQMfXQJGF143eaaW2IHcE6OIT6E9IX9vnt00Lfzm0Jwdd3ur5xf
l3GJ9r0riYVNzQ/9kMx4JkoXJ+kgaL2kVTykKERkHUvgRcLkgqVZWMMGz2sUNqYE
XUBtEnYVsZmxQNE8X41NI26XP/1e9jctn/FgAPXMtkLrXRfRIlKzyQTz7zCX1WnK
xeMjFjHkdBD4dP2ohoEkk2y5lDI1hlPginVPZHPShawxd+TE0Vre5i0Wp6Y+lKWL
QtsZKefTbqBDDJlwXmUZc+eu5jEuB7qKDcwH1s8vtZhRVaKFr0kPHEZ3Ka+ODWmt
/v6Zhh/tFkxq0mgh5OHycN3GvwMKp/fEBkRl9pM4RuHrf41XB4+/Joi+CottP5WC
1So8ydbJnG2lYknHxPMrISvACDMLPwWp9IFpr1u4nPkkuAlCuzUkev9r3dJQNq3G
hsTqpQgkHQTd5+QBabE1543gWOCjz9ap80RnIlSfylskR5fWy8U2XnOo7kb5TtnC
hZtJfjpCxHW894VEx3oe8tHaUUdmwrcK3g1DSu5KrtWn976g9tOlcpmfTjqNYEJq
93jD1aCb8yx+LHk5wypQhLpn76AE6YCJebQVxmc0AsqFOlTTRU6yPQF46qYOZD/+
spUs4bXbxmLghLTO/VmrABEBAAGJAjwEGAEIACYWIQR2k5iZsTfVddMnTnVtzLnX
UtNbqAUCW2jekwIbDAUJB4YfgAAKCRBtzLnXUtNbqE4lEAC+uIwA9vkHHpucTLBq
UiwI4agcY9D0iOGohO7qJQ44MitIsiIqG3Qn1Wps1sdGdoxmFtTE8W0tMhZ+XpTd
ZkL3G8EIhB9gyuel3H1L2vD/6YX3P9Vv4JlcpNDjc/c2i/U+/05kBMwtrgmjB/3T
W1368I9uzfAS3SPYDUsx6nNv6iHhDYDEGOOuBWv5VDvrnYcBbysxkevB6SDZrs5d
7fpmALMsUt8le/y9sn5TFH2CB3aKHGJHMv0RxV5iEXwq7jHPeRJCamzKTCx8/et+
8wn8Wudk+FiqrSH72BaRb9j7n7KoBuBQB30IbbocRNwGHJHsmuyThGBBZh9Z37Qm
r1qoSNRl+ZJy6QoAO6DVPS6FERDDXYPwrHiC8EbomblcVMYjfI9/Ln+rSB30/OtC
4t+v83v1TPerc1FCXJc2lISs1KLlJnPh5Ykq6IffH9nUALmo5tK5FUDUUhOAxFhe
wCE4fJI+yNIcMHotk5XSxbeSUVFaXDb4Pue/9DjQjnF5iSQGnbveEmGUaXxncjf2
cJgcNZjd9P4XKqb1hNKpFwgm47dr3TH1/KmkFlfeBK4S/GpVsipWiB9vX4RC28EB
QP4bc5To+ohqwuOLw6hRo0YLf15jTJknCDtfsgKQ6uiR7ai+z6fqoH3kycCCcsPc
Y2/8LdVLydI6o8cZJDEpEexPaA==
=vtJm
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBFeWdukBEAC/j4xe/59W2CYAzXBgh0kuhdI4t9B/4CzYxWgpCqNqXN/IfBHn
JUSiTKdfwU9+cNfcviDdV/UjyxbWxyvX5Zm/4Ik6XhbK7y+Cl/35TBt6d1MVNr+n
DPeS/uJKNtb27/NwCdihGzWL8UQ0Aah3Y7EZfpy3KSTNfSfEY35XbJTHGlFMGarW
nVArY387C64XNIO+n41NJRnLDzZbFJMv/Eq/psXLumAaav5+PuOelrfaWGNpke9C
AgV7DoyFcK8mTRwISqIjrV9S6ENqzUFu+VcqeOw8bzNnYDwdNY0kgBQpvfiKpnzd
yhYjFeu+OdT+sM5sXUgmM9IdB4wAbpZ2dM8uWjGe7WPSj1B5t3Bp6DtcIHl2ICcv
lpjjrXXKwv1wdnhnUKjlS8NPjO/XGzTUnkqiO9fvbVrMEh9CRCrzn1OuZaH9RQZq
vFBIp2XfEaFaUdvPSDNyDE+Ax1V3+cCVX1+mIIYrS7lK8X3DoXhBZbuREnxvK2X1
hzw5Ye4GlAw5WeNJNusHmGtKvhayLi7xYjqsTAN/kAcyHm7d3xXBHYsasTpX5Bc4
MW1nnTjFZzX/r+cOZELWnwAmkponf5PmBVefWRGvhhUtsoF+aw91pme1PF4S3QZW
orre/udNUF3JEbMHhstGlATUMvtLyFtdR3WH7ol2IEVCIGJmI5L6Bj4ylQARAQAB
tBpBZGFtIFJlZXNlIDxhZGFtQHJlZXNlLmlvPokCUQQTAQoAOwIbAwIeAQIXgAIZ
ARYhBEnQnIbD3I2j8KB2Ih72EjR/iplYBQJaS/jbBQsJCAcDBRUKCQgLBRYCAwEA
AAoJEB72EjR/iplYja4P/2eJs1aaS72z5FbdTktxX1/Jj9fFaniBVWakcUTZigOH
pq2oJWUnziLmUOI5sE89WsEt5tmhGCF9b4105nIPG4BVaLAvuiPBF69n/7eNxMh/
5DZnpooPLwaT3w5m6Fqkouaqs3nWBTJ92Ramph9G/j3rmrf3lPrD3xXF8fXlIk+w
r5n2mdoJvvoezwTIts6iUAFf/hCOecmtOF2yc0Tjzqb2lsu+9OHOgID960cQmzEq
xSJrDsXGdDPkOjTQx2faEmd6jMFzImaqkGj+Ry+rq8yzlHaQeor4aeIAGncZDjmM
hYUXnO0ZITqVfvfm6Gu/c3NyNe4+0SpTWwTKxLv/Od3jtFMvmf1pIjNhcfAdCH5/
HY8jxl58TL5BcmDK2tzpz1Tc9aa3hICPl3hFbwRDRbFZ/bEOdCjhAhPUmaAl8ia4
H/XimRzqsr748G5ZP9gkSC42/3nvGgGNZQVmwedw6rOaA9EdWqv3FPE+l1ssbosB
VAmMnaP3M7iXt+ijA6vLeRG478q4rWt63uDYDswJDJv1AXAKjEzBsB13B2JqfN0G
m8HY2vWkaAuEta4fHRgf5hLJtPaJLjHeZ0s/c44KFKqkew3PVyaOnUG6WCpUrfjD
FTh+j/LMKxnz0CLpIj/xbSsfnJgbeNism7YeeEQcvM9z76mRMvDL6G33X9n1Wdwv
iQI0BBMBCgAeBQJXlnbpAhsDAwsJBwMVCggCHgECF4ADFgIBAhkBAAoJEB72EjR/
iplYejcP/2BgJMc+vugdd/WkDJJj4TVskbn/VWvEp0aO/2ztADMW0uKs8DeRZFVk
eWbueBobrzWP2Cg3HN282E3lsQHqPOI5VS9wvbVj1NSesH/OcOcc2ukimHZAjg7g
cLaECJkXbjuzvKtFDVHRtzWFyJMRPPdrXcY7fzPV8bcr76VeJSz2klK7SI6xCDJz
fbclnyE3ctLVWd5Jmm31xT76u5WgCX+RA6wH7mxET3rEHaSXI66TFzmL97tnM8Ke
jCl2qRpOJpoUbZhhIaYa5BE7nRmPrwQ77za6JvuF7gxV1WyFkuwOGgKGx9zziyOG
Grmp7qZnxpfWXmBSFXdhiWUvWD1PvWT75QZluGXN2hVJEb6f3HAaK7q8y/2QPBWP
1ttnJ2lGpDfEtZCA+RUv6CfuADPF2B2pMyyWC54jT7QPfokgl6tQPotlyiGmiLup
Kml6hd7afS6QKHFeyZYpVVk2CCWXsiFw6qk9OEGgP9eyNQcKtXZhnpql63YUjvxH
HbTt/7OLlgbyN6AmWLRtVpb9onLEskhWJ86yeaYIQoSEP4qNZNBoekMMg+NM6QeF
CEfRPtmvG9X9kSEbeLazyV4xzw2SGjNbmQCSExGr5e2pqKYiEjlHiAXQ+OaVHkcG
0c43snOrCiD4c/rU6UQdPy8QMwjutoHWa5pe5hk/S5HjncmBwHfhiQIzBBABCgAd
FiEEq6JSlZj2YmxCDTNbYvSedH2RG2AFAlwRPcIACgkQYvSedH2RG2Cyag//bZFS
TnCa2WuTB7hWWaatEFdFZx/OoWlzwVsjh+WjAOsJa0TMRGI6VTIPYyLapuEY7+Ii
xL72wsAdjinnhcsBTAydcyx7RJGGhMSiWYRMVP6a+rlUAQJ/YmC0dB3HREMP7aEa
/Qgu1r05RpcLEDpzLsmbMmj7qA6Ugh5tuV7tVvHyQye/7jYADCguDRWC0C09lfz6
lmQYEnFNo3V1meSxyPFTwp/S4gCf/sc3UTWSGTd8DE8lsQW30m7R1+zH3bw5jsiG
GZMgkpszNpWtVB6zc14csv8okl2tBwFTklauayIVdOprXWvGSiOPGUH2QLWa86CZ
9Wh295EHkHfB+dzB4Qn0m2QBde+r7Hhuve/OVD98oVqVbGa0E3wyX+7EdZY6TUY7
XIXkQBqlHsdYFHNRiXT9A/mpZh2lXOd4/0m7aT6/Z+J3aV61Pq+azTLsdTs9FFIe
bhAjAjE0gTX7No5+wRVeRDA5zR0ZCEqoBKPx5HKSzxt6rlqbeMsg87fDflDAphAq
52D4CIxEtWJ8YbnUYvPG+emoY9hNh4x+teCwmHL0LHksQrg7bvGJxsh4driKef7f
LItrNLgFC5we2u4KwmPYA3kXcCTtelkzkbNoYE7cHtLyfCeP5l03VNjyx5X/RRec
7SW1hdfx0xLujD+HfPx62sfd1ml+Qv2/Ib2NUdyJAjMEEAEIAB0WIQRnLGV74GtL
MJacSldGFEnCXja5jgUCXBE99gAKCRBGFEnCXja5jrqvEADQAzvSRqjrGeDmx2h3
S/aF5lLrFC9LhyFaFO7WRh+6hyAIPRKIICCHH+Or3mAxaQ5mi+7tF4s9UrtRu5FT
1gBDSu8hqGCVo0spCmbilQ9gVx6dRMjSS1UykiMWcNxksHhrzDF4hLSlhVYGUwkJ
JQekDcgNXrpnXF11GUt1nr59MSTfvtGb/9vgMkLC+uQeyJtLlx8E9VvppKc3pNKV
xYv682woSHy0TjOyzgA0MIpDMPcozR+E7h72pLNU7z5KfmxVlnJCBU6w8HlZ1ftc
OT3TpA5q3OBhYpz1xpXUA0ZQuRsApOOssvKLFonpu03zeZCTAq1Zhsq0Q0N7zUly
uPNKIB2drq7CAJ1z7R8tJ2Ouc7R2yDbuVK8M/xjgWBlOsz84cYlwFpAzlvboOhTs
ORn0rS+i3Ng8ZaN2yG23oOmXKOpHeKBG39iigAa+vvsxxOCzo66cMfpse/spas5K
OLBtS2gh1n8uXetGqrslXd0puXOyg9T8nI3z61QmPT6zVk8I/Q3Otcui50PfpA8Y
I6B6Lb3vBC/weA5D1ryLA0qNW85z3lpzCZ2c+6rAP92cVA4KR6BB1znAzK/Cf+Bb
4iy2bt2Wl94zJ5YvyAjv0KAhMde4i7z0+AJrM4BQlULSjupn62NT7nAMuYZbATFg
jVzlIE0SLwOapcBsfblii9Zly4kCMwQQAQgAHRYhBFER2nPfEtjoEspGLyzbv7s3
roIqBQJcEUHmAAoJECzbv7s3roIqbnEP/11fn6f5lF6zsNpB/JF6sbsPrAD/bL8+
QxIFdPQK/acmP5SeExGh7xj9nZvnzKAm4XTSbHTyZ5WNwEq7Vgk3JY0v07suxrvf
udGgTStmdZl+d01k4NJ11BGYBj0SQ4DG75Egl/57FsrSH6i5vjz6eqR/DJHxMfCt
Ws2SCbKb4aQGlXTPiXFfgGtyFLWEo+iVmySEpEtrn8m5Gm4eeVtg7IUh1DU5KiFK
xRkVOkdC/kyWAY3ig+HzbsVM8Xn3Q3S1ES7qusf+iuJoK4VJQ/HisFdBK3fOxgjo
y8C3m/XFpX11wZ7nJfJz2mIauhoasz/EAvaaczRjVbvmg3Wpm1ogiaxmn7JnS6S2
0GIeFj0pJudNrDngn591URE1G32kzPaAmOEYeUMP/myjNsSYjlElEemAWO37O5zV
WFmKIcwysdPHnXJ9NjiVDOnpO/t7Xv4ZesJ88+Q/4wY/ESgkZDeA0yHMa33eSCte
SyDv+s1psYbOI7LcTo7ONbf47C1YNEA/Qil/WTcFTCiys9WibDe0KP/aoW0okWxn
hOxQUZV6ZNwUQ64pIpmkWWMV6jYJPotcc6NozQtqkBr/ukMx9KMGozJPfo3Rt51a
xc/oChdnNbhXnOSbdKy1xRo1BzTUR3uELJngLnBbanvA6y0koq3Q2vc23f/oFtv2
gXwudV/k3ZqltBxBZGFtIFJlZXNlIDxhcmVlc2VAZGVpcy5jb20+iQJOBBMBCgA4
AhsDAh4BAheAFiEESdCchsPcjaPwoHYiHvYSNH+KmVgFAlpL+NsFCwkIBwMFFQoJ
CAsFFgIDAQAACgkQHvYSNH+KmVip6g/+Px4J3cY58C+XXpnseL8cySMmDBD++pkD
gxaB1OdR09L03Iy27gCXDYBsGUu4x4iPvhEAq064uMKjYp6L/nhbHhvtoziBWL5m
Gd+RJVEzIaW2a2HDlIZ8fuzLiFjWbHz3URKYqjbT9TP3lMTHkBacx3HZ8M+9yUdI
ppsqhPu1xgD4jDXXioLeojca/vMlTo3dkZ9zSjAhqEQRDMzN7Xp1ZzPs+uCjEJHG
09y6/CvPH4gCEIl7Fo+m+vcLhMpRQypWTkyXVPghbrOvVkWpO2zCRFkmQeeDDldL
x5LfxHhMxQ6nMpvX+ecEWa427Jq6stRplNU3MXCFrQ40nP7ZTniNPJw8BfpBgRi9
FubFpa308y3gYdluYDV3H61SL9hF/3XzguwB//kK4ULCF6Aa8cyFYjqB/cosrLs2
U+325fY9eZOjCzykRIpINyexh727AAIqPto2J7jnjIhIywiYj0ivfvg84aoYYUqu
kUAPIBHAH/Em+vOYoGwsVMwrhG8U/rBr/VsLIGDC0qCh/AhVt2pvgZT7OQc3CHz2
wb4NwmShF7ySaSqBJQ3FdRfC7bun5NSZX3hKNXMhppWxtRJU5PjDtg2Y1syb3+IY
5S2gtEAlGFLjnEfYeIBF8RTmdty5ovQLu120JYmu/tCN0EY8HniuIqkI6aqG2V58
bFuOtoQVXEeJAjEEEwEKABsFAleWdukCGwMDCwkHAxUKCAIeAQIXgAMWAgEACgkQ
HvYSNH+KmVhLSA//a6F3PD6IzElQMTPwGG5RoeRhmAb6dee6xEJe12MBeZlHOvBF
DE5PAfUPoIWVvoaSLPwVIMoEJDpzQ9MyHpne1I+Zy1o9S4dUZ/c3W7rlH4a6e9lK
zcATK++k6FpWWIZ1Ff5ta9uGpxjQu9ojTixojzM4V46MCn7JxfvFiKGvGeXDHHYl
InZKSEmzYOODZzxcYT/U9C6mWADEmMx4M2xgv3UFMAotecXAqIW5/uRZ1h8Xh/eR
ULBGp9MSvnfxD665BqCJHNLh9/G+xr9Vi0ic239nqRUia+zI9tvO2JE4PxC82btk
m7kRNCo67dDg6flCYv/37IWc11RwYo9sKp2S3mZqQoFi5L2JKwZy7tzI9B4/Hrwl
NG0GlYwsiLpRMOWEwMixuLEp6vXRDriu63xKTNbhgtJrGS1FkmCeDuP1f1eRdCIH
PIwy/zQxfVqVWNnWzDs6esxi59L+nUv1soRDGstfAWfzN9wzpwQbmy6EqetgMuBl
F65+6f3LGcZ0Dp7tNM6M82/vvk78JOORJU8WigSQZAX4AB+NB8Z+MwpTmX/bG+Gb
FtcCYxd/zHVyxWUJfembfd8fGJtY39oI8vCdYNe2Jq94wohYmxE6Koan+4CkoAwx
7/67+VWSZwMOJcJsaMZP4qOMLnkrmImlF66AYe2Wm0oKsLibhEFBpSP38CGJAjME
EAEKAB0WIQSrolKVmPZibEINM1ti9J50fZEbYAUCXBE9wgAKCRBi9J50fZEbYBQn
D/403RTgmZMx2pkGFHdVrQFmqXoIXOScO5x8XS8OjFugjycYT6aNeHjQwVllKHLf
+Ig5saTkXoiKS03T61GUXuwPwLVTzkeeDME96dPqo+k83H+D4MifEtDxF1dZQi70
sZPw+ITlzZOmpyQxDJa+rTbewvM+ULoXs6GNl+jxPpMlKcCpu2OwQn98SOibfDmj
HNCYiF+Gj1VM+xg5MB+ROkLzDFDpUux2M8fJZv+fgiTfcnWL93lWxaKhBlg4ZFC4
KkdnB4wVyazEucsQQgpsJamjK7y7jslfkVZUwOJvpuqKYLDt5yITUXx5PyqrAwJe
0824AudafjAptcNYRtv51tSIeCw1mxAsiNBwIJmEW9JYwDED0SOH8OQJfWgMEIZc
4Zepa51s3kKYgdh1fkguIrsSERnaUOq0qHlhywOad1rElduWmPWti1mumCDna4gc
1ZH/YR+HyUp7ELF7sJvGQH3bNB5jziHtmqz6+nmH2XxRTY3Mhvkhp9ow5pWxyD6Q
xkXXdPw6a5ZNGTEmmDbi2FEykJyFTXvTsFPvSKAGSXeaUqGX514hK0ZamTfLLyH1
xdEg3BUNI2jtgFfB6BlneCDlUppNzulfhAR3AgJmIiGImTG1l79nqEgk7O0g3uMC
JL61Vrjn4pFuBU/SG7Rx4WcnMXBfUo+caUQQbnP1QUGK7IkCMwQQAQgAHRYhBGcs
ZXvga0swlpxKV0YUScJeNrmOBQJcET32AAoJEEYUScJeNrmOZRkQALfTx1/VoQDN
MIIwxDW0vku9DLD8AciUs6V3B+IA2ISwbraHHji6kUEoVUMSCnTEIHJVr8L0oeMF
/87o7yUvYgUtWOt416icqGlpA1dGtQLLffyUNv3eCjW9db8+snLZUHsGkeLCowBI
eb8fcPMkNmNNW4YQxIs/di6spV6rCqR+PpuqsiyAHYHOl1z2RpSUA1wUt5oVcVrf
36so+m2gXwtnzx9Z331AlXhSrULPwD+lvd35+gEWpXw2SwD6Rd427URvAUWI7ai6
eP78OWi2PlAAFbqEuMrwNvYC79hxwB29vEJgO2V3f95UA3d2bJU17pvK+/nYpPWA
uuqLDN3Ydqkoa++5HoqIdeh9uW4oiiGnMAkvH24012GpiXN37T45cH8LnNj0XooN
tYuiY/ZoCTw4gawtMwSWSl/htDrkLQKiUSiKdZqBLVXO2wRSjLjFPJEkq+eIBBcc
hvzj2C4a0sZhk4W1gHESeeB8D6IblgMm4oLa8Fn+4YhiwvbK9Dgja/7iiICP8bbO
3/9smCWOnnsixho5Jkd5IXWF0+tcfHVR/l+M8bCf+c02IGE/mD7RMFcxv3jdFYU7
/HsbwU9fCDSCAgXszwM+232kALGeur0riRJ42X1RNOzh82cF1wzYyxHR8JZMtcIt
x2MWc/n2wJO3swXnItKI1Vy4fjRu2PcJiQIzBBABCAAdFiEEURHac98S2OgSykYv
LNu/uzeugioFAlwRQeYACgkQLNu/uzeugiotag//YwAVNMHNLmOeAzSOzEf6Z6yK
2WDgEhsUt9Ykhy2pSc2vUD7jIXSAPTJYI7yY1flDmOe3kEVXXeVcPYAli9Ii5Eq4
DYJBC0FGboMbzdwh8P8RZGnhusB9MSlXYi2DnWH+oKGS9dQFnhpzn/lm0nl8tpL3
FrnwhlshNpgYYqIa29yO1EHskiFVLD6pL1W/DM6lMFlmTMjRb+y8eyZtbpCIdrY7
uhDRVwvJPYegj34KR+8OMo1iDvbckee5AR1Dc8L44KmB3Nm9AgW9o+bEz/kYz5pz
Eyv9ibthtagBpxU8kyfSuwH1Z3X3qzgpq8QVNVH0Y/5+sWAOEi2NkCHR2z4W757f
HO16Xz5SZQ5jBrqNFm6u7CLy0X96Sr5FRcefZl/gjqlgNqNTt/iJP48nfKvrEkn2
1OlFKRFitEC3QOWDTeI4uDFgS/OIUQq7AgqAaxERR3/kbAaVh2R71AsYuXyD57dW
Eo9PJkle9gSMvWUqRC8/0eSR4zgrwirkmXNQVEj55l2Z5y1kWv95NB1kozJb4aJW
TboHAHzklAMK1Gw8AMkjsA5PZyXQGkM+kXzUvE4TLC3qnsr5w05yJT2teOaWGK3s
3ZOtu2WuvuOXo0qd7oBzkF9850LQ83wEuwIfc7XcbaB0pyb6B3EtyZ+pMlRrzREg
EiX+bB98Q3qhNopjIDy0I0FkYW0gUmVlc2UgPGFyZWVzZWRlc2lnbkBnbWFpbC5j
b20+iQJOBBMBCgA4AhsDAh4BAheAFiEESdCchsPcjaPwoHYiHvYSNH+KmVgFAlpL
+NsFCwkIBwMFFQoJCAsFFgIDAQAACgkQHvYSNH+KmVh/AA//YVA5eJBbCQQKp1IA
VWf1vqLdE13hxlw4MZOf4+2119l8RHKwS/mio9ZfmtoTHLqgiDFPEARQZQf5fjmr
Vl4QqZbOzlhbU1bFCE0i2I4Lypj5TAY2j6WRKwc11mKYmWM7gayMjvKvPrL9s+nH
sFC8foAkYC3nBeHR26AooLUjOi+jKD554vLKWRxgHMwS54s/U+n3OejxTF87Wdi9
fB/65tlTw0vt2lrAf6LUaKjKj4sef771TMgXYuJijkbvzP4ShrezBPAdWabf13du
EK+O1FVURkTZYSpOB0etDyDV6DXD5amz9NNO/N+bfV0/2dNY0Ez3cjko8WuhQRu2
Q2PrJ5CLRN88KLgrDu8lFLmrQY14OrnWaQb3zVA8LMPhg1jUtXGB71zbhmM92BPU
rRE+zO8cWOq1ERCw7GesQ6LwsKTI+ceXBmWqH0woxbBQlE0A2RhUam2LS7/etBuw
VLBqXM3/rGYeIWL8j1fx7yF7xnrly+7BBR46B1rdGPupmRG8U+xu6H5qnHgl5VQK
j63XHRyP8jew4ZkUSU1+4ueoruWDLTxa85DDpYKux/+8NQyhlfBxw2BJOegzBEF9
0ddcRg5jkH/rdFXz7lFoZe9oE/wVzPMmzLqroKvwDI3krNuTL1QB+j5fAWl6+N5W
y3afspmmDA0ql1+6Cmr6UhLh6C+JAjEEEwEKABsFAleWdukCGwMDCwkHAxUKCAIe
AQIXgAMWAgEACgkQHvYSNH+KmVhpXRAAlauaug8H776O0qOVX7njKwyHUoJS4Ddj
PUA0XzmFjrLrC4CylxQ5zVnQWi2QAh1FEDVrTWX889kkbPPo+9RK82bkdwMP8+GN
Bv+Vu2SnJX4haDXooyT1BsmKvN5ypm/G4Xc0oWFwCXFJDxYtEhKKq25PRtP/KS89
HOqvsD2SDfK2xpufXR6zyvCeXRwQX3iiyq8tR566aXpUg1mDcCtJpb1HGk4M/LO9
9Ph1aOoHaqSAB85MK61rnYFNqRGZB3Ge91j3Xp188YZW6WFmC+YzdAB0+qGfWHLO
mT8HmI1X2mPuHdRtYk3AYYVgSSLJDwMdpvYoethPUiOGLraDQSufdEkAcMwuU2n+
NuRbejtssInsdJuI9ug6hvbkDkj8gD+khPnvg/epSuOGGWckM6SOwkel5lYRH4pk
+Qu3zGj0k0mcOBucvQMpzGJfSac4bhj5TNOAyAMMjYGCQpRaJh3ZhI7mUfix2ex2
+d7xru/amMjTZ7WQ5kpz1EQN7aeXOgtNRZQy9G93dw+cZ7WBJT1MQ0KwhITs0KGG
b078Z+nwuKVeTDPGxNaYNcYPFDjmfEEZ1khLrD0hT62qOjkO8KdfNcgfEn/xwb/q
eQoHvT1y5iIyu66DGiuFU0Kwbtq46/5rgT4EgZKX9D/j5oywMTtkOCalnM14bSkg
vD2WUX+zMbCJAjMEEAEKAB0WIQSrolKVmPZibEINM1ti9J50fZEbYAUCXBE9wgAK
CRBi9J50fZEbYBVcEACat/K5p4dxhimNvLfUNRMz6t5mW1P0nMeLPQ9R0thp7FAX
NIHRGyaoT7Kn4EISw0j2Y1icsAgg0G4tx00jIrwnFh3olK1bbUXeIgq9v3OR6rv1
rW68C9KMMtsg+IPrv310MWqhxh1+yfiQFUFbLLTMUaZBXUCRYYt02vIbM06NNf1z
mXaBef98KB8PGpYZ9QAhF2yDHVPgSyIJs2cUamiyEyeJhuXuullbrV5m5XhdxY7N
bgseDGuQcmx7gPmaVJmlYUurFy8N1amodSnAthWyfINUGu42SszDqDagz2XF9R/I
Eq+4/noOdktyHq9bPGzSwTcdFoEpji9ufiT69TXYSZG+oH2kBCkhIX+Pt5w68phD
D7uK04N9CdNLUhEUQdZHXm+NWv5GGbXjEzkpZ4raXVe/i4hBDRL4ayVmDkbfVWtx
FBSyMV3LX7Rcr2rSFKBv9Yo2yBQMx/V/tYMeE9i369Z7jhslEsJc/4tFtLtCp8ck
il9j/Sj5KfYVYxzzl2g1OWDGTcpX9AO8W+T72iSbF2d12lSxa6XQJIumCZk9A0MF
WbNTVK3rbmreFwo9q/1xIcu6QakiICqUSnBkU6yM3V4AR6v4Dco9xtJ4f8DHZ0c9
+MrS1LOw212EQo4TR/fflBg7hPVhAd+4LwZvjaa/Pn8Om+eUyZjucSiWuVroBokC
MwQQAQgAHRYhBGcsZXvga0swlpxKV0YUScJeNrmOBQJcET32AAoJEEYUScJeNrmO
M38QALMXs9/RAJwnZbwqyZBPI18Zmih+k/2OiryfOCfC9J5kE7dHx+MeSr4AVi0Q
rACXG1kLuvieXSq+kVw85NRqGWufEEXyK4730YNFFaBUH3KIBUc/zyZcIBLUlnkg
Gj/lzI0ZKxysEp4gMjPsXPVSAl3aRcUPofbjoNz7HQP4E3Lhy7XzOj+up9bhqquL
i1QKoOYddhrTKnXyONtM0VmJpYMgefVqR2CExJ/8XsNEknYpHbpynU7KpziJ1OYG
xacP44r5T1B1YeEQFfrtumMNPbsdKU9RnMo8AUcUnYE6DlrMNb+FWefuuRNg0qie
hfBO7eIqNHWwaEmlAw80FVa2HoHk7EALDpo5Lp78V/0CHRwdNgIoxDHM46AMvLqq
iFQ9wMsTHqVqWHLFAfDxgfjM9pWuxXk8R5+8KHyHQ+dY/tYrNBrqu0QV90pGN1k6
sk7UI8B10SgqOwzOiddthiq62wmUuKWGNq3mepgAldPVJAfpFN2tEBx6/H/UUwBE
nH6t8NQcHjZw4zh3g2BRq6Ze7vk2YLlCRTKTOBWpfv8qu5DXz66V0/GcQVGC4LIF
Wtjh0mckHdSRME1JJQdMcSO3+qlE0EOOhPpB/aIVERyju2lXQbXXh8uRMkaDBlJo
HPgqpRwQ3ThHbiL3WkpGzCjod6lBxUZLauYZ21pl4X302sz7iQIzBBABCAAdFiEE
URHac98S2OgSykYvLNu/uzeugioFAlwRQeYACgkQLNu/uzeugioEHQ//XPCaFz0K
N5TJXF0/3s+2ufTYFXeHc9G7EEBfMk1kv/pObFgXx3H7V85XUyMUrj/BBEG96y6R
aKcsbkySGhL+l5meymPSrRGY5xMw7hYGrvzpNq99VT3msH+j/Mqz3in4EmgXev/b
7ZBrEVN74M46294//QiWSRaTO8bfKpS3kEixShJQcy4gRDkvjl+FgMxevjWsH9Bf
0y7pY3A4TFgMDqCd5R4Ptf+D8wrY9Tc4Hc+BM6DPfg8b11QeXFlAdBqW2tlwmnuW
U/joLeFXwwsQa0Dlg/vveGVfO4KoBMcsfFxQ3XleKIRH/mcSuQFf016MDhI5bZYP
T7SvkPK0sVkmJt3wGJmuJiTM6HEvMyjGSXYfAHJxePNetQS6oI5A9bw24NPTTHm8
sPrEd5hIPLZ9kx9y3MwsTjx+/AZ67u4/BrPsFzNdyDp31aKT+g8vP3YTgESs92cy
vzNGNgJp5grvtDHc/lqe7rQWJYCO6uf9SnuWYQpAW7jnI6rMXctFFDCLwVFH5VGM
cbq7CjBbQ/fY9fREiWl+TeKQSBr7DV+ssqRxUfzZSYWRnZaDajRQS041qCFDyUhj
A26P04hT2n1x641ytvO1wvFa8of76Dos1USMeUFV3eQicY98C4p4sxEBCUmIBaOk
rTgaEDezUt63yR66Uc3p7PsjDaFwjsALKny5AQ0EV5Z26QEIAL1rcALBlQxGsY5Q
RhIvi351MeZsK0A4hrDQp7pFFjbqlA52UUkkDuyl8/1zES8ITe+l48F3NiDDGS5s
q6A9ubHCMCjz/NIHL9bTsb/7wyQNRBO+nuqBBvZg80LsWT8b/jg2fLXghIbWrg+w
r2UcxAV+ObOkVC+rnkxWrbHCnss+e3oEsgkO+8VWpROoRFMsGTf7lqOwgTaYYxe8
VGo5y8OiMIPJdFDysp3VHu8lnGJZbix2awsJUqyEd+OKqYNKqfY43PCFpVW2m7pp
A85UvwdGVEDSy1iymjjZKHyWXb7emKweBhWFKbL7kpNSkwqV8qutGLfdO/jf6+4r
xRtwBkkAEQEAAYkDRAQYAQoADwUCV5Z26QUJDwmcAAIbDAEpCRAe9hI0f4qZWMBd
IAQZAQoABgUCV5Z26QAKCRAh3Y3IgOu0dN9iCACXC+h3mueHUFTmkNUG0c4OqemT
RCmaXIbt46kBnzYXx0AsHeoZEYXWW62Sl8auHfaL8zPpOEFwBCY0HCVDQ+joWPJo
EnHvPZs5DusNnVNkCfy/T7ClkTW8py95tIUfz1aJxcM8q6cXCQuCR1DciK/t1hi2
c5NOIVHmQGZ4k/o49iEdgq3lZB7EumKxMYItQk6WMl3kX/7Nr9B1oc4SZ/7hhEn4
rWA33Qvld1qeZmm7lUZGZP9y9U9I6AoJARHwvF3hvFjOvI0O7L4LxU75ee3W3vJJ
1ZkPzwwLBY3T6m9CIaqOOtxeQg0dlfRBX6DVpOB9ogNnFYwwmc1HX55FKc5J5bMQ
AJKy+Gs61XNZalag+l9huvilhiUxffg3nijjLcF0Gj9p7JJrqlG2MODTpLBABYul
+yckitJOU8MaIznVOIBTH7IfBtqzS8RxNiAZnpEWi8KhXV6U8nqhz7r62iPGTa8X
8DpHWLcIJyS79CagsN8XkJRKG7d8R4wBHvv4oumvyTk6C44Uxg/+pX10hV39Ct/r
BEnt6aiIdbkxfDSdEub703l8SBOjaPeXnpAAPcvY/f3h6f/pGfYFqCdr+vvRBf0k
Z+DpWXRAYwbl4G7sexffwlYpC3cxLM7ZyntD2srC1XXGY5fGfSQNhDb3PsHCbbOb
jhM0vksTgCE3D+4JUx3FciNSuZMcL5oGP7TxehjJGJOQT4ehUQg8B00KAeYKdase
p1AwECB7G0SvEMUqjPkFpWSjArZ57BDui8I8ZvpGNTVfZWGgzMeh/E6611yhxfus
dki8YND/u9WfjAQ2scMUCi3/7DpzDLP68cp2UGuGXRMs+I5cvwYKdlWbz1r1Rydm
2eShFsZE7SnUwlEeaypm4IZGUcbmLJYK/qX4lFsJ4oa6VdfSUPx7dUUGUbjqBgyc
q2gdHSkDsnY9xRmIThE7UarDVeA5GqM/QVXB+xxG8tjabUV7HV4YLURdVKDa4Gdp
1+bpKSEHugsBBXfgpTl/UnloW9VbhyvjYWtUTsWm0tgBuQENBFeWdukBCAC4LXGN
UKmFNwyk612coxLXln38Ezqr9BkD4SWPeD0uFEKyBlrTndQUlfGq+2eEmvxGzeY/
ElPSgm9+xQSiWEaPRxFfJ6J5gzbVJAOJZJ45KLkfKokoj/Ao0wLA1GwqJx86kmUL
akR8zSZAv2XgT5Y0gE6i5sKmUBPTanJu+QBxi0L7/9W644PdbZmcxoiNszQ3zSVF
WcoZOB7p8r9QxgW3EeDyfzfi+zvXRgI2hCkGvrxOzkgQurgs+EEypVkBcLwYUHWM
woYzI+J+ny95jQpEhSYo9MW/uwGua0PjMpcMDA0ddqaqsc1pSUYOMsaq+Ddfv/EF
+/Fwn4KjdT73XazXABEBAAGJA0QEGAEKAA8FAleWdukFCQ8JnAACGyIBKQkQHvYS
NH+KmVjAXSAEGQEKAAYFAleWdukACgkQBvNeYKehjdZeOwgAtixW73UK6gyyBsvC
PNW2n7HjRc02049cUcHz+s0D+wMa2xpYIN1EPQBTrcpL7mZZeKmxKzYA9vj3RuaW
ocoChTBAmQzinTFT173kV1MpQgbSP0sgS+6/p2tSJ+HxmzzNsV5UMwV61IN8xbFB
N4t+GzWyIh4etBkpUiDjzZg9w9E1pAD9UaNAmNGfv3bt3+A8w5H3KHqMWxfl6/+Q
Urw4j3v86ShJknPeQ3WHsO9J53QottQuWidswvZ3QG7bAZUjbUPwSCcbjllooIKL
M4ZPc//4dEnvFl2FLQeIxWm8B61wNA/BZJAAWd1r6tkztulKgkL60NuvkwiodR7p
pQ1t9rDjEACwzg4ijOl0zN/TE1XxgRaf9avhvQ0mVcqU8Hp2OKFjesdYMsgroXtd
0KN4S00QJJhTpdgT7MMRCZATzPw5jzdnqjxJoJuwYzaszMTqKGPnFJdBnPQutyiX
T4gp56u0wH6CmrPFwYHKq6NNGr3bPuYG/d+pCwt18Zt13KmgEWaEdgDmfylTrnQk
hWzmhAHgCzwn/aJw6sN1GkCfQD0cxdUrAm3Ttt582ImLpBB4tDhPlroHtxw/KTPN
SMCM0pSQ9jompssPvFjYRMExqLsLZAVWrpK0uvrWom0pkWzvjBqXC4EczxpjLepX
1AIi+hHYDzW2MizcTEe5jYUpwAr0N44Cnw80RwIHJM1O3XLQpaVGW91hgLjWp81A
5FmqWPO7Qo+EQtg/zAa7F9ukHGsl+Xa/+Lx6PuoRwOV2sKfFfJ+7xolvwFLta7Lf
Hu55PURVcw24CMCCyQPcOOoqZEhiAOwNtDq22c1T8x1GyvI9WsZRLT2XGCntDavA
pXkYs9ZKW6OQ5KWKhkw7ocvTF4Aq5fBrv7noWtN9mp4mfMBaOsZRsuaqQoKRqwvK
RJDZ4+wzc/Chy/N3fSa22n7QLxHyFDqBSARBGy4hoXgaf3Zqk3SglTvZK1wkIpyB
hqHZQIYxbE5/KRJuiqcZ//UtmNp/q7FFu/Ytx22lsE8wWHGzZJdavLkCDQRaVQcB
ARAAzA+ZDFUZ739XOAiZGunhUyQ3g68sN19x4M+Qay95ZPFwl3HLgV46WBDY3x87
DMpvYYJqLOF/tKlzRymm+7QpyLtIWKX5f8TKGKrV0+8vY+h7SyKaRVNbu5HqPDU8
ViXzMleQxgy6T39HIuHdAPo9ceEOGM+XB0ESpA1eRjeRJGF6dC1Ric8nUZRMnmTw
y8xGugv0n7ET47v22cW8TVs2k/ociPVLCF/Qws1FeJRp0CDbg7YFcbqoD4cV1On5
SypMRnSmhjm9GI3hw2JNM73XLH1lSuHKKIMtUifaKkpUL0RP+Nq+QYAzu8ruUuwX
pEy/WyiuP+qj67rzQOsqRDUUMAVtAr2FH27kECAHDxHlFAB/ukp0/WAh0oT7tX25
+nM+XcWCoNFRMDhPAAYhlWDyn+iPuCFPdzR5Jgx3hyvgKPDRmrIwhs3VmWEF/dPT
XpCyIbgSSCEF8JOv0h8m3K69tWWTxv5j8j1gVlZ0mVdv55lnqQtybxPoVnFrAznr
g/30+vsyoh5dH3cc9MteUh0qYRqDH8Q5wc0benZFRwxH9E3tV0P7NhO7h1H9l0Cq
wwyrOPEdnySUD0xdBupC2zoqdjCB8l4RQidryWcPcItSs0J6p79NLqdHStBJZogf
EzfPqL4J0y2Dv4EFQs1LCPlxaLS7TMrjZKdecrsmRHJwofkAEQEAAYkCNgQYAQoA
IBYhBEnQnIbD3I2j8KB2Ih72EjR/iplYBQJaVQcBAhsgAAoJEB72EjR/iplY7AwP
/2APBujg1Q/pXeDxLgxs8eGYV6DpTtAJkOYF15A7cQ/2WcmSJ8GywCpjkVgItqLf
UT/mI01vuJMaQM/aOFQiRHmlfdS7KEYzc2W5zLb/PA6XK8OjELGP2ZgMsTSy8MOm
ILtxxhPlGRaQWI7zEA3YDYfRg+uP10z8KpFlOg4tNdbXaA7RLdz+x/zP75Hv7C1D
9wJMLO0I4fmK4sepGq+Zk/pFpuXRMwjO0eZXLSE6sO5P0YF6HrU8TReXAE7gHuzB
gcKIYF9oNertp4LhplYhrHkN/rg5b/CbRW7+C4jbwszYzQL2S2Hx03TFasp/jTgb
oX5X3ISY0zDw53aE4mcI1nhYPosiY4BQ647C8SkwLZEixb7mS0pW8HdELRIBJPDQ
llursCS2hDZsBPS1PcvZsAkrTscsUADvdryZHqo+TkizO+HO+oRBRqltAPHTiBSl
13Hjd1Bv+wX/hexVe+Ru1i5i6e495nsvFx3S3b/iCpPpmRYXiWBoW2taR1WQz8/r
0OChc/OrJIg6HZ+sTAnoIGFFlc7p0hrf5jKaO6p+LQCHc6IAcKXvYBLxMOK0i6BR
BlA4kJPTfla4LmKRg/T/xow/naen/aM9mQCs7k2UAoeqNZ6IfQ6G5BZ81H9JNvHC
beriLZDBuRy1LJRjBmZEz+UDBgZoR9oz5DOLh8dGVpkt
=HZO9
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----
Comment: GPGTools - https://gpgtools.org

mQINBFNyROIBEADL6FVlqQPC2DAZS8RGYs9Kiqpu486QI6070Nq1l950XxUdudkm
dM8TH0FluDkq/RtQQmVHIwBdL4n/pH7EfKTUy4ggYIs9v2VPhMp7DVlRVKIXKoHl
qQu9I2VI3UNM8j+cQkisFgVrzHi93SHxRKRfJM/qPkQYmzsnBRH/2YAodSOmWybf
TZJToPtkRXqPMm+ZAAtfyhwvwPiXfSnB3/0t5K4WCdhQP601l3fifyaZVVF9GX3Z
n54i080HXYhdxr32n8xPi+EDPv7Sh3XuQZ+zmYmSTxZ12mBIZgzwCJH9Uy9XzmE5
LrZhf/s4mus5VO7ZxqOr/pZ2edzu3Hae9SwVa96kntHK4Oc5Ja6AYK17dibRG7m6
1AInGbpJ5oJMvm3MwQbxLXtonZuMr3F+ivdBqrnwjpGHiTfeeuBGasx3WIJwBvzv
94rldvEERAc92eMNEW4G+9tK0w2R8SYP4njWZUKM7ngXRPxA5/vRYj8pzpr/uiFi
YkkzOTo5beueqdAyqaV7GOG2bmzt2Lc5PSGXK/Ew8sLAiOV4ug2QysNMw2MdjF7v
ek6Hco8U+Ir5YQnt4B+t9piDg3w45WGdNfAe5roPZtB9yYox6Iy34fo1GmX4qUf7
3i99UrZ/B+wgCRjHxsqborquMZnX9S0BeQFm2RV/0S2l5A5NT6yHB4B0hwARAQAB
tD90ZWNobm9zb3Bob3MgKGtleWJhc2UuaW8vdGVjaG5vc29waG9zKSA8dGVjaG5v
c29waG9zQGdtYWlsLmNvbT6JAjcEEwEKACEFAlgOZHsCGy8FCwkIBwMFFQoJCAsF
FgIDAQACHgECF4AACgkQYvSedH2RG2DUXhAAtZGIlCFk8GkhxoUFZgcR+AfgKG39
bcEdDVulGX0r7LpVO3pF0V7KrY/Hz55fVrQjF6UMS6TF4dB/j4U4ylIdv9UUyQUJ
O9bPJwcYLbSLURqA75NeA7XVSHwvbm6hTCcdnwPxvxkfisd/YUN75mlDNeZEEXs/
/n+2AxlPX8eQt6n/3RlYYGrekle7EUO8IJcqS8jfSloxkUBO201BubU8lg9bmE4W
uiav6Dgqs1V4q6jheGz+c6BD/PYOysQiet+1Ot0GscvIKgW0w60q7ilzzviOK3eg
fiq57W0Oc3GI4ihrfH3ppC3kcJFyAe/zle25QxWHZWfnNZ12ZElK7vIQnl1JzwVb
sICj+y3j2MUkczHtf4KJZe/7lr1G+No1mFYmDu+GZqT/eSmADOF+IrkoCZgR/jMr
O9Kgfh5U9B7spbHGkA7eZvH68FHRxqvXnUgBFS5hE9oQyTR2EmBF+hpx8T4K2uIo
NSCoq5pTD3HNEZqBZ+E1NQCGv1a8YiyLjeI32vljH52pjtfbW06Nfb4rI+/BrMU2
82gzVHxiN9O5Ba8YmBLbkZYYTW0+9rF5w0brTxRS4IfokNNeanIJ+w7CuUhEyf0O
yOa0DRxUEvHIq6UFibJWzei2dzBIyHovdIQelkmFr2Oq9LDqsBtSZH5quGzeJ2N/
atK1HR1GK5CNwRaJAjMEEAEIAB0WIQRnLGV74GtLMJacSldGFEnCXja5jgUCXBE3
0gAKCRBGFEnCXja5jrJlEACarEjVOWmmZlNkHqajs2rEUJzM+qKThr0QMOd8UvYh
ZpC0+IPOXLjwXpKiZ+7sPw8YaGHw5NK36jWPy+cPdoDppZfRYHp+/0cmK4GI3DH4
9x/jW3yG9g8ckYCKYscrhev3AeD1UwjjiiQhS5m15/TTOLPGtu4kcWyeTcdgFMo+
sdiD1w81XA2/zCTJptsDw8AIxJEk+rqBP46qy7kPpawCsO+x1f17tleZ+5pZPYCu
G3vuaC9ggcKIp9K2oifH/Qn1YE4G8Dz9KqDsS3Ucg50PR2tpd2nXQCoWatezNxED
tyNblmx29JJFjSMs9nKNdddDmwWHM8+CNBS9mXRs1BttxtWAPmz2Y/9U4wvQ6V0H
NxZd3JUItOqxkoxVavdMQrbRDLgI8qVXA9LXABJaJ9SccOJfAK+zJVSVcOqrGoVK
7jQyBoHsMbbGl4P2EJtFNIUOiAvo+y0cA6oboAYnqgBr3ghOXWa7uiLB2zFhREro
0VoGlqCjbH6JdvjDcC4Vf9mxtVP42605phBmd6OCDXjTmgn+KToRLKd2i8b/eafZ
5djwipOpyHHxIQ5N+qSI1jxh+58P8x7502kMTHzCoAdxnWk2CT67Imggby3xh8IM
jJmvah5NM5a0eFIGZs8HNuhkbtJBuF6WzVoieBbin+O6/7zvNaS3x0ZcYJPZUpWa
dokCMwQQAQoAHRYhBEnQnIbD3I2j8KB2Ih72EjR/iplYBQJcET/bAAoJEB72EjR/
iplYOrAP/1b4FsE7QxzYgU2ulBkqDGe9eSWPwuqWORwqpYNPy9UNYKrDn7LO4mfT
GKvVozfR2e8YjDNsP9PfqPjk7OenqiWkzDgwAZFKoFxbu0RFtxA+aMNVOG6ks6g/
LJH3uvKxqaK0oUTntB9YusdS5B7JOcSzDo9uw+2mRyavxs7aitJmcMmrU6GySmGu
t5Nutsr0j1k5vB7lFNu7PYmc/rQyF7UK45+Q5RSzW7lsvudR6VM7qjE+eHfOOB+t
9Kym2siSrCcwsBsrqGtumXksG3KUFubDr6VG7nUX1y0CkZ8FdtdWnsyssuJy/cUz
sGhoZIXhnP8LAvVS2/0g5U+94K3TfFPrlhq8Dgt4EWOr8icL13QY1ZhlQNW861KP
HEOTtUoNJPg7DafrkB377cfwANk8K3iJAMrWK11TR1obr5brMPFvRqeb1OsDeTmf
PGJkm3DePTKydUNvLwd9FwdG9wsoZVGrn7aRQ59OUn5IdAnuZ5Q9eWnEJf03pTNp
sJ/6cH4XCLy7bM1iim6oknLKpUFWRFxOgMKVeFNQO1h1D96u21bYDXnbKyc2vlIw
sBZbKkHsxWr8AzmCOrWb1DTJO5sYTpsBQkQANQt/IUpNbg5eMC7zdyHUpLEyqQ2E
kfrWOoqoTowXv6xZ7Wdd5/OJHwn4PnsKac4ah3tOMzhQYOAgel+/iQIzBBABCAAd
FiEEURHac98S2OgSykYvLNu/uzeugioFAlwRQU4ACgkQLNu/uzeugiqARA//YEMd
eLItDPOCtLlEYJZ9N3VheUA78IER84cena7RDI38Rra7sh5M+msNJJTYH+mXK1B/
2Y8tIHo870I300vQLLDXXjGDFWuQRDIXgNkVpk8M0msNqtvTps1Pmf7fxpSeI24a
dGwlyz3oCUELp8bXuyY7LTrNMa8LjNSbS5TdCF0xteuMZdDyD03jDO/fz44Oabtr
fdaIrzDRbw42AxnzR8wrhlR55+EFxWizWERqPLxhXYYhcGk0PyGdZUzcP9YJmjiV
h0605ct+ykiIm0RQ5/YGWkKRC8LIRDYW7NB9Hwv62kjw2pSKcOWm9kaGHOjfieCd
XnBvAPv3sAdcfgx5bP44a2Sh7Bsh8BIqrbsAAG+9b07h7IMM6MCFFxd2smNsp74n
gPR8k4GF7vfVvZherYCB3EhPLoudoxf/u0Ock2Ssa31XStZ+jHb6a/keEPFGnygg
opNDfw5BlUsys7wSEDOSTE3cdiE7B0hWxC5Xw80r3SxONk3jPczraSG/EVmKndX9
quFboecUIXGBbsx79tUolKTMOQrVP7KIM9ltbpvQShy6RYpWa0dKTRuUgMijqiB4
A1SR5gvVgKs/xzy2Bw9TAH2ayGc/r+mTpwpa6eOhu3NOYhqqkENlZ/IsKnX+dX55
UvSVexlttUIjxCKjvH61Pmdi8meNhEesjVYnsbS0MWtleWJhc2UuaW8vdGVjaG5v
c29waG9zIDx0ZWNobm9zb3Bob3NAa2V5YmFzZS5pbz6JAi0EEwEKABcFAlNyROIC
Gy8DCwkHAxUKCAIeAQIXgAAKCRBi9J50fZEbYCnkD/0WpXKEaTdXwqy7fm87An1H
H6HcHDR95+Ldu8XgmSZq4nbkDc0wjDdBD5Tp25QSUznzJ4pKO/Wd7l6C4fhqTZn/
vldDpRXl23bqvRHmWVkXH/EKZxh1y9TnID7Ysy9H9qRVdFm/yjM9EqrD++/vowYW
Sq6ekosXdjTZWuXVBnirnM/MwSZ/3w1tyK+zfbzA5XR/pscPbTO/UuKdmUbwz4yt
QjSQg+awJ2iRko0USvDG1t7PyMdDNfF+gbzp6qdI/NUo+XicRzCtmxfKR88vD5yE
FD0DY/6xl9172XpB3h5aI1jg2LTDLr0IIlO2KHRkqs9piqJuHL8uA870ZMvLJN9g
JryUny7b5PJlmaYDJPc3TmiMUUHTkrcmJq4Knlh7WtrDX8avbc6T8lWOCakn3cNC
X3O7RW37k953fF3GSgv8otDlySANW20fG5bPN2gvElfHi4LFP9hAXESZUDYuOasu
dRUHMkqc9BAMqqgrgrrY9Qmk1aE+udVTcVICRoUoZyBFVzDsRQL+c1zVBk/kJ8oL
e9cqcdpZbkvVDLtPEyA+b4icX41woqiTRfK28BbKCSwSXkqi+vo9pk9Uwy++S7OS
D3EOjZhox+Zi2Ijcpzb++B2mxX5yroRrPWvHrxIsAKs8ogO9undz+rJbqgZr1PoF
rV+wpMe0ckRECvGqEz0BiYkCMwQQAQgAHRYhBGcsZXvga0swlpxKV0YUScJeNrmO
BQJcETfSAAoJEEYUScJeNrmO1T4P/jAUMiKYNqUlYpCV+mvzVwUQWIyPYdgzqO9R
AmvI1ELCDT1BGB9pLeeUwFXQX/+8+7lGAVLynL7FPPVkkatblVIQKFgvL7XmU6gb
o73DpslX6hn+clYeYXUs37XToffVIFVwIQkWusZ+X9BkM2TeV5fgoJ4mhCh8ys5g
RHKuXYnqCIHfPj033GIhSn1DZRecKPWeb07zYZI4SHsBYEM7xfN4eUEXOjIlRXea
O6hS6N3vBTinn7LnHkRDD9mUemTruBtab2F9Nk3+njzpafMb4IprD5+GGdRacGOq
VNWFlZDYyy+3Qv5A7mXBYGCaTtH5Jlz4oEibFXvvVzD3IgwFCvmU1S+UD+9l+u+z
Nk3F4l07BuulhX6Ek55CoI3kbMCovFjPFrXWghT+/XQy6GaEhQmQ12rhUDBBjS2s
29NImvHyBGX/FHY0udt4fF/h5O0eRw7zqmGeen4yOu60cEi9MVesRz+GZcbdXupe
RghrhXhfE6NHcp7ciyK0+Y8f3dpeXVw3na4EOraR4w4ae+SJUt56Sbudqn7S6Kxj
UCKql68VWHfhh1ibdbv1wl8bAHqtSt0FQlG5mUAcN6R/COO6uK07H2rJWtmIiDAG
nhcSyLY+5SjD7LtRYvZr+SP2EWQ8wHopjkkGfvG1gXl5NQ8gaVRzErkuc4S3yHMC
47j+0GsBiQIzBBABCgAdFiEESdCchsPcjaPwoHYiHvYSNH+KmVgFAlwRP9sACgkQ
HvYSNH+KmVhSoRAArTJp7zUs6pp/+JTFfJsRHbqUBP13KAoZCtaV6auJf+MA6mFD
TD0DpVKdKBGjKna+W/qFn/8lpIjxL6YtQ3/W1j+d+uhd2OPb44atpXNuxArpCqoZ
zAyx0ELmgP1YbZ/DIRKv0v0nFsmP4jd14pcclFKGLqh/tK66n3+mOH7zSqltljV0
9A4evtkI/29/Jj2I31j2rthk+gJmAYiksXVIZb3Hoj4VjFaW0D3/d7Bc5LaUCY2Z
6GXa208UjBfumKRtSWGXDaz4LmxoS3+H3xfnm3APQIryaSc8daBY0BjDwORa2gUB
9rddEtSWbVZvJoIdAa7shLvR+eYubMCOjmHc5cV3rG0AF+5pymOv+Z9pAIj8Uzfs
kXtmIkoXPRfubeb6rNx66fKakgjXqtcGfe0VdYg/VJiheVedPmqBvePFvuUGvROa
TzDdKxKqi+AR3+JALfcue42xbNCTqWW+iercuKz6gpNukfwuDciNMrH+Ggg8K/FL
x/NEQbVTA+IFZyuBtiRv37gDNf+gRK1buA1OJg6rS1US8CE/brOWEhSDXN1wJ9wM
JHtM6xj/Td/L8v7BYOXbq1ffuuXeX7OOa2NF86yTthS+Hx07y6ivaBRIWhf0DA6I
lQkoKtJJ8dgWtzRgH/Dl18nhgjdqhyaQXnBclxv0B8M3tbpeoJYBRTM/7haJAjME
EAEIAB0WIQRREdpz3xLY6BLKRi8s27+7N66CKgUCXBFBTQAKCRAs27+7N66CKqz6
EACB4UuPAH70NzoHo9utcD9bzMj0PRi3GKh6MMm0CsumM360HfN9RftOrB+Y3mjq
Oyl4onqz4hWKWWQayUsI3T0YiDwtV3zeGkvyKGMB2gZN/duZplHiSj95Jv7HPQRL
kVo8rrEPboI+EdCCOypZIu8K9vfs/fTrsx14dEy85cOqv4J2is28zOapFoR+79gN
pErktx0ftcv7e2fxXQB5sUAa8k64bRNuVoFXz1HH6T+7641DwQutGAEFWug/Ythj
vytNBlcq0bxpzVwC2RAbPrnJdRu8f1XM4jBx9mJz6NfHGvSjEtlAuc53Y9DvJEcZ
uKwrN2NmtJ0dkO81NaU6B6oT9dwTaJ/6hwHq0WNvPeDcoUZxrh0XXyuhjR/p5MoU
/0TeiwA6HByO+/wQRL5ZODUag8xlsnXHMxwz6F/mqo6OirJzflJdJkm9kL4UKjCB
r/jzOmf6WVQEfjWTFmv2empmxT3Z4ahR60DLRCGPlc6v7N7QshbH74b/NfbP7CPt
SNqQwiPzSTiNjr1SZhMFJ/Zu7HS+/ysXyPw6Ku0s+8zQtkstV9+Oo/mpfm27yDih
scWIZTmc3RiZmL6eURA9tijdB7ZNuXxTyKkClUfnkiba9zdBCZT+n52zXY9aR4OE
KEYFXe/x2A2hON02AP/lzgjEpg/3vaSfLrzk0wMeh+yYjLQpTWF0dCBCdXRjaGVy
IDxtYXR0LmJ1dGNoZXJAbWljcm9zb2Z0LmNvbT6JAk4EEwEKADgWIQSrolKVmPZi
bEINM1ti9J50fZEbYAUCWY4aMQIbLwULCQgHAwUVCgkICwUWAgMBAAIeAQIXgAAK
CRBi9J50fZEbYCtzD/9WqoGpj/rKKoqoToj3hInc3Nv/Nxj9quJc2Z4gxmnwYlB+
KhZeDlfCytkFFYXgl4bB6KcpnI/OW+hynxR8jT/wIvD5E3wIUCRVJfbdmKBiSha5
KMDgLGmVpJbVG83s7mN6BlgYPxUa7dFXI43mRBkt9hCnH7U4vwx5rtLlR5FEU6EL
sjYiWc/zyjqZFLHbnlJ8tt09zKTVDF4SfdJz1vpDCD1exY7LZtsaL1SpE+fuTq+5
/Z6MvMQk4bJcEbXzrIF1U7C7xIoTv/npv+eb0xdiPto1UKs6C1o2rIdvxbrDc8zz
pWMRSPjBaOuey01rFKrkpSlxuX1h6HQSDyN2Q7WmeezLh3RgoTwrEnmy/Qi5Ze21
pi2ygMtUadxTzZRi/IC77s4FOlrnqx27AonEzRQHTtKXhLKrrXD6HQTerf7W9v/l
24O/QIAdX/JlhYWHQGPHAWe/3o30XkeM/Bhlt29SAnxeWhTo3oa1EudXrAe745eM
rA/pdAHWgqIBi5KZP0j9nQRtxXN/ZP3ASKjs1CKw4OnwpIWotUkK0XgMemJTgBYR
FmNUPpUCiLTiZxfJbcQt3khDOfQ53iR3xSLP788MHO5/zGqKcOgnjFlyc8QLdLSb
db52l79ZaeXamakEEfaZRnR3wtZjWvLk+JnC9nWEVflICnLwKpLoph+ceVe8j4kC
MwQQAQgAHRYhBGcsZXvga0swlpxKV0YUScJeNrmOBQJcETezAAoJEEYUScJeNrmO
ZJgP/2yhVoDQbp6T1ngsl079C3ZwyDY//TfKXUwAJJgHo84IdrLWhYYTCo1/2nm5
rAqmDlq3OJsUMucwj8opocEIBM2HWcRcwFJgwC3Caq6w0vLzmt9Qm5eGIwSPGH/Q
7w1YQj+6x++xyYuVdmChVIIgQy5TP2cIuM+c+T2Zq2vTGKV6VNKQpVH/o0ymB7zx
5ZSJdsQGuNWDvZbwsVrYsbbgEy72iO7fVvc3aYUVXL1gvJjAh4GUKApsLWhJGG/G
HoYvl0PSTpb++HOGwtwbG+GG4ELbISfyrs4JfMUvRA2hd7MZD5BTvO9hzWeFAOJR
ze5gsDkUCMeJ2D1yoVONHhmaZ8k9xy88p/NOC3iYamoixO6vVkOsCbOhzHRVlj1a
VV4Zs1RZ6kMgm0HBgGFjj4IjWZy39G+JWfjJuLpRAVOwPv3Km2ertTtJJjkSaTA8
TRG+/ZjgEse+Gio40aeBhm/2LvM4A1oHe/gzZXQZrHKIl7sy9ijQowj1wuqs+oqz
gdjjBp/DcU3qbTo0vJ6ACvRjQVcIhIdOypkn31uhUSA1CtHT3TNau4/D+B7YNtWZ
egeVXWvzFZukXkYzvbDjMn9t3PYHMPKaPYynBGuFPO0fMBXouh4qOfXywFemB+zu
+ccZol3zPzBhdxInOhWi6wjMBSY1zae0S3Co34CSylZ2lu+kiQIzBBABCgAdFiEE
SdCchsPcjaPwoHYiHvYSNH+KmVgFAlwRP9sACgkQHvYSNH+KmViCHw//dGg9ochq
Wuh344h8SSqq7G5d+Hch7EIMCykPlDCkmO0/FsKEmMQ2nMySpkm1zM59pHvADlbu
tbhtLIk8kAjsfyZF2alpTCn1gxRVe/aXBsgmAf/Op2jf92zPkov8bXw7x1oFZ3ew
fWFR8bwG0OEK8kr9jpkCs2lRv7kG6g60ptsCWDkJGiXpEyovUF0W3ZpCU3RBVUIC
D8xMTBJXOiCYtux7uDpGJ9iYBGD0eUWxg5OUZs6Gmid2sr+rV4WIoBJEgGUMq37f
d+loYNwm36GQmU3ytWx3ZduCruNRf5XSdws+nJU0rPb51CiacPp/g9PR/9f9i9/a
yzao/7pA9/0mfiAXHveK39iNqFH4V0B4hOUzRWWWJJNvZw195LridOcmmgOLTWQJ
iWErD0VvzZRrf5vf8sdsRoXx1gHrgb2ana3ThfRl+7gE9jgkrEZxGZBh6eaxyxpc
eTJBtGjcAgATlKSZSrm9ZLI3Jyz+1R+uEj1LPY6rc05c1XU2l6ucoMGRvu/Vs2m6
XBiyJeqX5yARdVbiTMbmGI39SxoZ4//KJoFjs71+FxT+sZ3syfQyQJjaS8++qB/e
zmhF4Ab2wh987um42q3Bzl3NXnERFO0Rq5R3ksgBb2ns93Sc6WQPV62pUFxzeHX5
BcW6vVjL8jkrJuMipKetoZGm5Aimf3oydJ+JAjMEEAEIAB0WIQRREdpz3xLY6BLK
Ri8s27+7N66CKgUCXBFBTQAKCRAs27+7N66CKrU0D/9tCR/N64xwcY1eq5tEjFb0
9T0L/aP39hcCOWeMwD2AcA5qSM1Fr/gqCs18db9JqZOcTEISrStzQ/ciGj3Dsnlz
7LjYVicQjwNK39YxedfAuU1kPAd2k4KujpE8o9b0Q25nsTOth1ZZyXJIIsrywwVS
CG0shyi2GASuZOXIZOdkYI/SIPojZdQKG8Czd37Lo+2mPDqG5lTL+LUX0UoqEFR0
AJfsBkZhUodUAJSxzT5sn9ZyBOabAbdFhiwjMHTyvFOdFzIfc5pS+/OqQqdhwxcw
/FyCFyN5WgC6nRxEZqvW2jbB7xphLPWOWxWbogwD4QACQO6ih6pyUAvkcPGRTJRS
j9AuJ7cX1iul0hwxjFifoJGnDyNB0oDo7qyfcOQ5lKlYE6BWQiQHcE8UX4pn0Tk8
z18pSjh79LxFUgKH9Rvv2eIjE0V/GYFh/RiPxopBRGcqnpo4F5mOvLbeNMN/lX2s
3g8rkpVLa/QWf/d+goak/zVWqLmC/5OMTFnEWrcTu6dVycoEiyfKgf8LRZ4YrSbv
jkeHNuYwM5KVgv+umLOw/p18mUueYmEvpsmQ55Ri2UxxhNWizm3xEtLo1jLGfBUu
7RwuZ3AuR8HMBeOHsWe1/MSpZgmbL0V31mfC0M25CrBs0qBUB1QxpCLv+cSa3Acy
CMfQS9ln8Ydzm2sHPsLZA7kBDQRTckTiAQgA12JICQ4oNax8PaljKomTwuFTCrm4
6j7Z7HsBM579lqkQmsNaBu8euQF6C5WJUE4aflBIa4Q8vqinZirkdUNvkj2jGdKW
XG+KwGluvbd8IhCvD9ITV52/Sj0V1PqZMcKktRpEczn1KY5BjILXKbtlp1eVa7Ha
VMHHge01c2TH6jttOtasUFBkT0jD/Zd4fO6l1e9cN3e7hhIO6HGqcrhNIaHD1ikG
6VjJU/ndP5qkzwErqlWF2H+TThWaY/PO0zXp5pXQ8geBWPfnw4B6ZvKzoHM54vd+
aotgoDrNpWMkksm16oAvctXkg/WSt3mzNIHQHQZSYN/uorXek9R8664MmQARAQAB
iQNEBBgBCgAPBQJTckTiBQkPCZwAAhsCASkJEGL0nnR9kRtgwF0gBBkBCgAGBQJT
ckTiAAoJENzV9eXvMsNFID4H/j9fGdHyPQLDvH363lsGx62l5zlX1vL8rjleZMTR
D+JRQJ3MjSgEIdEE8gYLyRmetPsrbQKpOu/uGVs+Ef/SDFj89VhK+661DfHwcahN
XHPTjcNi6OUlE2Z0DXdxgb4czMZkDf79ga/sf72S1uJNQb83GfYN1QfLq+MXsBmF
LfYU5RkoF7obgVQFAs5HYf3RqCribdNEhGEZPPG6wNcp5DC1UvrpotldqwHZltFS
dPPPUT5S/kpcRtqL/bilPc4Pb7qKQR1Huacy1ca1DAEP+TvhvgMmm6ExVAYiV1TA
ZBfOUYC+Czn7ZOGJ8Q4AN0yno4IOsmwBrxaUx9+38I3rb04nLhAAyUUZZGp4Zfj1
bJ/pOxZ2H2BqX3fstN9tVvZu47D2DoeF6T6x02HIV7oVQ1/haMnjP7rtsWNjrl32
RkMkbvwqsnQwcZJrylQTxYuzy4IGXak/tlEcesspsG6O34pvPoZ1c+q92jofPOzl
W2xnSTtKlt0Fu/m2WNg6s8tfec7emi69J6Pl+XMAmQkihXF+j4QuXYzSV4G97W2t
AMxo5d3GIQ4UzcxhEvTH5s/S12iGT0xfy6G3yEqTzFgByA94BWN/plzgaaV0bNDs
uK16Sp6c8gldHs5o5uI9wtJa468dj5Ll9zJZOdC3UN3kGDY1T5jnctnfgLpU081c
tfz7tr1URFiq2LYlxpEUC/OUFyilHuM17RacLLAM6+9s2bYFD2uAOfQyUJaUD2z2
/9I7WRaDbL0DMhn/QZPdhLZSMuuoaBEu99NWBGHMfVpDmmPQeBLTS5l4Q7lbrf6f
zLdb+3Vuhifl6w4UTPC7Wb4qowjtIiaqdtqpsqm2LE62xsvd230wWT+ipGhBx/B4
soOh2lVXkEGL+nEPTljBxkumkZOTxJl/EC3cFEtVKGCw9Rid8nUmc/v9LcKaJQDO
AZ0oAMc8eSyxKGaW0pePlHn8k5cds1w2ZsSCXuDGNYHATp4Gm3izEGLRsex1KYq+
+dysRCx2EZMDsaCAUbXNrt12FNhgzh+5AQ0EU3JE4gEIALyimTnOi0q1WouENJKQ
RlpBsZ25Cxp+kc3Ttws65cFYV+3682KMRelDvZ073JRlyMbEmAsxCitrmsKfI8+9
3TVg9XS5R9RynMpRiyi1m6sHLbeXG6LaWaT3gyzu9VC6EGoadf+l8/emQD2WeDJl
fHJr+QivlGM7hdMvjewj7Wp4+x0JclhNsgjYEUkF4ajy/q+A98YyGFybpOwqRoLv
U5WXQGxuh0LiUjvpLyrIEEFcvASCNOAJgpN92G7nsNDsXpWjwmUDYwM9uJipbM+M
kyWJykiaii9tYg/AzsFN9Cr0+w07IEX8IfWmY9iGjOC3eISwX/vx/jtrI9Mj8Ei5
RKUAEQEAAYkDRAQYAQoADwUCU3JE4gUJDwmcAAIbDAEpCRBi9J50fZEbYMBdIAQZ
AQoABgUCU3JE4gAKCRAZcP/x+neS2tEuB/4tvkwlS/aJJles7+n9gzlcWHeRHECG
0zTrmQr99uTvBaYewB6gSJK1YrM/ocOH2k6e2EAfYw+bgBXcOpb3NQePZ4vLCAkl
6J40ktwyWBOs8uCAdBX5Ngkxhiz5oNaxQqnBU+xfovsbQJrxj0S28DBXGDR6npI1
vqjrsYBoPeo4YZu6pUAp6wW+7eC4eHVK/NIogw0XxA3VRzwvzLK+aUI5RbzyWwYY
PDfzXrQRqeUqCF2bnnsXjDHxfqjfoWrnK+ATGFZgjbF2wHhPDRRHqAx/ggn8K/R4
rvhEKFIqxQHrfZgQgsWregiv46Ph8DBEGcniqeIS5kRQi5y71IB7ndb9cB4QAJIb
BQaB5GhsjVw5bQTsZWMDLoweaR4kqP2eXgx6HuhRw1XcP0ZNNv5//L7tv6tmeXgb
RO17JzCw8+g2ZFq8Wbd6v9MFKefh+FT75Vvb9jV6h2NtQlteKQ9mpXVpcxZ0pKDb
hPzrjcI3Xo/zjYHFjTk2VAxWVPtamBN2eCGc3ggWifYnmuCctxHlTZNyDyrfPwJ+
Vj8VuTsjd/7b8VVLd2lpzF2m9M25z4zNgxzldAAr4F+bIqjPJUVY29pZFyKKqcBG
zCYBTlB+yiVqjXOyyYQKwE3nkG7UrlsQdQEI/wjqBJtDpQ/w7NLPKwx2633dVQAT
omPKujL3klFlIdof/5+JUDzmg2mC9ATCJ4sgTAIodo6hHACQT2OuKmAHuCI1oqBs
7A3H1pPk3HZVKy7LbdQTy7QTzpBiUHklOKWlWj+ugWeABTZZK5U9cm9vq2mT+rcB
Wu94GriSlDo3vobC78nMDZc68eV18onQpWTlzRsTVVfOjll/8ddtruVkCVhtfRxE
ANQIfZg7P8oNxVDAX+jIsTDxjh8r+S1wsUQcTNop6JMicDbxrBRB13vYIY0Jg4+Z
9WUiKCaM69kbgcJ7tTp0skcJ+rYcjVkTz2/P33/FA8BMDUwCR2FovRnmq9pVjAAP
hS0eN8yqaR533ire0Ur5Vif6+z4A0ifVTZ2hY96B
=nEJu
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----
Comment: GPGTools - https://gpgtools.org

mQINBGBLvGsBEADHfZXD7feUfyNQoCwmDYCmygvIGKJxGkgiyxecbGieggOGVbNy
1N0F2w/HHHW7uanlCsrB/wKnSmkNxkp5m1vfcmg+AorjshBJZCjvNZAX78yOGOZk
7UQivwPhRWvJ8fnzwTd7ls7bz7mggPT0wVuBsrHtr6mfioxxmVq5ChTHKER7uFRL
23bd11x6hurfURgDuYPrCaLyrvHmQs7CCe2pxJVLFH4kXyzNoea4jZEbOPGNLXB/
war4QJaXtk9rLqEQ6fp0iM/s7N61eEcrj18HDLj9CTUB66UMTlDKUZUV+36502Ae
I6lrrFSx8KUvK9fcpdcxXKYoaY5t6BIBUS2JK8fCrTgyBdTPQ1J7z5N4GvwYonf6
FBsQpC2aY7wBAqFEbZ8xhdB/A6gY17542OSDhcto3ovdrbLkPaPKHUDz9WRDdR1U
VKAkNeqaf6h00cyEjM/IN8+Ni+Bwz1hUrwN/9qcKkhsaJK+D2z/f+Fq08+8wHm7A
rf/azwtiTT21S/Qwmg+ISkmHJiUueuL9IIIJv0tsgxZ6MsYF9tP2NxjBcmtketTE
h/oygKhFDiK8ybSRftCatEzJuf53cfe4fNIJpacUbD/QM8tGgwrXOpAz26Flm8Ki
drw6re2mvxnDKOua7dyukq+JHR5SBEzKv8WmaNEgzEDxPdaMa6+7mLcVOQARAQAB
tCVNYXR0IEJ1dGNoZXIgPHRlY2hub3NvcGhvc0BnbWFpbC5jb20+iQI4BBMBCAAs
BQJgS7xrCRBuKiPYBrbm3QIbAwUJHhM4AAIZAQQLBwkDBRUICgIDBBYAAQIAAMZ7
D/42lpQArXi7unDfG1K5dksGWv50S8dPy93APKZkxSqmO/LxMxOSUUq6N5NSh5FO
WV3o9Za0u0IfKN+cje4ldkRGaxAEmoPLRaB26lztv9AzkaBUh6c4q/MsUiuExJMN
l9P7los6B8kCtxddq3TjTXf1FVPxT3U6Orprmh9BNsIdw/N9K0teUJjEBl5ui7i9
WqVvbbTy3I34ae2tCdN98iwHVpkfm/VYuvqtKcgzv99FcasvAWLPr+z9fG5iOx54
WthG2UCXf4k75W8Ddd5TD8n/3JaVZX8UUq7EiURRD2fFtqMce4PCDYia2MZybjio
qJOvxMGOr981JMI5uN+2gVKe+A2p9s9ittvHtnHQxVWd1O+CGFQg87+js+0BB4hi
WcYGdDPh6GhpYx38In3tBHxzIfCitvKMOvovFpV1j1kYaMCENrlaO2C2DWHALCX7
unpvrSb3gNnCFzB86+PJkwOSRcWxERdGY8soZacTDoTqUrwCraR4/KgZk6JK8jKH
t3w/a9igvwmzZuUrolAiv41zywDupl/wYOA6uUmvi8GxWCGZ5sHRuLGxm+Tk2QyA
QA6seNaun7OE4gvrTtuA/2AYAy/NVqdVdjHN4oOIFPnsoRfW+ltvWsQ2fBsyG0mW
A0JT7aicKCa8aZZ6ZQtP4zbKMYxJW4n042hiYcgrdCdumLQpTWF0dCBCdXRjaGVy
IDxtYXR0LmJ1dGNoZXJAbWljcm9zb2Z0LmNvbT6JAjUEEwEIACkFAmBLvGsJEG4q
I9gGtubdAhsDBQkeEzgABAsHCQMFFQgKAgMEFgABAgAAWkAP/0KjQDI1HyFIT5GG
j0yufkcmRZrsXSy57eUpfL1RY1OGqTnB/dS4DL6OJX1GaXOlfj3lwjiDl2Y1pHAk
oncv6n5AAXWfvWxkDJzxqyo8A6FhS+fOgoXaKBPAH5/1CgilNzABNIlRmHwJ4uAw
TFP8v20Ug6gqaW9lSH2PXtZKKf+gH6lBB4YwNnzehnIteX30PWhhZ1SUib0jJCoc
6H156wo7G6INzZepg+hqI1ly/XYg/XzL7qRvIREtALOs/7qU04+x1ny4Ys6G1ZAP
hI0sxfcy+qbSqzb5+7oYg/UwrbwIhs81HaTyQLa4FOYKGPyg1GkeJpzo9EENRgoy
u1Dmd/7S/Zbszj4kakF7INMByolvbHvl3FMLAILj6DwFxakI5kd1V9XemYPSRoLA
wzeUlzYHrK5tD1Q+EdmTGBpmVghFuN0ov/jja9tInF/ZXra4GdeCdksatbkUHP5p
xb8BCGmJQtJJ0ncxdn3zwJSl+5qFtdaTmMrc9p20QYiwKuMupHL6+hkdhwncbRux
S8x0dUm4Fn5EnEcejRiLu6Xs6cmUURZyWXEkcUW2i3+cvj+1dkp/HPkStWrBceyb
VarypHX5BhBGThdWiDT/Gl6W7uycFGm8kEUF9bGgSvly1clwRskj0cc6IZnSXmNq
/+efhKkDyQC3krStcwT2/HzvtLgDtCRNYXR0IEJ1dGNoZXIgPG1hYnV0Y2hAbWlj
cm9zb2Z0LmNvbT6JAjUEEwEIACkFAmBLvGsJEG4qI9gGtubdAhsDBQkeEzgABAsH
CQMFFQgKAgMEFgABAgAA3TIP+wSoWwwicctBVV0Mu3zX+9TOC/QT3pf95la5PgIV
fu6S97h7ePphk0ORRFe4qW5f7IM0iXWTN455h1ngnZGXn5tG3JtkUY616AnmK1fJ
MHRZRCJmeD8u5SzCCZGBlL+n3Hp6gOR7q14hhgkeg4oPiFKSF75LJos4JYEeCIYN
WyUa2yjz/glnzrA/zMeRQ+acRXj/Aa1MlwiDukxpIaHzB8U0xm+V6AgWdNzP7T8P
Daxidjgkjk3GGAK741z37avP9MFYUTd/Pq6Z2uB5xFuaB2xD5gJcvVYMBJQtYmtt
AmbzEZwYsROmkfCmS9jmlUFaMbKdAl2do/0feX7Hw29fhVT23tYD2d9Zm39CFXOm
tIb4SDcteyqeIOhQkLZgKLwJiwXkaLsHPVZlQljzvkQlW4qRGvzxyCWWr4PZovQG
ZSyFcO3XJk2hswijbhM3rQOxtOL9GJ9U+khnghLfmet5otSl0Gm1yW+ub7AynXi9
JT+kMv2QZfPP+jZjIeBLC3yItI6K/+0qI53JMswKDvQ8qnmeVj++dquSSnSozXpa
npqxrjxAhZ905UrPKqzxd9lJUegfB4khUBC/IuE7HTkFnZz/I+r6IfJ031YZK/lr
eeCQm6DMvoehR+4vgo+APdvclMmmCWd4TBTFBhtOZvLX5HfMU++YZC13AeDUmzOp
edRWuQINBGBLvGsBEADtGQcj2nLThgu9QBKN7Q4TCwywd/RTyJCZm2aq6NVs2iYP
NGd49RmHdzYbiSgOaSSIYODevDB0KFK0/D3YMjEE5oBpf94MxGDOfq/tVEVOjiOR
rwW7YaKGpxoD0q9QB+CI4+w3Dhu5Yiaiun+carXPfhxaOvoYq26heLipZ/cztgRK
16bqoAn/Kl2/yY3kfN2YRBgHFaLwkKFAKD39QxbxrCTB6YuGLhGOI+BLv47WlECi
TnSM//k80jQVEjuvoXZaFQO0/A8O7vIXF2TarVKO2I2HPlCt4q09ub6rmmqn2MGj
2gwYR1lv1vQZMVevJOe+4gwGKPCicIbp+JX2CN8n9lorS/PlYkUSNZehNhEaBKUK
yl5WFY00oGtjYKwRwStN9m3JwNPAQES9EYipGi4YGdsrTa+MtsIZQdnbaMVA9wlU
sNMyoTBjaGr79Gu4cPLISy3mNy6LRivlEeE3pxcziUj3k/6dLEUFgTfgmH3dGJ2o
c1fqF7RPJ0hvzqh6pG9lx5nkUtpG+s8FC7hDDnuqVXCS+4rPe13sEFRlM6l1YAiC
hXeApBhvpqB71ydiVR/yHua1H9b49+1eVeWzfF6XPtUSSCkwH7W1ZWx+8yUBi6zz
GUgmGNJ4m0GglCDPXsP3w7WNJoPAU15LNsi5z59bjGou3OkI5czPTKF7Q73znwAR
AQABiQI1BBgBCAApBQJgS7xrCRBuKiPYBrbm3QIbDAUJHhM4AAQLBwkDBRUICgID
BBYAAQIAACVcEACY7aIw03LMedYRsWogFn6IkpdbqRVEYP5Zjglky8MFIOQv81j7
Zg99BB4V0lyvSMSlFmom4BE+Sq6EO3uuqC7WR+7GL3p92AyIF9EJIOAg9FFH8eRn
jk1jA12Zdx40V6okWpy3C/OY6D6du17G6AJ1NExfSWtbxXknFAbsv2azQpJ0ATdK
xEPun0PGlOhsg+Bu33k7tQ2P6/4dJT8c2e8QBy/kedj3mGhrb9Ymy0VdOn12P7kA
oVl9TvvQV64f9YSToQzDjHTSP8dxiEV7a8SMD4cm/7sTLF1a7LW8lD405jxqll8a
dtj4+yY/rfSN/rDVoTDBkc6habYL0G97j70o02nZYJtukkIQvSYdYARE0OUdwb+y
SZWuTxT340LDJHUwmDpFyk6L6MTaCwlFPoi4+0FDpjdOngEMjMHe92vWT1gGhk6B
uOKbA/wFozjv87y8T6bCJ+dA1/TqhUT7UJBKJozXpOpcYapI59ZmTVu5V7WwFJvK
JlWm8DSDpOI75JRRy3DTX4UmYg/nRX5pfLPsxq2JQW/QnjPLPJ/y+5Y++b92wWrP
AirPev6SluPhLJ2mswaK3THlhOZulKO/VIEJ6g50m5Vj3hdYf6sR603yK9rP+3iu
IagTQt2SGfW3Ap0RO3Yt+w29BpZ1CZ5Ml4gAYkXz0hiiMnVRhlcLIOHoFw==
=h3+3
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBFwMUAcBEADplQ+msULZ4kt01bXDvZ66MSVe5Fi1cPqAa/5/ZtaHZWSKrcN6
K0cadpozJp74HSZzORLYV/50EGwXU+OG1dFe73FbsTCgQyLCbh/OjT+Exq553g2D
/IB4/6/vCs9XXiYdKot3P2NsHI6RqeGqgW2IkFVsMXO2Lq1XKFTWQniO7PhHW8nG
Trub7HrxR6i9KHtVtxLs+XoXY7Jj0gB7WyRkYjHLXti4VtvcBq0WK3pSgEIy5MwR
WDepmle8n8EJZrh3T323YM41MXKGT00wCSKMbSHJO7QssiOda9XluC175HDfihm3
q5OKV2ZYIbChsQxuJz1Y97hwZ5KkLn//W2pxTdOElOcynFpQNx7D4b6UTP2DCCRc
n41SiDIyHg25cUXXAkJWlYRD1koGfLBipJA0DcKqlh3W+8zNfngZ0PSxwFtJwSre
Zx5I5uHAgKO5nS4hLxGYUMv+MsSKHMYR6qkqFg1Eal6tTa68bPFTbzypDmMUKXZT
sZtZ79WoIUU9D3O+F+Z9rxwaQ3Dv7J49FdbLPB3zqENqX7OWHZ38m5dsweTFhQi+
4AaDLEMiqMi27SfPkF1/+JDc1SOoLVo9QgukqhFlz6qEIbud7LUfpeKBRNJsfdr6
HE3cH8MWHInnlJ49De1oLl5bwAwScQig5jmv5DZxN5qdTg64vgoreBLgsQARAQAB
tBxTY290dCBSaWdieSA8c2NvdHRAcjZieS5jb20+iQJOBBMBCAA4FiEEII3TbtW7
N0WhZ0Okx8b7tbkcEVUFAlwMUAcCGwMFCwkIBwIGFQoJCAsCBBYCAwECHgECF4AA
CgkQx8b7tbkcEVUIPg//cK8zaAOUIFClQ31TeQnwHsJwcBMeRRegUjt4cIYSjv3F
oNe5EQKxgpwT/1iegvRURjxHbhSE0paQ9wsi8Tr5Ygs0DJLDp4PJVZtVHJ5qB3XT
VuCiqyb90kIG+ok1m8FHBwpeU7o2a05InYwJLWowBQTulhrS4VKzrPs2kMu4z5Am
5sbs70f0hRLUXGmEAFUnZm+lpF48/PCMNSPrxgZ6rtNqtXq8oCyPNvyO8Ou130tv
TSoHx5Tobz3RnSeDXpidC/Z1rQGq4Spi+a0WwC9BCArDvtOrQBoeQFgdpy5OsE/t
QfQNEffyLRLlAZgXewOC+PeF+xrz+ku/rMBlt/h0h5UcMS3joUHTRZyQoA5dzWZh
K8pMXYppHXJtxl0fNSG1rH1vsTu+Mjxmd9eBwaDxnBFwzBOukiwSUgW1r2DyZ7S+
25ZW62lcz/E9+sgWV/PGR+YKGbsDdnraPdQEc95k8NQnYsX/7YO/WXJfP7Cdqd8X
dAAVW6/dGUp2i4QogEYk+GeJz3rJJK24Wzgf2FJ32FuSH8uOQUH93h5QZbJAD+pD
R2qZAZjCHYAgvSuqnmDlefvG95TwIVzy3OFWbLwp6YyBdyZrdpTafER4zk17f0HF
xS3z3LG0LsEWHShxccjzjoAUeppAU0Qojag3kKLoCwveambIdjXIxliBr/S2VSWJ
AjMEEAEKAB0WIQTlYbNM52c/3RO87D71SYLSFgiO4QUCXC/89gAKCRD1SYLSFgiO
4YfMEACS7/90VvyhbcQYB/2N6dYYuVd4tMRpM7jgWO6LqDDh3C9S2NI2bzwxGFBR
nqV9N6fD+yLug/dtAPq5D4i7AXzRqPA8XQ2ky/1EJOv5EmOl6NYnUZafEBMDMai6
F6XOji2JR7b6xlRC7GwzUdMR1rn8eyCxuJobgB+wMzfcSAnaDsH1qU7a5ohEewtQ
IgEcLLmiLapCqNXm0l5oIYQQypbRrogw4ePw8KcLDreRtPCpPdLIThqdfkXLQ69Z
ZwGd1+Pg6xgu7MJggnNq2RYortW/Jx9WUFs0Jj9c+Yz5pPeQmc1jjF4uHvxfi0gt
wFqL+bu+HfxI/Hiudkzzp3v+Llmjk6RypJowLLk5cxMxv7XMfK3cLLDO5uw0pPiq
l1f4u4P3YeRLv5YFh8SRrk/PadEqFr10mIOmreASq9LivJkhGK9eqQ0X7zQfHmDq
S3nw62ousqlmEld39MIAMn02Ak9i9CD2M3G2O5gCAcvnFlWblx5CN9Pjc6kOb52W
eDMYisUmKnIkChzvAlfh8PhvQfLUpKN1AmzUOcXJokpu1Yx7OGaoDnfpXSHS8fe8
pu0jMsEhlqsNxNS6y5N0tWjxjYg7D1Qpeq3O4oft4HiO3ZfMPI4V1tatfeohnjic
UJkpVsS4RZybu8aqNGc8i/ggagiWc50oydK8Lp906XfOcEert4kCMwQQAQoAHRYh
BKuiUpWY9mJsQg0zW2L0nnR9kRtgBQJcF85IAAoJEGL0nnR9kRtg0OMQAKqpxGtA
uaMknrZxnxu+y4FXXrX/W2TLlF7Ns71upXhitwSWk0pVJi+OZUvIGj+8yCj2MEg6
o5qBJPyo8TuwIh1YfxBYigY5Hmt/uVVbKBM/VXyKDxzGrSts+r73cxf3BpPfyANB
a90LjKHvFv0czu5sfiRMHU9GCOehnBukdZ9PhOOcRuUlHoHlSf21x9kxa1tUFPVJ
eeoVOOnONDK6Dzmi6GoGRTq3X/HZ2JjhcdYSn37z/KxmZ/SNiwat60gw5zJHTh0a
dM54hwsdsp48/avpF8BlTgXsoH5dVdbaOTyNGXBbQaoL09FY2x2eXaFCP3RbMWK8
TpWh0Ijs/3JLFJ20jrvZqsmxmwIX25TmBb4UoR3HSEHFasYoIxv/me6V4oB7D1SJ
F3q5scPnRzV3I5wCRljKJcNHQbNb/c9Xnt5UVnLHRtkZW/NUw93H5Bq15dkq4U6i
prC0EgjfiWy2Esd9TiGb5kRuN0/duUY/d7dewp1tJGDRZACwWwHyYkPiPA6gzQfN
83yk29evZeX1rSBslnXSLzuwhVJc28KNZCeEcC2o1JninqfqoYnypgSFOS5BK6ZG
5YJD0gkKFX+ImC8OSKsIJ6QyrzyOBb7UwRcK5qlvYZGYgrt+B+mFDpxWPkzgpfMe
CvE0nUCgKDNg0Yvhr5w9JhK+49Qn6TuTADMIiQIzBBABCAAdFiEE2o9xo8issez5
FC4eE0/BVVhW2k8FAlwSzMYACgkQE0/BVVhW2k8jEQ//cV4+ke8eHhwwxCPZd+lA
mvgzalwSiZZ8H0EgAB2cK0LXEFe07XGKxe2tDkf5FDIQcNm7sIk0OcLhJzYX0p9P
A7ZzO2tZu8QuZlUqt4VnDL7B3xeW2Sh3STEmw80wubkgauRRysflAHIw3edchnIX
9Hq55MLBBAplQFkpA/Y7arg3Bn8v/8YQlULc30xRO8EoyxD+zyl+Ic+xFtFUxNc/
2dkqkdjq0Ohq89wTGTy0jaSI8INhZTGqR0cEYQPKZD+PXUUym/TaPKJKXagqxmu2
XXBv6QPp46a58viBxMj6+fl1JJH3DxNF9YY++7Xp8CckA3TKDA9hxOJK6wbrTzDB
DB+tjcwR4ff8QLv/CV3psyk2fX9CGCBdr0k0SCMQSFcHM8pKagkySjG+EJ1Tcflf
UDY2LD33n2BBIdCaQTu6u+Zeqq2e6R3UXm/raXuGrxUxzvOQBIhb7XaC6nhfDu8k
07yN/Tjwp+rgHt9ouH4pfFbGpvaIomBJq6pkTOk9ywDtHlSatqoVkbrbKpNzmwf8
z7pt+ICtKqAAWQTPFPD83h6elP26GKlsyXyhT7HNmKUHaXInEbaD+IoCJ+wY/O3i
gHV2Dn4QllSBSBhYlhl6utmP1zqwJJ0rI39mPS+nMXOhGB+bJ8EzAF/3N5J6y3TG
FnMEJD8qgdpDEgztjHUSAy25Ag0EXAxQBwEQALqYikkk0Ur4gn9PjxtjW4OxS5J4
e/u0UyOsv8znFM7CG9Ndha9rQs/7c7NEf3e+K6a7XqhzDKtyGAFVFlZArxbe6X8e
UV1OidOaH46z2vmtWOJYHIupXHlXS9LeXNO+pJjCNEAzmHbGjpkjGtNz6Opl4Uae
LoMFubRViXhvD8pBF72dGUlp8m+U4yeXJ03/q0sR94AdTA+1OzGd2+1s7PvL5XAx
BwXqx9gccMYhrNRPyBo/yRA+Wf4ewwluIVBMi9cpR1sNF4ITIYCH4i3mf4NJvg7P
0sPBY0s9k2jvHGLpINbFk6PkMtaRpqmgw695szTz16Gp0j41hRnEh7KnGneEp+SU
6A8A9UGnjM9upR/d1591I5gT2U+6Q05B8RtJQUmd3HBeHEBgftjgBR0tstH8qeac
Xc4V81OGlf3tdYP/LVggIlv8V5cdSZ4Bd3BXYWj2TIc2RmwWA2LWf4SA6JYvhEfp
OxOzzphlgPtZF0kneEgV/b/D/KQqEk7MyZl3gN+LNk+zX7VJ2RDeUiUnoxZDFJGi
jsbZd7yoDLkYvGiFkcQXORs2zbucweVXXK1Gyskj0c3Ih4syYYmKS0WJHMEozJUl
b81oa7kSc2XFArcAnPz2c1yErfzcCAlg/HImkZmAgVqAfuRyxZ426F7CYucHAOcE
N7bpIrOkqFp3uUb3ABEBAAGJAjYEGAEIACAWIQQgjdNu1bs3RaFnQ6THxvu1uRwR
VQUCXAxQBwIbDAAKCRDHxvu1uRwRVbFaD/0e57rP3H+1rUoGhRO0oeIveQqIdd9V
LKXUYuwzoK3HLg3BYUDEN03RS0KyNMYlHpnjyFl5L2JuXqGiJd/eu2iRXCwUMRb7
SPvH7gypa1NUK5te85+Y8JhXOMjwZkly3zS2nRTyvHxMn9EV7NPlT/oEVu/woPrM
o7XzmPChuvnk8pLWBW04wg5G5atDbu5+QVZlecNCrtRYJg/Cd8alKpJSeZX7y3cy
fe2P20Gv0UOipKWaAFL55zFLbmu7HWVumYAKs6T+X/pZqmcfMaVwodIBeRJxRIvl
PkrBxljahaFGOdgJ6FVnmO34uoYcpd019NEr9gbPoaFWmw37h3Tnc6U5sLAouaV4
AERWmwBPIVTizYt1h8Qj4qyBhJ+QgZMjPlRqHWPZogHfMXDQV4gw3jgvVWTMVp1Z
gDQgrFNbw02CqPwgtFn15VNwAv/4vbyToRhc3pG54e3xwdAFM8R2uM9lHJKuHafW
7aFUk7aA20k8SG2BsZalb6tZLGxgcZOwMdO3lnLMPu1I5oOLl4cVoUIRZxtgmrbQ
ROaGdXGIgO7fJBXXogMxjUGhMola+v6ioFQpbOnJRAr2AUVBCrrEgHoodAufGTDu
nk38BkgHg3LHjCbCNEVkSK2TMT69A58iwpY9WUQlphsiz4WBpafSPbv/jSlsm7uK
TNWtbFGBRpJyEg==
=w141
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----

mDMEZo2C6xYJKwYBBAHaRw8BAQdA8kCWaI+FlCabcTw8EVeiMkokyWDalgl/Inbn
ACcGN1e0N1JvYmVydCBTaXJjaGlhIChJIGxpa2UgdHVydGxlcy4pIDxyc2lyY2hp
YUBvdXRsb29rLmNvbT6IkwQTFgoAOxYhBH/sgfrMf/sqAQrdE8LUD02Bluh0BQJm
jYLrAhsDBQsJCAcCAiICBhUKCQgLAgQWAgMBAh4HAheAAAoJEMLUD02Bluh0dyYA
/i7RB6m3MXNA8ei7GD8uQVpLfCRgEFsqSS/AzAOu8NGhAQCbw1kWL3AUll7KKtiQ
UE96nhCk+HnkQeVkWYS+MZ1tALg4BGaNgusSCisGAQQBl1UBBQEBB0CCA6Au4krL
YinQq9aAs29fFeRu/ye3PqQuz5jZ2r1ScAMBCAeIeAQYFgoAIBYhBH/sgfrMf/sq
AQrdE8LUD02Bluh0BQJmjYLrAhsMAAoJEMLUD02Bluh0KH4BAMSwEIGkoQl10LN3
K6V08VpFmniENmCDHshXYq0gGiTDAP9FsXl2UtmFU5xuYxH4fRKIxgmxJRAFMWI8
u3Rdu/s+DQ==
=smBO
-----END PGP PUBLIC KEY BLOCK-----

-----BEGIN PGP PUBLIC KEY BLOCK-----

mDMEaYgDUBYJKwYBBAHaRw8BAQdAWKYkFrwgmfaY/hUq5Z2YpEy8WACKclo2eV/n
1ausaEy0JEdlb3JnZSBKZW5raW5zIDxndmplbmtpbnNAZ21haWwuY29tPoiTBBMW
CgA7FiEEv4iDM9lqHBjiaCqu151nyewBZzkFAmmIA1ACGwMFCwkIBwICIgIGFQoJ
CAsCBBYCAwECHgcCF4AACgkQ151nyewBZzlP0gD/ZFhm9FikdlZO5pW7xWR4YnP4
yFAuY32G9dNdFn1x1p4BALR8Rtpp68eC9R8bq3/r1dK8gwig8DMWirdYaf2ePKoL
uDgEaYgDUBIKKwYBBAGXVQEFAQEHQJwM3R9CTypooHz/4w1waXAct8K2wA1bwi1r
yfb6uMMKAwEIB4h4BBgWCgAgFiEEv4iDM9lqHBjiaCqu151nyewBZzkFAmmIA1AC
GwwACgkQ151nyewBZzlgYAEAoVwYdoO6f3VwGukpv7RtKwF7PQC9AnBUx98TZZ6t
IaoA/RR14NXYYcd0fCwN6sFPq58/NbNkRHBrfw1CntxiJcYD
=duOC
-----END PGP PUBLIC KEY BLOCK-----
`;

;// CONCATENATED MODULE: ./src/tools/signature.ts
// The publisher's signature on a download, checked with the release keys this action ships: helm signs each archive
// with a detached OpenPGP signature (`.asc`). The check runs in this process with OpenPGP.js (loaded only when a
// signature is there to check), so no `gpgv` is looked up in PATH, where a planted one could call any signature good.
// A site that publishes no signature leaves the download to its checksum alone, and the log says so; a signature that
// is published and does not verify is a refusal.


/** The binary packets of every armored block in `armored` (a KEYS file holds several, with prose between). */
function dearmor(armored) {
    const blocks = armored.match(/-----BEGIN PGP [A-Z ]+-----[\s\S]*?-----END PGP [A-Z ]+-----/g) ?? [];
    return Buffer.concat(blocks.map((block) => {
        const body = block
            .split(/\r?\n\r?\n/)
            .slice(1)
            .join('\n');
        // The last lines are the CRC-24 (`=abcd`) and the END line: only base64 before them.
        const base64 = body
            .split(/\r?\n/)
            .filter((line) => line && !line.startsWith('=') && !line.startsWith('-----'))
            .join('');
        return Buffer.from(base64, 'base64');
    }));
}
function refusal(request, why) {
    return new errors/* ActionError */.l(`Refusing to install ${request.label}: ${why} Nothing was installed.`, {
        input: request.urlInput,
        hint: 'The download or its signature was changed on the way, or the mirror serves files helm did not sign. Retry; if it persists, check the mirror, or pin the exact archive you trust with helm-sha256.',
    });
}
/** The armored signature published beside the download; undefined when the site publishes none (404). */
async function fetchSignature(request, seams) {
    let response;
    try {
        response = await seams.http({ url: request.signatureUrl });
    }
    catch (error) {
        throw refusal(request, `could not fetch its signature ${request.signatureUrl}: ${error.message}.`);
    }
    if (response.status === 404)
        return undefined;
    if (response.status !== 200) {
        throw refusal(request, `its signature ${request.signatureUrl} answered HTTP ${response.status}.`);
    }
    return response.body;
}
/**
 * Every signature in `armored` must be a valid signature of `data` by one of `keys`; returns the fingerprint of the
 * (primary) key that made the first, or throws the refusal.
 */
async function checkSignature(request, data, armored, keys) {
    const openpgp = await __webpack_require__.e(/* import() */ 74).then(__webpack_require__.bind(__webpack_require__, 3074));
    let fingerprint;
    try {
        const verificationKeys = await openpgp.readKeys({ binaryKeys: dearmor(keys) });
        const result = await openpgp.verify({
            message: await openpgp.createMessage({ binary: data }),
            signature: await openpgp.readSignature({ armoredSignature: armored }),
            verificationKeys,
            format: 'binary',
        });
        if (result.signatures.length === 0)
            throw new Error('it holds no signature');
        for (const signature of result.signatures)
            await signature.verified;
        const signer = verificationKeys.find((key) => key.getKeys(result.signatures[0].keyID).length > 0);
        fingerprint = signer?.getFingerprint().toUpperCase();
    }
    catch (error) {
        throw refusal(request, `its signature ${request.signatureUrl} does not verify against the release keys this action ships (${error.message}).`);
    }
    runner/* info */.pq(`${request.label}: signature ${request.signatureUrl} verified, made by key ${fingerprint}.`);
    return fingerprint ?? '';
}

// EXTERNAL MODULE: ./src/tools/versions.ts
var versions = __webpack_require__(2578);
;// CONCATENATED MODULE: ./src/tools/install.ts
// One tool: resolve its version, take the download from the runner's tool cache or the download site, verify it as a
// fresh download is verified (the pin, else the published checksum and, for helm, the signature), and only then write
// the binary into the action's private folder. The tool cache is a cache of downloads exactly as published: it saves
// the transfer, never the verification, because any job sharing the runner can write to it (docs/security.md).












/** Large reads: a stream's 64 kB chunks cost several times the CPU of the hash itself on a 60 MB binary. */
const COPY_CHUNK = 4 << 20;
const sha256Of = (bytes) => (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
const helmSpec = {
    name: 'helm',
    inputs: { version: 'helm-version', url: 'helm-download-url', sha256: 'helm-sha256' },
    resolveVersion: versions/* resolveHelmVersion */.tC,
    artifact: artifacts/* helmArtifact */.hr,
    releaseKeys: HELM_RELEASE_KEYS,
    // The checksum and the signature cover the archive, not the binary: the archive is read once into memory,
    // verified, and the binary taken from those same bytes.
    async unpack(download, destination, verify, platform, version) {
        const archive = await (0,promises_.readFile)(download);
        const trust = await verify(sha256Of(archive), archive);
        const member = (0,artifacts/* helmArchiveMember */.N5)(platform);
        if (!(await extractMember(archive, platform.helmArchive, member, destination))) {
            throw new errors/* ActionError */.l(`The helm ${version} archive does not hold ${member}.`, {
                input: 'helm-download-url',
                hint: 'The mirror must serve the archives exactly as get.helm.sh publishes them.',
            });
        }
        return trust;
    },
};
const kubectlSpec = {
    name: 'kubectl',
    inputs: { version: 'kubectl-version', url: 'kubectl-download-url', sha256: 'kubectl-sha256' },
    resolveVersion: (request, _platform, seams) => (0,versions/* resolveKubectlVersion */.rB)(request, seams),
    artifact: artifacts/* kubectlArtifact */.h5,
    // The download is the binary: copied and hashed in one pass, so the bytes verified are the bytes that run.
    async unpack(download, destination, verify) {
        const partial = `${destination}.partial`;
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const [input, output] = await Promise.all([(0,promises_.open)(download), (0,promises_.open)(partial, 'wx', 0o700)]);
        try {
            const buffer = Buffer.allocUnsafe(COPY_CHUNK);
            for (let read = await input.read(buffer); read.bytesRead > 0; read = await input.read(buffer)) {
                const chunk = buffer.subarray(0, read.bytesRead);
                hash.update(chunk);
                await output.write(chunk);
            }
            await output.close();
            const trust = await verify(hash.digest('hex'));
            await (0,promises_.rename)(partial, destination);
            return trust;
        }
        finally {
            await Promise.all([input.close(), output.close().catch(() => undefined), (0,promises_.rm)(partial, { force: true })]);
        }
    },
};
/** @actions/tool-cache brings an HTTP stack: loaded only when a download is due, not on a run the cache serves. */
const toolCache = () => Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(991)]).then(__webpack_require__.bind(__webpack_require__, 5991));
async function download(spec, version, artifact) {
    const tc = await toolCache();
    try {
        return await tc.downloadTool(artifact.url);
    }
    catch (error) {
        if (error instanceof tc.HTTPError && error.httpStatusCode === 404) {
            throw new errors/* ActionError */.l(`${spec.name} ${version} is not published at ${artifact.url} (HTTP 404).`, {
                input: spec.inputs.version,
                hint: `Check that ${spec.name} ${version} exists (and has a build for this platform), or fix ${spec.inputs.url}.`,
            });
        }
        throw new errors/* ActionError */.l(`Downloading ${spec.name} ${version} from ${artifact.url} failed: ${error.message}`, {
            input: spec.inputs.url,
            hint: 'Retry the job; if it keeps failing, check that the runner can reach the download site.',
        });
    }
}
async function gatherEvidence(checksumInputs, signature, seams) {
    const [expected, armored] = await Promise.all([
        expectedChecksum(checksumInputs, seams),
        checksumInputs.userSha256 || !signature ? undefined : fetchSignature(signature, seams),
    ]);
    if (signature && !checksumInputs.userSha256 && armored === undefined) {
        runner/* info */.pq(`${signature.label}: no signature is published at ${signature.signatureUrl}; trusting the published checksum.`);
    }
    return { expected, signature: armored };
}
/**
 * The download in the tool cache, exactly as published, when an earlier run cached it: where tool-cache's cacheFile
 * puts it (`<RUNNER_TOOL_CACHE>/<name>/<version without its v>/<arch>`, complete once `<folder>.complete` exists).
 */
function cachedDownload(spec, version, platform, artifact) {
    const root = process.env.RUNNER_TOOL_CACHE;
    if (!root)
        return undefined;
    const folder = external_node_path_.join(root, spec.name, version.replace(/^v/, ''), platform.arch);
    const file = external_node_path_.join(folder, artifact.fileName);
    return (0,external_node_fs_.existsSync)(`${folder}.complete`) && (0,external_node_fs_.existsSync)(file) ? file : undefined;
}
/** A download in the tool cache that no longer matches its evidence: someone changed it after it was cached. */
class ChangedInCache extends Error {
}
/** Installs `spec`'s tool as `binDir/<name>`, from the tool cache or the download site, verified either way. */
async function installTool(spec, request, platform, binDir, seams) {
    const version = await spec.resolveVersion(request, platform, seams);
    const artifact = spec.artifact(request.downloadBaseUrl, version, platform);
    const label = `${spec.name} ${version}`;
    const checksumInputs = {
        label,
        userSha256: request.sha256,
        sha256Input: spec.inputs.sha256,
        urlInput: spec.inputs.url,
        checksumUrl: artifact.checksumUrl,
    };
    const signature = spec.releaseKeys && artifact.signatureUrl
        ? { label, signatureUrl: artifact.signatureUrl, urlInput: spec.inputs.url }
        : undefined;
    const binary = external_node_path_.join(binDir, `${spec.name}${platform.exe}`);
    const install = async (cached, evidence) => {
        if (!cached)
            runner/* info */.pq(`Downloading ${label} from ${artifact.url}`);
        // Side by side; a download that is not there explains itself better than its missing checksum does.
        const [gathered, downloaded] = await Promise.allSettled([evidence, cached ?? download(spec, version, artifact)]);
        if (downloaded.status === 'rejected')
            throw downloaded.reason;
        const file = downloaded.value;
        if (gathered.status === 'rejected') {
            if (!cached)
                await (0,promises_.rm)(file, { force: true });
            throw gathered.reason;
        }
        const { expected, signature: armored } = gathered.value;
        const verify = async (sha256, bytes) => {
            if (cached && sha256 !== expected.sha256) {
                const changed = request.sha256 ? `${spec.inputs.sha256} was just changed` : 'the download site republished it';
                throw new ChangedInCache(`The ${label} download in the tool cache (${cached}) has SHA-256 ${sha256}, not the ${expected.sha256} that ${expected.source} gives: downloading it again. Unless ${changed}, something changed this runner's tool cache after the action cached it: find out what writes to it.`);
            }
            assertChecksum(sha256, expected, checksumInputs, artifact.url);
            runner/* info */.pq(`${artifact.fileName}${cached ? ' (tool cache)' : ''}: SHA-256 ${sha256} matches ${expected.source}`);
            if (request.sha256)
                return 'pin';
            if (!signature || armored === undefined || !bytes)
                return 'published checksum';
            await checkSignature(signature, bytes, armored, spec.releaseKeys ?? '');
            return 'signature';
        };
        try {
            await (0,promises_.rm)(binary, { force: true });
            const verifiedBy = await spec.unpack(file, binary, verify, platform, version);
            // Only a verified download goes into the cache, and it is verified again on every use from there.
            if (!cached)
                await (await toolCache()).cacheFile(file, artifact.fileName, spec.name, version, platform.arch);
            return { path: binary, version, verifiedBy, fromCache: Boolean(cached) };
        }
        catch (error) {
            await (0,promises_.rm)(binary, { force: true });
            throw error;
        }
        finally {
            if (!cached)
                await (0,promises_.rm)(file, { force: true });
        }
    };
    const evidence = gatherEvidence(checksumInputs, signature, seams);
    evidence.catch(() => undefined);
    const cached = cachedDownload(spec, version, platform, artifact);
    try {
        return await install(cached, evidence);
    }
    catch (error) {
        if (!(error instanceof ChangedInCache))
            throw error;
        runner/* warning */.$e(error.message);
        return install(undefined, evidence);
    }
}

;// CONCATENATED MODULE: ./src/tools/platform.ts
// The one place that turns Node's idea of the runner (process.platform, process.arch) into the names the helm and
// kubectl download sites use.

const operatingSystems = {
    linux: 'linux',
    darwin: 'darwin',
    win32: 'windows',
};
const architectures = {
    x64: 'amd64',
    arm64: 'arm64',
};
function toolPlatform(platform = process.platform, arch = process.arch) {
    const os = operatingSystems[platform];
    const downloadArch = architectures[arch];
    if (!os || !downloadArch) {
        throw new errors/* ActionError */.l(`Cannot install helm and kubectl on a ${platform}/${arch} runner.`, {
            hint: 'This action supports Linux, macOS and Windows runners on x64 or arm64. Use one of those runners.',
        });
    }
    return {
        os,
        arch: downloadArch,
        exe: os === 'windows' ? '.exe' : '',
        helmArchive: os === 'windows' ? 'zip' : 'tar.gz',
    };
}

;// CONCATENATED MODULE: ./src/tools/install-tools.ts
// The tools stage: helm and kubectl, pinned and verified, installed side by side into the action's private folder.







/**
 * Installs the tools named in `which` (both by default) concurrently into `<workDir>/bin`, the action's private folder,
 * and puts that folder on PATH once all of them are in. The result has exactly those keys, so a caller that asked
 * only for helm (render) cannot reach for kubectl by mistake.
 */
async function installTools(tools, workDir, which = ['helm', 'kubectl'], seams = src_seams/* realSeams */.eU) {
    const platform = toolPlatform();
    const binDir = external_node_path_.join(workDir, 'bin');
    await (0,promises_.mkdir)(binDir, { recursive: true, mode: 0o700 });
    const installHelm = async () => {
        const helm = await installTool(helmSpec, tools.helm, platform, binDir, seams);
        return { ...helm, major: await (0,versions/* detectHelmMajor */.DM)(helm.path, seams) };
    };
    const installs = {
        helm: installHelm,
        kubectl: () => installTool(kubectlSpec, tools.kubectl, platform, binDir, seams),
    };
    // allSettled: a failing tool must not leave the other one downloading behind the error.
    const settled = await Promise.allSettled(which.map(async (name) => [name, await installs[name]()]));
    const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    for (const extra of failures.slice(1))
        runner/* error */.z3(extra.message);
    if (failures.length > 0)
        throw failures[0];
    const installed = settled.map((outcome) => outcome.value);
    runner/* addPath */.fM(binDir);
    return Object.fromEntries(installed);
}

;// CONCATENATED MODULE: ./src/tools/index.ts
// The tools stage as main.ts sees it: helm and kubectl, pinned and checksum-verified, installed side by side.


;// CONCATENATED MODULE: ./src/values/zero-downtime.ts
/**
 * How long a stopping pod keeps serving before it is sent SIGTERM: the Endpoints controller, every node's kube-proxy
 * and Azure's load balancer must stop sending it new connections first (a few seconds each on AKS; the tier's
 * kube-proxy syncs once a second).
 */
const PRE_STOP_PAUSE_SECONDS = 10;
/** The chart's selector labels: its name (`nameOverride`, else `gateway`) and the release. */
function gatewaySelector(releaseName, nameOverride) {
    const name = (typeof nameOverride === 'string' && nameOverride) || 'gateway';
    return { 'app.kubernetes.io/name': name.slice(0, 63).replace(/-+$/, ''), 'app.kubernetes.io/instance': releaseName };
}
function zeroDowntimeValues(config, selector, replicasGiven) {
    if (!config.enabled)
        return {};
    const spread = (topologyKey) => ({
        maxSkew: 1,
        topologyKey,
        // A cluster with one node or one zone still schedules: spreading is a preference, availability is the PDB's job.
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: selector },
    });
    return {
        // The `replicas` input, given, is the user's word, and ranks above this.
        ...(replicasGiven ? {} : { replicaCount: 2 }),
        // One new pod at a time, and no old one stopped before its replacement is Ready.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        // Grace counts from the start of the preStop pause: what is left after it is for requests in flight.
        terminationGracePeriodSeconds: Math.max(config.gracePeriodSeconds, PRE_STOP_PAUSE_SECONDS + 5),
        extraContainerConfig: {
            lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_PAUSE_SECONDS)] } } },
        },
        topologySpreadConstraints: [spread('kubernetes.io/hostname'), spread('topology.kubernetes.io/zone')],
    };
}
/** A warning for a release left with one replica: every rollout and node drain then has a moment with no gateway. */
function singleReplicaWarning(config, values) {
    const autoscaled = values.autoscaling?.enabled === true;
    if (!config.enabled || autoscaled || values.replicaCount !== 1)
        return undefined;
    return ('The gateway runs 1 replica: a node drain (every AKS node image upgrade) stops it with nothing to take over, ' +
        'and its PodDisruptionBudget cannot help. Set `replicas: 2` or more for a gateway that keeps serving.');
}
/**
 * The gateway's PodDisruptionBudget, which the chart has no template for. `maxUnavailable: 1`, not `minAvailable`: a
 * node drain may take one pod at a time and waits for its replacement to be Ready before the next, and a release of
 * one replica is never made undrainable (AKS would fail the node upgrade after its drain timeout).
 */
function disruptionBudget(apiVersion, name, namespace, selector) {
    return {
        apiVersion,
        kind: 'PodDisruptionBudget',
        metadata: { name, namespace, labels: { ...selector, 'app.kubernetes.io/managed-by': 'Helm' } },
        spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
    };
}

// EXTERNAL MODULE: ./src/inputs/input-files.ts
var input_files = __webpack_require__(6731);
;// CONCATENATED MODULE: ./src/values/chart-fit.ts
// Last touches to the merged values, for how Portkey's real chart renders them (its templates in Portkey-AI/helm,
// charts/portkey-gateway): each one turns a value the chart would render into something a real API server refuses, or
// silently misreads, into the value that means what the user asked for. Pure; returns a warning for each change worth
// telling.

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

// EXTERNAL MODULE: ./src/inputs/image.ts
var inputs_image = __webpack_require__(2836);
// EXTERNAL MODULE: ./src/inputs/table.ts + 2 modules
var table = __webpack_require__(9486);
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
const isEnvironmentData = (path) => path[0] === 'environment' && path[1] === 'data';
/** `extra` with `value` at each of the paths the input table gives `name` (as the chart's string under `environment.data`). */
function valuesOf(name, value, extra = {}) {
    const values = structuredClone(extra);
    for (const path of (0,table/* spec */.IC)(name).values ?? []) {
        let node = values;
        for (const key of path.slice(0, -1)) {
            if (!isMap(node[key]))
                node[key] = {};
            node = node[key];
        }
        node[path[path.length - 1]] = isEnvironmentData(path) ? stringifyEnvValue(value) : value;
    }
    return values;
}
/** The setting of an input whose value goes to the chart as it is; none when it is empty. */
const asIs = (name, value) => value !== '' && value !== undefined && { inputs: [name], values: valuesOf(name, value) };
const annotations = (entries) => ({ service: { annotations: entries } });
/**
 * The chart deploys its fixed-name `redis` Deployment whenever CACHE_STORE is exactly `redis`, which its own defaults
 * say; null removes the chart's default. Azure Cache for Redis and Azure Managed Redis are `CACHE_STORE: azure-redis`
 * with AZURE_REDIS_AUTH_MODE, as Portkey's Redis documentation for the chart writes them (validate.ts checks that the
 * identity each mode needs is there).
 */
function cacheSettings(p) {
    if (p.cache === 'builtin') {
        const builtin = data({ CACHE_STORE: 'redis', REDIS_URL: 'redis://redis:6379', REDIS_TLS_ENABLED: 'false' });
        // The chart's Redis has no password; its default NodePort Service would open it on every node of the VNet.
        return [{ inputs: ['cache'], values: { ...builtin, redis: { serviceType: 'ClusterIP' } } }];
    }
    if (p.cache === 'none') {
        return [{ inputs: ['cache'], values: data({ CACHE_STORE: null, REDIS_URL: null, REDIS_TLS_ENABLED: null }) }];
    }
    return present([
        { inputs: ['cache'], values: data({ CACHE_STORE: 'azure-redis', REDIS_TLS_ENABLED: 'true' }) },
        asIs('redis-url', p.redis.url),
        asIs('redis-password', p.redis.password),
        asIs('redis-auth-mode', p.redis.authMode),
        p.redis.cluster && { inputs: ['redis-cluster'], values: data({ REDIS_MODE: 'cluster' }) },
    ]);
}
/**
 * One line for each way the release differs from what Portkey's guide and chart deploy by default, for the log, the
 * summary and the plan: a user following the guide expects its built-in Redis.
 */
function differencesFromPortkey(values) {
    const environment = isMap(values.environment) ? values.environment : {};
    const cacheStore = isMap(environment.data) ? environment.data.CACHE_STORE : undefined;
    if (cacheStore !== null && cacheStore !== undefined && cacheStore !== '')
        return [];
    return [
        "No cache (`cache: none`, the action's default): Portkey's chart deploys a built-in Redis by default. Set `cache: builtin` for it, or `cache: external` for Azure Cache for Redis / Azure Managed Redis.",
    ];
}
function blobSettings(p) {
    const b = p.blob;
    return present([
        p.logStore === 'azure' && {
            inputs: ['azure-storage-auth-mode'],
            // Storage-key access is the gateway's default mode and is selected by leaving AZURE_AUTH_MODE unset.
            values: data({ AZURE_AUTH_MODE: b.authMode === 'key' ? null : b.authMode }),
        },
        asIs('azure-storage-account', b.account),
        asIs('azure-storage-container', b.container),
        asIs('azure-storage-key', b.key),
        asIs('azure-storage-managed-client-id', b.managedClientId),
        asIs('azure-storage-entra-client-id', b.entraClientId),
        asIs('azure-storage-entra-client-secret', b.entraClientSecret),
        asIs('azure-storage-entra-tenant-id', b.entraTenantId),
        Boolean(b.workloadClientId) && {
            inputs: ['gateway-workload-client-id'],
            values: valuesOf('gateway-workload-client-id', b.workloadClientId, {
                podLabels: { 'azure.workload.identity/use': 'true' },
            }),
        },
    ]);
}
function serviceSettings(p) {
    const loadBalancer = p.serviceType === 'LoadBalancer';
    return present([
        {
            inputs: ['service-type'],
            values: valuesOf('service-type', p.serviceType, loadBalancer ? { service: { annotations: HEALTH_PROBE } } : {}),
        },
        asIs('service-port', p.servicePort),
        asIs('container-port', p.containerPort),
        loadBalancer && {
            inputs: ['load-balancer'],
            values: annotations({ [`${ANNOTATION}azure-load-balancer-internal`]: String(p.loadBalancer === 'internal') }),
        },
        asIs('allowed-ip-ranges', p.allowedIpRanges.join(',')),
        asIs('static-ip-name', p.staticIpName),
        asIs('static-ip-resource-group', p.staticIpResourceGroup),
    ]);
}
function ingressSettings(p) {
    if (!p.ingressClass)
        return [];
    // The chart copies the Service's annotations onto the Ingress: with a LoadBalancer Service the health probe's is
    // there already, and writing it again renders the key twice.
    const probe = `${ANNOTATION}azure-load-balancer-health-probe-request-path`;
    const annotations = p.serviceType === 'LoadBalancer' ? {} : { annotations: { [probe]: HEALTH_PROBE[probe] } };
    return present([
        {
            inputs: ['ingress-class'],
            values: { ingress: { enabled: true, ingressClassName: p.ingressClass, ...annotations } },
        },
        asIs('ingress-host', p.ingressHost),
        p.mcpHost && { inputs: ['mcp-host'], values: { ingress: { hostBased: true, mcpHostname: p.mcpHost } } },
    ]);
}
function imageSettings(p) {
    const { username, password, server } = p.registry;
    return present([
        asIs('gateway-image-repository', p.gatewayImageRepository),
        p.gatewayImageTag && {
            inputs: ['gateway-image-tag'],
            // As Portkey's guide pairs `latest` with it: otherwise a node that has an older `latest` runs that one.
            values: valuesOf('gateway-image-tag', p.gatewayImageTag, (0,inputs_image/* isMutableTag */.RB)(p.gatewayImageTag) ? { images: { gatewayImage: { pullPolicy: 'Always' } } } : {}),
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
        asIs('portkey-client-auth', p.clientAuth),
        asIs('organisations-to-sync', p.organisationsToSync),
        asIs('service-name', p.serviceName),
        asIs('replicas', p.replicas),
        ...imageSettings(p),
        // Chart 1.7.7 fails to render without a service account (its default became create: false, no name).
        asIs('create-service-account', p.createServiceAccount),
        asIs('service-account-name', p.serviceAccountName),
        // Gateway only is SERVER_MODE "empty or not provided" in Portkey's guide: unset, never "" (see chart-fit.ts).
        { inputs: ['server-mode'], values: data({ SERVER_MODE: p.serverMode || null }) },
        (mcp || p.mcpPort !== 8788) && asIs('mcp-port', p.mcpPort),
        asIs('mcp-gateway-base-url', p.mcpGatewayBaseUrl),
        asIs('mcp-service', p.mcpService),
        ...serviceSettings(p),
        ...ingressSettings(p),
        ...cacheSettings(p),
        p.logStore && { inputs: ['log-store'], values: data({ LOG_STORE: p.logStore }) },
        ...blobSettings(p),
        asIs('log-store-file-path-format', p.logStoreFilePathFormat),
        ...controlPlaneSettings(p),
    ]);
}

// EXTERNAL MODULE: ./src/values/parse-yaml.ts
var parse_yaml = __webpack_require__(9093);
// EXTERNAL MODULE: ./src/inputs/scalars.ts
var scalars = __webpack_require__(4964);
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
        { key: 'AZURE_ENTRA_CLIENT_ID', input: 'azure-storage-entra-client-id' },
        { key: 'AZURE_ENTRA_CLIENT_SECRET', input: 'azure-storage-entra-client-secret' },
        { key: 'AZURE_ENTRA_TENANT_ID', input: 'azure-storage-entra-tenant-id' },
    ],
};
/**
 * By AZURE_REDIS_AUTH_MODE, what Portkey's Redis documentation for the chart gives each mode (workload identity is
 * checked on the service account and pods instead). A password may also ride in REDIS_URL (`rediss://:pw@host`).
 */
const AZURE_REDIS_KEYS = {
    password: [{ key: 'REDIS_PASSWORD', input: 'redis-password' }],
    workload: [],
    managed: [{ key: 'AZURE_REDIS_MANAGED_CLIENT_ID', input: 'env' }],
    entra: [
        { key: 'AZURE_REDIS_ENTRA_CLIENT_ID', input: 'env' },
        { key: 'AZURE_REDIS_ENTRA_CLIENT_SECRET', input: 'secret-env' },
        { key: 'AZURE_REDIS_ENTRA_TENANT_ID', input: 'env' },
    ],
};
/** Reports `key` missing from `data`, naming the input that sets it (or `env`/`secret-env` for the line to add). */
const requireKey = (data, problem) => (key, input, what) => {
    if (validate_text(data[key]))
        return;
    const how = input === 'env' || input === 'secret-env' ? `add ${key}=... to \`${input}\`` : `set \`${input}\``;
    problem(input, `${what} needs ${key}: ${how}.`);
};
/**
 * Workload identity needs both halves the webhook reads: the client ID on the gateway's service account and the
 * label on its pods. Without them the gateway has no token and fails at its first write or cache read.
 */
function checkWorkloadIdentity(values, what, problem) {
    const clientId = mapAt(values, 'serviceAccount', 'annotations')['azure.workload.identity/client-id'];
    const label = mapAt(values, 'podLabels')['azure.workload.identity/use'];
    if (validate_text(clientId) && validate_text(label) === 'true')
        return;
    problem('gateway-workload-client-id', `${what} needs the service account annotation azure.workload.identity/client-id and the pod label azure.workload.identity/use: "true": set \`gateway-workload-client-id\` to the client ID of the identity federated with the gateway's service account.`);
}
function checkLogStore(values, data, problem) {
    const store = validate_text(data.LOG_STORE);
    const warnings = [];
    const need = requireKey(data, problem);
    if (store === 'azure') {
        const mode = validate_text(data.AZURE_AUTH_MODE);
        const what = `LOG_STORE azure with AZURE_AUTH_MODE ${mode || 'key (empty)'}`;
        need('AZURE_STORAGE_ACCOUNT', 'azure-storage-account', what);
        need('AZURE_STORAGE_CONTAINER', 'azure-storage-container', what);
        const keys = Object.hasOwn(BLOB_KEYS, mode) ? BLOB_KEYS[mode] : undefined;
        if (!keys)
            problem('azure-storage-auth-mode', `AZURE_AUTH_MODE ${JSON.stringify(mode)} is not key, managed, workload or entra.`);
        for (const { key, input } of keys ?? [])
            need(key, input, what);
        if (mode === 'workload')
            checkWorkloadIdentity(values, what, problem);
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
const passwordInUrl = (url) => {
    try {
        return new URL(url).password !== '';
    }
    catch {
        return false;
    }
};
/** Azure Cache for Redis / Azure Managed Redis (`CACHE_STORE: azure-redis`, however it was set): the URL and identity. */
function checkAzureRedis(values, data, problem) {
    if (validate_text(data.CACHE_STORE) !== 'azure-redis')
        return;
    const mode = validate_text(data.AZURE_REDIS_AUTH_MODE);
    const what = `CACHE_STORE azure-redis (\`cache: external\`) with AZURE_REDIS_AUTH_MODE ${mode || '(empty)'}`;
    const need = requireKey(data, problem);
    need('REDIS_URL', 'redis-url', what);
    const keys = Object.hasOwn(AZURE_REDIS_KEYS, mode) ? AZURE_REDIS_KEYS[mode] : undefined;
    if (!keys) {
        problem('redis-auth-mode', `AZURE_REDIS_AUTH_MODE ${JSON.stringify(mode)} is not password, workload, managed or entra.`);
        return;
    }
    for (const { key, input } of keys) {
        if (key !== 'REDIS_PASSWORD' || !passwordInUrl(validate_text(data.REDIS_URL)))
            need(key, input, what);
    }
    if (mode === 'workload')
        checkWorkloadIdentity(values, what, problem);
}
/** The host of an https URL, or undefined for any other text. */
const httpsHost = (url) => {
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'https:' ? parsed.hostname : undefined;
    }
    catch {
        return undefined;
    }
};
/**
 * MCP_GATEWAY_BASE_URL is the address MCP clients are sent to: an https one whose host the Ingress serves without
 * TLS (or with no Ingress at all: Azure's load balancer passes TCP through) answers only plain HTTP.
 */
function baseUrlWithoutTls(values, data) {
    const host = httpsHost(validate_text(data.MCP_GATEWAY_BASE_URL));
    if (!host)
        return [];
    const ingress = mapAt(values, 'ingress');
    const tls = ingress.enabled === true && Array.isArray(ingress.tls) ? ingress.tls.filter(isMap) : [];
    if (tls.some((entry) => Array.isArray(entry.hosts) && entry.hosts.map(validate_text).includes(host)))
        return [];
    return [
        `\`mcp-gateway-base-url\`: MCP_GATEWAY_BASE_URL is https://${host}, but ${ingress.enabled === true ? `the Ingress has no TLS for ${host}` : 'no Ingress terminates TLS'}: MCP clients would be sent to an address that answers plain HTTP only. Add \`ingress.tls\` with a certificate Secret for ${host} in \`values\` (docs/configurations.md, "TLS on the Ingress"), or give an http:// URL; ignore this when TLS ends in front of the cluster (Application Gateway, Front Door).`,
    ];
}
/** Each image of `images` deployed by a tag that moves: how it is pulled, and that a version is what rolls out. */
function mutableTagWarnings(values) {
    return Object.entries(mapAt(values, 'images')).flatMap(([name, image]) => {
        if (!isMap(image) || !(0,inputs_image/* isMutableTag */.RB)(validate_text(image.tag)))
            return [];
        const input = name === 'gatewayImage' ? 'gateway-image-tag' : 'values';
        const at = `images.${name}`;
        const pull = validate_text(image.pullPolicy) === 'Always'
            ? ''
            : ` With pullPolicy ${validate_text(image.pullPolicy) || "the chart's default"}, a node that pulled an older ${at}.tag latest keeps running it: set ${at}.pullPolicy: Always.`;
        return [
            `\`${input}\`: ${at} is deployed as \`latest\`, which moves: a deploy whose values do not change restarts no pod, so a new image arrives only when pods happen to restart, and replicas may run different builds. Pin a version (like 2.13.0) to know what runs and roll back to it.${pull}`,
        ];
    });
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
function valueAt(values, path) {
    let node = values;
    for (const key of path)
        node = isMap(node) ? node[key] : undefined;
    return node;
}
/** Why the named input's parser refuses `value` (the way the chart would take it), or undefined when it accepts it. */
function validate_refusal(entry, value) {
    if (value === undefined || value === null || value === '')
        return undefined;
    if (typeof value === 'object')
        return `it is a ${Array.isArray(value) ? 'list' : 'map'}, not a single value.`;
    const raw = String(value);
    if (!entry.multiline && /[\r\n]/.test(raw))
        return 'it holds a line break.';
    try {
        entry.parse(raw);
        return undefined;
    }
    catch (error) {
        if (!(error instanceof scalars/* InvalidInput */.o9))
            throw error;
        return error.message;
    }
}
/** Every value a named input sets as it is, when something other than that input set it, held to its parser. */
function checkNamedInputValues(values, originOf, problem) {
    for (const name of table/* INPUT_NAMES */.Qh) {
        const entry = (0,table/* spec */.IC)(name);
        for (const path of entry.values ?? []) {
            const source = originOf(path);
            // The action's defaults and the input itself were parsed when the inputs were read.
            if (!source?.input || source.input === name)
                continue;
            const why = validate_refusal(entry, valueAt(values, path));
            const part = source.part ? `${source.part} ` : '';
            if (why)
                problem(source.input, `${part}sets \`${(0,key_path/* formatKeyPath */.K7)(path)}\` (the value \`${name}\` sets): ${why}`);
        }
    }
}
/**
 * Checks the merged values; `originOf` tells who set a value. Missing secrets are warnings for `render`, which runs
 * on pull requests where secrets are not available, and errors otherwise.
 */
function validateValues(values, config, originOf) {
    const errors = [];
    const warnings = [];
    const problem = (input, message) => errors.push(`\`${input}\`: ${message}`);
    const secretProblem = (input, message) => (config.command === 'render' ? warnings : errors).push(`\`${input}\`: ${message}`);
    const warn = (input, message) => warnings.push(`\`${input}\`: ${message}`);
    checkNamedInputValues(values, originOf, problem);
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
        checkAzureRedis(values, data, problem);
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
    const service = mapAt(values, 'service');
    const containerPort = validate_text(service.containerPort);
    if (containerPort && data.PORT !== undefined && data.PORT !== null && containerPort !== validate_text(data.PORT)) {
        problem('container-port', `service.containerPort (${containerPort}) differs from environment.data.PORT (${validate_text(data.PORT)}): the gateway would listen on one port and be probed on the other. Set both with \`container-port\`.`);
    }
    const placeholder = placeholderCredential(values);
    if (placeholder) {
        secretProblem('registry-username', `the chart's placeholder registry credential ${placeholder} would reach the cluster and image pulls would fail: set \`registry-username\` and \`registry-password\` (shared by Portkey), or \`image-pull-secret\` naming an existing pull secret, or \`image-pull-secret: none\` when the nodes pull the image without one (ACR attached to the cluster).`);
    }
    warnings.push(...mutableTagWarnings(values), ...baseUrlWithoutTls(values, data));
    const chartVersion = config.chart.version;
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

;// CONCATENATED MODULE: ./src/values/prepare.ts
// The values stage: every source of values merged in a fixed order of precedence, checked, with its secrets found
// and masked, before any network call. Lowest first (the chart's own defaults are applied by helm underneath):
//   action defaults (named inputs left at their action.yml default, ALWAYS_SET and the zero-downtime settings)
//   < values-files, in order < inline `values` < named inputs the user changed < `env`, `secret-env` < `set`.
// The files were read by the input stage (InputFiles); nothing here touches the disk but writeValues.












// Helm reads values as YAML 1.1, where an unquoted `yes` or `on` is a boolean: writing 1.1 quotes such strings.
const YAML_OUT = { version: '1.1', lineWidth: 0 };
/** Values printed in the log: past this, a line saying how large they are, since nobody reads megabytes of YAML. */
const MAX_PRINTED_BYTES = 2 ** 20;
/** The first line of a YAML error only: the rest quotes the source, which may hold a secret. */
function parseError(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/:$/, '');
}
function parseLayer(text, source, problems) {
    const problem = (message) => problems.push(`\`${source.input}\`: ${source.part} ${message}.`);
    let parsed;
    try {
        parsed = (0,parse_yaml/* parseValuesYaml */.b)(text);
    }
    catch (error) {
        problem(`is not valid YAML: ${parseError(error)}`);
        return undefined;
    }
    if (parsed === null || parsed === undefined)
        return {};
    if (!isMap(parsed)) {
        problem(`must be a YAML map of values (key: value), not a ${typeof parsed}`);
        return undefined;
    }
    return parsed;
}
function parseUserLayers(config, problems) {
    const sources = config.values.files.map(({ name, text }) => [
        { label: `values-files (${name})`, input: 'values-files', part: name },
        text,
    ]);
    if (config.values.inline) {
        sources.push([{ label: 'input `values`', input: 'values', part: 'the inline YAML' }, config.values.inline]);
    }
    return sources.flatMap(([source, text]) => {
        const values = parseLayer(text, source, problems);
        return values ? [{ source, values }] : [];
    });
}
const inputSource = (input, part) => ({
    label: `input \`${input}\`${part ? ` ${part}` : ''}`,
    input,
    part,
});
function mergeAll(config, userLayers, warnings) {
    const merger = new ValuesMerger();
    const given = config.values.given;
    const settings = namedInputSettings(config.portkey);
    const userChanged = settings.filter((setting) => setting.inputs.some((input) => given.has(input)));
    merger.merge(ALWAYS_SET, ACTION_DEFAULTS);
    const nameOverride = userLayers.map((layer) => layer.values.nameOverride).findLast((name) => name !== undefined);
    const selector = gatewaySelector(config.chart.releaseName, nameOverride);
    merger.merge(zeroDowntimeValues(config.zeroDowntime, selector, given.has('replicas')), ACTION_DEFAULTS);
    for (const setting of settings)
        if (!userChanged.includes(setting))
            merger.merge(setting.values, ACTION_DEFAULTS);
    const envLayers = [
        { source: inputSource('env'), values: { environment: { data: config.portkey.env } } },
        { source: inputSource('secret-env'), values: { environment: { data: config.portkey.secretEnv } } },
    ];
    const layers = [
        ...userLayers,
        ...userChanged.map((setting) => ({ source: inputSource(setting.inputs[0]), values: setting.values })),
        ...envLayers,
    ];
    for (const layer of layers) {
        merger.merge(normalizeLayer(layer.values, layer.source.label, warnings), layer.source);
    }
    for (const line of config.values.set) {
        const source = inputSource('set', `line ${line.line}`);
        const [first, second, name] = line.path;
        const envVariable = first === 'environment' && second === 'data' && typeof name === 'string' && line.path.length === 3;
        const linePath = envVariable ? [first, second, currentEnvName(name, source.label, warnings)] : line.path;
        merger.assign(linePath, envVariable ? stringifyEnvValue(line.value) : line.value, source);
    }
    warnings.push(...merger.warnings, ...fitToChart(merger.values));
    const single = singleReplicaWarning(config.zeroDowntime, merger.values);
    if (single)
        warnings.push(single);
    return merger;
}
/** Merges, checks and masks the values of `config`; throws ValidationError naming the input behind each problem. */
function prepareValues(config, secretSet) {
    const problems = [];
    const userLayers = parseUserLayers(config, problems);
    if (problems.length > 0)
        throw new errors/* ValidationError */.y(problems);
    const warnings = [];
    const merger = mergeAll(config, userLayers, warnings);
    const values = merger.values;
    // Masked before validation, so that nothing printed from here on can show a secret from a values file.
    const secretHints = {
        secretEnvNames: Object.keys(config.portkey.secretEnv),
        secretPaths: config.values.secretPaths,
    };
    const found = findSecrets(values, { known: secretSet.added, ...secretHints });
    const secrets = found.secrets;
    secretSet.add(...secrets);
    const check = validateValues(values, config, (path) => merger.originAtOrUnder(path));
    if (check.errors.length > 0)
        throw new errors/* ValidationError */.y(check.errors.map((error) => secretSet.redact(error)));
    // JSON is YAML to helm, with every string quoted (so its YAML 1.1 reads `on` as the string it is), and takes a
    // fraction of YAML's time to write for large values.
    // The release records which of its values are secret, for the plans of later runs.
    const yaml = `${JSON.stringify((0,src_secrets/* withSecretPaths */.RF)(values, found.paths), null, 2)}\n`;
    const size = Buffer.byteLength(yaml);
    const redacted = redactValues(values, secrets);
    return {
        values,
        yaml,
        redactedYaml: size <= MAX_PRINTED_BYTES
            ? (0,dist/* stringify */.As)(redacted, YAML_OUT)
            : `# The merged values (secrets masked) are ${(0,input_files/* mebibytes */.jh)(size)}, too large to print; top-level keys: ${Object.keys(values).join(', ')}.\n`,
        redacted,
        sourceOf: (path) => merger.sourceOf(path),
        secrets,
        secretHints,
        warnings: [...warnings, ...check.warnings].map((warning) => secretSet.redact(warning)),
        notes: differencesFromPortkey(values),
    };
}
/** Writes the values file helm reads: 0600, inside the action's private folder. */
function writeValues(merged, workspace) {
    return workspace.writePrivateFile('values.yaml', merged.yaml);
}

;// CONCATENATED MODULE: ./src/values/index.ts
// The values stage: merge, check and mask (prepareValues), then write the file helm reads.


// EXTERNAL MODULE: ./src/stage.ts
var stage = __webpack_require__(1741);
;// CONCATENATED MODULE: ./src/commands/run.ts
// What every command shares: the run it works in, its stages (each timed, each in its own log group), the values
// every command starts with, and the cluster session the cluster commands work through.











async function prepareAndWriteValues(run) {
    const merged = await (0,stage/* stage */.d)(run, 'Merge values', async () => {
        const values = prepareValues(run.config, run.secrets);
        (0,src_secrets/* printForeign */.Qr)(values.redactedYaml);
        for (const warning of values.warnings)
            runner/* warning */.$e(warning);
        for (const note of values.notes)
            runner/* info */.pq(note);
        return values;
    });
    run.outcome.record({ warnings: merged.warnings, notes: merged.notes });
    return { merged, valuesPath: await writeValues(merged, run.workspace) };
}
/**
 * Signs in and installs the tools side by side (neither needs the other, and both wait on the network), then opens
 * the session: helm and kubectl here, or, for a private cluster out of reach, in it through runCommand.
 */
async function connect(run) {
    const { config, seams } = run;
    // The Azure SDK is most of the bundle: only the commands that reach a cluster load it.
    const { connectToCluster } = await __webpack_require__.e(/* import() */ 498).then(__webpack_require__.bind(__webpack_require__, 9498));
    const { connection, tools, session } = await (0,stage/* stage */.d)(run, 'Connect to the cluster and install helm and kubectl', async () => {
        const [connection, tools] = await Promise.all([
            connectToCluster(config.azure, config.cluster, run.workspace, seams, {
                secrets: run.secrets,
                signal: run.cancellation.signal,
            }),
            installTools(config.tools, run.workspace.dir, ['helm', 'kubectl'], seams),
        ]);
        const parts = { route: connection.route, tools, clusterName: config.cluster.clusterName };
        return { connection, tools, session: await openSession(parts, run.workspace, seams, run.cancellation.signal) };
    });
    const { access } = session;
    const reach = { ...connection.reach, through: access.via === 'run-command' ? access.cluster.description : undefined };
    run.outcome.record({
        tools,
        kubeconfigPath: access.via === 'kubeconfig' ? access.kubeconfigPath : undefined,
        cluster: { server: connection.server, reach },
    });
    return session;
}
/** The chart as the session's helm reaches it: a remote cluster's helm gets it packaged, to send with the command. */
const chartFor = async (run, { access }) => access.via === 'run-command'
    ? (0,stage/* stage */.d)(run, 'Package the chart', () => access.cluster.chart(run.config.chart))
    : run.config.chart;
/**
 * What is added to the chart's objects: zero-downtime's PodDisruptionBudget (in `budgetApi`) and the user's
 * `extra-objects`, refused together when they share a name.
 */
function addedObjects(config, values, budgetApi) {
    const { releaseName, namespace } = config.chart;
    const own = [];
    if (config.zeroDowntime.enabled) {
        const selector = gatewaySelector(releaseName, values.values.nameOverride);
        const name = (0,gateway_service/* gatewayFullname */.tb)(releaseName, values.values);
        own.push(disruptionBudget(budgetApi, name, namespace, selector));
    }
    const extra = config.values.extraObjects;
    const clash = (0,extra_objects/* clashWithOwn */.sm)(own, extra);
    if (clash)
        throw new errors/* ValidationError */.y([clash]);
    return [...own, ...extra];
}
/** The chart with a post-renderer that appends `objects` after its own; the chart as it is when there are none. */
async function withObjects(chart, objects, session) {
    return objects.length > 0 ? { ...chart, postRenderer: await writePostRenderer(objects, session) } : chart;
}
/**
 * The chart with what is added to it (addedObjects) for the plan and the deploy, the budget in the API version the
 * cluster serves. Not through runCommand: the command pod gets the chart, not a program for its helm to run.
 */
async function withAddedObjects(run, session, values, chart) {
    if (session.access.via === 'run-command') {
        if (run.config.values.extraObjects.length > 0) {
            throw new errors/* ActionError */.l('`extra-objects` cannot be added through runCommand: its command pod runs helm without post-renderers.', {
                input: 'extra-objects',
                hint: 'Deploy from a runner that reaches the API server (a self-hosted runner in the VNet, with `private-cluster: false`), or create these objects beside the release.',
            });
        }
        if (run.config.zeroDowntime.enabled) {
            runner/* info */.pq('No PodDisruptionBudget is added through runCommand: the command pod runs helm without post-renderers.');
        }
        return chart;
    }
    const budgetApi = run.config.zeroDowntime.enabled ? await disruptionBudgetApi(session, run.seams) : 'policy/v1';
    return withObjects(chart, addedObjects(run.config, values.merged, budgetApi), session);
}

;// CONCATENATED MODULE: ./src/commands/plan.ts
// `command: plan`, and the plan every deploy shows: what a deploy would change, in the log, the summary, the outputs,
// the plan file and, on a pull request, a comment.








async function planChanges(run, session, values, planner) {
    const input = { ...values, secrets: run.secrets };
    const changes = await (0,stage/* stage */.d)(run, 'Plan the changes', () => planner(input, session, run.seams));
    if (changes) {
        const { schemaCheck } = changes;
        const planFile = await writePlanFile(changes, run.workspace, run.outbound);
        run.outcome.record({ plan: changes, planFile });
        if (schemaCheck)
            run.outcome.record({ schemaCheck, warnings: schemaWarnings(schemaCheck) });
    }
    return changes;
}
async function plan(run) {
    const { config, outcome } = run;
    const values = await prepareAndWriteValues(run);
    const session = await connect(run);
    const chart = await withAddedObjects(run, session, values, await chartFor(run, session));
    const changes = await planChanges(run, session, { ...values, chart }, planRelease);
    if (config.canary.strategy === 'canary') {
        const { secrets, seams, cancellation } = run;
        const namespace = config.chart.namespace;
        const planned = await (0,stage/* stage */.d)(run, 'Plan the canary', async () => {
            const manifest = await dryRunManifest({ ...values, chart, secrets }, new client/* HelmClient */.ES(session, seams));
            const deploymentName = (0,gateway_service/* gatewayFullname */.tb)(config.chart.releaseName, values.merged.values);
            const request = { manifest, deploymentName, namespace, config: config.canary, signal: cancellation.signal };
            return planCanary(request, canaryCluster(namespace, session, secrets, seams));
        });
        outcome.record({ canary: planned.report });
    }
    if ((0,github.commentsPlan)(config.github.planComment)) {
        const { outbound, secrets, seams } = run;
        const { warning } = await (0,stage/* stage */.d)(run, 'Comment the plan on the pull request', () => (0,github.commentPlan)({ plan: changes, notes: values.merged.notes, outbound, secrets, token: config.github.token, seams }));
        if (warning)
            outcome.record({ warnings: [warning] });
    }
    if (config.failOnChanges && changes.hasChanges)
        throw driftError(changes);
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts
// `command: deploy`: plan, then the release transaction (src/deploy/) with the checks it runs on the new revision:
// the rollout watcher and the availability stream beside helm, then the address and the smoke test. The transaction
// decides what a failure does to the release; this file only wires.









async function deploy(run) {
    const { config, outcome, seams, secrets, cancellation } = run;
    const signal = cancellation.signal;
    const values = await prepareAndWriteValues(run);
    const session = await connect(run);
    const chart = await withAddedObjects(run, session, values, await chartFor(run, session));
    await planChanges(run, session, { ...values, chart }, planBeforeDeploy);
    if (config.smokeTest.enabled) {
        await (0,stage/* stage */.d)(run, "Check the smoke test's access", () => (0,service_proxy/* checkProxyAccess */.bk)(config.smokeTest, config.chart.namespace, session, seams, signal));
    }
    await run.beforeChanges();
    let address;
    const namespace = config.chart.namespace;
    const { path, expectedStatus } = config.smokeTest;
    const measure = {
        releaseName: config.chart.releaseName,
        namespace,
        values: values.merged.values,
        path,
        expectedStatus,
    };
    const steps = [
        ...(config.canary.strategy === 'canary' ? [canaryStep(run, session, values, chart)] : []),
        {
            name: 'Availability during the rollout',
            during: ({ sinceRevision }) => {
                const request = { ...measure, config: config.availability, secrets, signal, firstInstall: sinceRevision === 0 };
                const started = (0,verify_availability/* startAvailability */.O8)(request, session, seams);
                return {
                    finish: async () => {
                        const availability = await (await started).finish();
                        outcome.record({ availability });
                        if (availability.verdict === 'failed')
                            throw (0,verify_availability/* availabilityError */.iC)(availability);
                    },
                };
            },
        },
        {
            name: 'Wait for the gateway address',
            after: async (release) => {
                address = await waitForAddress(addressInputFor(config, release, values.merged.values, signal), session, seams);
                outcome.record({ address });
            },
        },
    ];
    if (config.smokeTest.enabled) {
        steps.push({
            name: 'Smoke test',
            after: async () => {
                const allowedIpRanges = config.portkey.allowedIpRanges;
                const smoke = { config: config.smokeTest, address: address, namespace, allowedIpRanges, session };
                const result = await (0,smoke_test/* runSmokeTest */.pb)(smoke, { secrets, signal }, seams);
                outcome.record({ smokeTest: result });
                if (result.status === 'failed')
                    throw (0,smoke_test/* smokeTestError */.Yz)(result);
            },
        });
    }
    await runReleaseTransaction({
        chart,
        deploy: config.deploy,
        valuesPath: values.valuesPath,
        cancellation,
        watch: (request) => waitForRollout(request, session, seams),
        journal: clusterJournal({ name: config.chart.releaseName, namespace }, session, seams),
        steps,
        stage: (name, fn) => (0,stage/* stage */.d)(run, name, fn),
        applied: ({ release, rollout }) => {
            const { name, revision, status, chartVersion, appVersion } = release;
            outcome.record({
                workloads: rollout?.workloads,
                release: { name, namespace, revision, status, chartVersion, appVersion },
            });
        },
    }, session, seams);
}
/** The canary before helm: a failed verdict leaves the release as it was; the transaction removes the canary. */
function canaryStep(run, session, values, chart) {
    const { config, outcome, seams, secrets, cancellation } = run;
    const namespace = config.chart.namespace;
    const deploymentName = (0,gateway_service/* gatewayFullname */.tb)(config.chart.releaseName, values.merged.values);
    const cluster = canaryCluster(namespace, session, secrets, seams);
    let report;
    return {
        name: 'Canary analysis',
        before: async () => {
            const helm = new client/* HelmClient */.ES(session, seams);
            const manifest = await dryRunManifest({ chart, valuesPath: values.valuesPath, secrets }, helm);
            const request = {
                manifest,
                deploymentName,
                namespace,
                config: config.canary,
                timeoutSeconds: config.deploy.timeoutSeconds,
                signal: cancellation.signal,
                onProgress: (seen) => outcome.record({ canary: { ...seen, verdict: 'stopped', why: 'the analysis did not finish' } }),
            };
            report = await runCanary(request, cluster, seams);
            outcome.record({ canary: report });
            if (report.verdict !== 'passed' && report.verdict !== 'skipped')
                throw canaryError(report);
        },
        // A canary that was never applied (nothing to compare with) needs no call; one that may have been, does.
        withdraw: async (giveUp) => {
            if (report?.verdict !== 'skipped')
                await cluster.remove(canaryName(deploymentName), giveUp);
        },
    };
}

;// CONCATENATED MODULE: ./src/render/render.ts
// `command: render`: what would be deployed, without a cluster. Runs `helm template` with the planned values file
// and prints the values and the manifest with every secret hidden, so it can run on pull requests. What is secret is
// the run's SecretSet's and the secrets vocabulary's call: the env Secret's other values (SERVICE_NAME, PORT,
// LOG_STORE) are shown decoded, so a reviewer can read them.






const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;
/** A scalar of any object: *** when it is base64 of a text holding a secret, else its secrets cut out. */
function redactScalar(value, secrets) {
    const compact = value.replace(/\s+/g, '');
    if (BASE64.test(compact)) {
        const decoded = Buffer.from(compact, 'base64').toString('utf8');
        if (secrets.redact(decoded) !== decoded)
            return src_secrets/* REDACTED */.XF;
    }
    return secrets.redact(value);
}
const keyOf = (pair) => String(pair.key?.value ?? pair.key);
/** A Secret's `data` value decoded, when it is text that is no secret: its key does not name one, it carries none. */
function readableData(key, value, secrets) {
    const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    const text = /^[\P{Cc}\t]*$/u.test(decoded) && Buffer.from(decoded, 'utf8').toString('base64') === value.trim();
    // `has` as well: redact leaves alone a secret too short to cut out of text, but it is one all the same.
    const known = secrets.has(decoded) || secrets.redact(decoded) !== decoded;
    if (!text || (0,src_secrets/* isSecretName */.eh)(key) || (0,src_secrets/* carriesSecret */.Md)(decoded) || known)
        return undefined;
    return decoded;
}
/** A Secret's data and stringData: *** unless readableData shows the value is no secret. */
function redactSecretData(document, secrets) {
    for (const field of ['data', 'stringData']) {
        const map = document.get(field, true);
        if (!(0,dist/* isMap */.jh)(map))
            continue;
        for (const pair of map.items) {
            if (!(0,dist/* isScalar */.jn)(pair.value))
                continue;
            const node = pair.value;
            const value = String(node.value ?? '');
            const readable = field === 'data' ? readableData(keyOf(pair), value, secrets) : undefined;
            node.value = readable ?? (value === '' ? '' : src_secrets/* REDACTED */.XF);
            if (readable !== undefined)
                node.comment = ' decoded from base64 to read; helm applies it encoded';
        }
    }
}
/**
 * A key the chart wrote twice in one map: helm and the API server keep the last, so the manifest shown does too, and
 * says so. (The chart's Ingress copies the Service's annotations and adds its own: the same key, twice.)
 */
function dropDuplicateKeys(document, source, warnings) {
    (0,dist/* visit */.YR)(document, {
        Map(_key, map) {
            const last = new Map();
            map.items.forEach((pair, index) => last.set(keyOf(pair), index));
            if (last.size === map.items.length)
                return;
            const dropped = map.items.filter((pair, index) => last.get(keyOf(pair)) !== index);
            map.items = map.items.filter((_pair, index) => [...last.values()].includes(index));
            for (const pair of dropped) {
                warnings.push(`${source}: the chart renders key ${keyOf(pair)} twice in one map; ` +
                    'helm and the API server keep the last, as the manifest shown does.');
            }
        },
    });
}
/**
 * Every value under `data`/`stringData` of every Secret replaced by *** (those no secret shown decoded); in every
 * other object (a ConfigMap with `environment.secret: false`, an annotation, an env list) every value that holds a
 * secret in any form, decoded from YAML's quoting, escaping and line folding first; then every known secret cut out
 * of the text.
 */
function redactManifest(manifest, secrets) {
    const warnings = [];
    const objects = [];
    const documents = (0,dist/* parseAllDocuments */.hR)(manifest, { uniqueKeys: false });
    const parts = (Array.isArray(documents) ? documents : [documents]).map((document) => {
        if (document.errors.length > 0)
            return '---\n# (a document that could not be parsed is hidden)\n';
        const kind = document.get('kind');
        const name = document.getIn(['metadata', 'name']);
        if (kind !== undefined)
            objects.push(`${String(kind)}/${String(name)}`);
        dropDuplicateKeys(document, `${String(kind)}/${String(name)}`, warnings);
        if (kind === 'Secret')
            redactSecretData(document, secrets);
        (0,dist/* visit */.YR)(document, {
            Scalar(_key, node) {
                if (typeof node.value === 'string')
                    node.value = redactScalar(node.value, secrets);
            },
        });
        return document.toString({ lineWidth: 0 });
    });
    // Each document prints its own `---`.
    return { manifest: secrets.redact(parts.join('')), objects, warnings };
}
/**
 * Prints the manifest (the values are already in the log, from the values stage) and checks its objects against the
 * Kubernetes schemas.
 */
async function renderChart(input, seams) {
    const { chart, valuesPath, secrets } = input;
    const result = await new client/* HelmClient */.ES(input.session, seams).template(chart, valuesPath);
    if (result.exitCode !== 0) {
        const output = secrets.redact(result.stderr.trim() || result.stdout.trim());
        throw new errors/* ActionError */.l(`helm template failed (exit ${result.exitCode}): ${output}`, {
            input: 'chart',
            hint: 'Check `chart`, `chart-version` and the values named in the error; the merged values above are what helm received.',
        });
    }
    const rendered = redactManifest(result.stdout, secrets);
    runner/* info */.pq('Rendered manifest (every secret masked; Secret values that are no secret decoded):');
    (0,src_secrets/* printForeign */.Qr)(rendered.manifest);
    for (const warning of rendered.warnings)
        runner/* warning */.$e(warning);
    const schemaCheck = await checkManifest(rendered.manifest, { render: true });
    logSchemaReport(schemaCheck);
    return { ...rendered, schemaCheck };
}

;// CONCATENATED MODULE: ./src/render/index.ts
// The render stage as main.ts sees it: `helm template` with the planned values, secrets hidden.


;// CONCATENATED MODULE: ./src/commands/render.ts
// `command: render`: the merged values and `helm template`, offline: no Azure, no cluster.






async function render(run) {
    const values = await prepareAndWriteValues(run);
    const { helm } = await (0,stage/* stage */.d)(run, 'Install helm', () => installTools(run.config.tools, run.workspace.dir, ['helm'], run.seams));
    run.outcome.record({ tools: { helm } });
    const session = { helm, env: privateHelmEnv(run.workspace.dir) };
    // With no cluster to ask, the budget is written as every supported AKS version serves it.
    const chart = await withObjects(run.config.chart, addedObjects(run.config, values.merged, 'policy/v1'), session);
    const { objects, manifest, warnings, schemaCheck } = await (0,stage/* stage */.d)(run, 'Render the chart', () => renderChart({ chart, session, valuesPath: values.valuesPath, secrets: run.secrets }, run.seams));
    run.outcome.record({
        rendered: { objects, manifest },
        schemaCheck,
        warnings: [...warnings, ...schemaWarnings(schemaCheck)],
    });
}

;// CONCATENATED MODULE: ./src/commands/uninstall.ts
// `command: uninstall`: remove the release.



async function uninstall(run) {
    const session = await connect(run);
    const { chart, deploy } = run.config;
    const request = { name: chart.releaseName, namespace: chart.namespace, timeoutSeconds: deploy.timeoutSeconds };
    const removed = await (0,stage/* stage */.d)(run, `helm uninstall ${chart.releaseName}`, () => uninstallRelease(request, session, run.seams));
    run.outcome.record({ release: { status: removed.found ? 'uninstalled' : 'not-found' } });
}

;// CONCATENATED MODULE: ./src/commands/index.ts




const COMMANDS = { deploy: deploy, plan: plan, render: render, uninstall: uninstall };


/***/ }),

/***/ 5119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cn: () => (/* binding */ upgradeFiles),
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
/**
 * The runner's files an upgrade (or its dry run) reads, in the order its line names them: a chart given as a path,
 * the values file, and a post-renderer given as a path (helm 3; helm 4's is a plugin name).
 */
function upgradeFiles(chart, valuesPath) {
    const chartFile = chart.source.kind === 'local' ? [chart.source.path] : [];
    const postRenderer = chart.postRenderer?.startsWith('/') ? [chart.postRenderer] : [];
    return [...chartFile, valuesPath, ...postRenderer];
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
/* harmony export */   ES: () => (/* binding */ HelmClient),
/* harmony export */   q0: () => (/* binding */ releaseAnswer),
/* harmony export */   xX: () => (/* binding */ logHelmLine)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8815);
/* harmony import */ var _cluster_local_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2837);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _poll_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9810);
/* harmony import */ var _secrets_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2840);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5119);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9777);
// The one helm client: every helm command the action runs (reads of a release, upgrade, rollback, uninstall,
// template, pull) goes through here, with the cluster session's kubeconfig and private helm home, fresh credentials, and
// helm's own error text kept in every failure.










const DEFAULT_CHANGE_TIMEOUT_SECONDS = 300;
const WHAT = {
    status: 'state',
    metadata: 'chart metadata',
    history: 'history',
    manifest: 'manifest',
    values: 'values',
};
/** helm's answer to a read of a release's record: its output, undefined when there is no such release, else an error. */
function releaseAnswer(read, result) {
    const { release } = read;
    if (result.exitCode === 0)
        return result.stdout;
    if ((0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .isReleaseNotFound */ .Dh)(result.stderr))
        return undefined;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .l(`Could not read the ${WHAT[read.what]} of release ${release.name} in namespace ${release.namespace}: ${(0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .helmMessage */ .S_)(result.stderr, result.stdout)}`, { hint: 'Check that the cluster is reachable and that the credentials may read Secrets in the namespace.' });
}
const parseValues = (json) => JSON.parse(json) ?? {};
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
    get cluster() {
        if (!('access' in this.session))
            throw new Error('this helm session has no cluster');
        return (0,_cluster_local_js__WEBPACK_IMPORTED_MODULE_8__/* .clusterPort */ .q)(this.session, this.seams);
    }
    /**
     * A helm command that changes the release (or, for a dry run, asks the API server to check a change), with every
     * file of the workspace its arguments name; the result whatever the exit code.
     */
    runChange(release, args, files, options = {}) {
        return this.cluster.change({ kind: 'helm', release, args, files }, options);
    }
    /** The release as the plan compares it (status, manifest, values), read in one go. */
    async current(release, alongside = []) {
        const reads = ['status', 'manifest', 'values'].map((what) => ({
            kind: 'release',
            what,
            release,
        }));
        const results = await this.cluster.readAll([...reads, ...alongside]);
        const [status, manifest, values] = reads.map((read, i) => releaseAnswer(read, results[i]));
        return {
            status: status === undefined ? undefined : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .parseReleaseStatus */ .$_)(status),
            manifest,
            values: values === undefined ? undefined : parseValues(values),
            alongside: results.slice(reads.length),
        };
    }
    /** `helm status -o json`; undefined when the release does not exist. */
    async status(release, signal) {
        const json = await this.read({ kind: 'release', what: 'status', release }, signal);
        return json === undefined ? undefined : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .parseReleaseStatus */ .$_)(json);
    }
    /** `helm get metadata -o json`; undefined when the release does not exist. */
    async metadata(release) {
        const json = await this.read({ kind: 'release', what: 'metadata', release });
        return json === undefined ? undefined : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .parseReleaseMetadata */ .as)(json);
    }
    /** `helm history -o json`, oldest first (the newest `max` only, when given); empty when there is no release. */
    async history(release, options = {}) {
        const json = await this.read({ kind: 'release', what: 'history', release, max: options.max }, options.signal);
        return json === undefined ? [] : (0,_release_js__WEBPACK_IMPORTED_MODULE_7__/* .parseHistory */ .i6)(json);
    }
    /** `helm get manifest` of the newest revision, or of `revision`; undefined when the release does not exist. */
    manifest(release, options = {}) {
        return this.read({ kind: 'release', what: 'manifest', release, revision: options.revision }, options.signal);
    }
    /** `helm get values -o json`: the values the newest revision was given; undefined when there is no release. */
    async values(release) {
        const json = await this.read({ kind: 'release', what: 'values', release });
        return json === undefined ? undefined : parseValues(json);
    }
    rollback(release, revision, options = {}) {
        return this.change(release, ['rollback', release.name, String(revision), '-n', release.namespace], `Rolling back release ${release.name} to revision ${revision}`, options);
    }
    uninstall(release, options = {}) {
        return this.change(release, ['uninstall', release.name, '-n', release.namespace], `Uninstalling release ${release.name}`, options);
    }
    /** `helm template`: offline, no cluster involved. */
    template(chart, valuesPath) {
        return this.seams.run(this.session.helm.path, (0,_args_js__WEBPACK_IMPORTED_MODULE_9__/* .templateArgs */ .gg)(chart, valuesPath), { env: this.session.env });
    }
    /**
     * Fetches the chart into `directory` (empty) with this helm, here, and checks it is the chart and version asked for.
     * Offline for a local chart (`helm package`).
     */
    async pull(chart, directory) {
        const helm = this.session.helm.path;
        const pulled = await this.seams.run(helm, (0,_args_js__WEBPACK_IMPORTED_MODULE_9__/* .pullArgs */ .bw)(chart, directory), { env: this.session.env });
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
    /** A read of the release's record: undefined when the release does not exist, an error else. */
    async read(read, signal) {
        return releaseAnswer(read, await this.cluster.read(read, signal));
    }
    /** A command that changes the release, waiting for the cluster to settle unless told not to. */
    async change(release, args, what, options) {
        const { timeoutSeconds = DEFAULT_CHANGE_TIMEOUT_SECONDS, wait = true, giveUp } = options;
        const waiting = wait ? [(0,_args_js__WEBPACK_IMPORTED_MODULE_9__/* .waitFlag */ .mx)(this.major)] : [];
        const command = [...args, ...waiting, '--timeout', `${timeoutSeconds}s`];
        const running = this.runChange(release, command, [], { onLine: logHelmLine });
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

//# sourceMappingURL=579.index.js.map