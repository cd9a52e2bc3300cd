// The kubelet of the real-cluster tier, for serving pods: each pod becomes a real process (serving-pod.ts) at its own
// /32 in the pod network, its readiness and liveness probes really probe it (as `kube-probe/1.20`, from the host, as a
// kubelet does), and its status is patched from what really happened: started, ready or not, exited with a code,
// restarted after a back-off (CrashLoopBackOff from real exits), killed. Deleting a pod runs its preStop hook, then
// SIGTERM, waits out the grace period, then SIGKILL, then deletes it for good: the real Endpoints controller and the
// load balancers follow the real readiness and the real deletion. Every step of one pod runs in order, one at a time.
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeObject } from './control-plane.js';
import {
  containerPorts,
  firstContainer,
  gracePeriodMs,
  httpProbe,
  preStopHook,
  type HttpProbe,
  type ProbeCaps,
} from './container-spec.js';
import {
  imageTag,
  POD_HEADERS,
  PROBE_USER_AGENT,
  STREAM_ROUTE,
  type ServingBehaviour,
  type ServingPodSpec,
} from './pod-behaviour.js';
import { addAddress, removeAddress, type AddressPool } from './pod-network.js';
import {
  backOffEvent,
  backOffWaiting,
  newContainerId,
  servedPodStatus,
  type ContainerState,
  type ServedPod,
} from './pod-status.js';
import { startInPodNetwork, type ProgramProcess } from './programs.js';
import type { PodNetwork } from '../gateway.js';

type Dict = Record<string, unknown>;

/** What the kubelet does through the API server (the node agent's client). */
export interface KubeletApi {
  /** PATCHes the pod's status; a pod that is gone is no error. */
  patchStatus(pod: KubeObject, status: Dict): Promise<void>;
  recordEvent(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void>;
  /** The final delete (grace period 0) once the containers have stopped. */
  forceDelete(pod: KubeObject): Promise<void>;
}

export interface KubeletOptions {
  network: PodNetwork;
  pool: AddressPool;
  backend: ServingPodSpec['backend'];
  probeCaps: ProbeCaps;
  /**
   * The restart back-off after the second exit in a row, doubling up to `maxMs`. A kubelet waits 10 s doubling to
   * 5 min; the tier's default is ten times shorter, so a crash loop shows its restarts within seconds.
   */
  crashBackOff: { initialMs: number; maxMs: number };
  api: KubeletApi;
  /** Reports something the kubelet could not do (the node agent's stop() throws them). */
  fail(message: string): void;
}

/** One process a pod ran. */
export interface ContainerRun {
  pid: number | undefined;
  startedAt: string;
  exit?: { code: number | null; signal: string | null; at: string };
}

export interface Kubelet {
  run(pod: KubeObject, behaviour: ServingBehaviour): void;
  /** The pod's deletion was seen: stops it the way a kubelet does. False when it is not a pod this kubelet runs. */
  terminate(pod: KubeObject): boolean;
  /** The pod is gone from the API server without a graceful deletion (forced): its process is killed at once. */
  forget(pod: KubeObject): void;
  /** The processes each pod ran, oldest first, by `namespace/name`. */
  runs: Map<string, ContainerRun[]>;
  /** Kills every process at once, marks the pods not ready, frees their addresses. */
  stop(): Promise<void>;
}

const now = () => new Date().toISOString();
const keyOf = (pod: KubeObject) => `${pod.metadata.namespace}/${pod.metadata.name}`;
const SIGNAL_NUMBERS: Record<string, number> = { SIGKILL: 9, SIGTERM: 15, SIGINT: 2 };

/** Go's duration format, as the kubelet prints back-offs: `1s`, `20s`, `1m20s`. */
export function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

/** One HTTP probe, as a kubelet sends and words it. */
function probeOnce(
  ip: string,
  probe: Pick<HttpProbe, 'port' | 'path' | 'timeoutMs'> & { signal?: AbortSignal },
): Promise<{ ok: boolean; message: string }> {
  const url = `http://${ip}:${probe.port}${probe.path}`;
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        agent: false,
        timeout: probe.timeoutMs,
        signal: probe.signal,
        headers: { 'user-agent': `${PROBE_USER_AGENT}1.20`, accept: '*/*', connection: 'close' },
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 400;
        resolve({ ok, message: ok ? '' : `HTTP probe failed with statuscode: ${status}` });
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({
        ok: false,
        message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ECONNREFUSED' ? 'connect: connection refused' : error.message;
      resolve({ ok: false, message: `Get "${url}": dial tcp ${ip}:${probe.port}: ${why}` });
    });
    req.end();
  });
}

/** One serving pod: its address, its current process and everything the kubelet knows of it. */
class ServingPod {
  private readonly key: string;
  private readonly container: Dict;
  private readonly containerName: string;
  private served?: ServedPod;
  private process?: ProgramProcess;
  private processStartedAt = '';
  private ip?: string;
  private exitsInARow = 0;
  /** The kubelet itself is stopping the current process (liveness failure, deletion): its exit is no crash. */
  private stopping = false;
  private terminating = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Aborted by kill(): cuts a preStop hook short. */
  private readonly killed = new AbortController();
  /** Every lifecycle step (start, restart, liveness kill, deletion), one after the other. */
  private steps: Promise<void> = Promise.resolve();
  private patches: Promise<void> = Promise.resolve();

  constructor(
    private readonly pod: KubeObject,
    private readonly behaviour: ServingBehaviour,
    private readonly options: KubeletOptions,
    private readonly runs: ContainerRun[],
  ) {
    this.key = keyOf(pod);
    this.container = firstContainer(pod);
    this.containerName = String(this.container.name);
    this.step(() => this.start());
  }

  /** Queues a lifecycle step; a failing one is reported, and the next still runs. */
  private step(fn: () => Promise<void>) {
    this.steps = this.steps.then(fn).catch((error: Error) => this.options.fail(`${this.key}: ${error.message}`));
  }

  private later(ms: number, fn: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private clearTimers() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string) {
    this.options.api
      .recordEvent(this.pod, type, reason, message)
      .catch((error: Error) => this.options.fail(`${this.key}: event ${reason}: ${error.message}`));
  }

  /** Changes what the kubelet knows and reports it; patches go out in order. */
  private update(change: Partial<ServedPod>) {
    if (!this.served) return;
    const before = this.served.ready;
    this.served = { ...this.served, ...change };
    if (this.served.ready !== before) this.served.readySince = now();
    const status = servedPodStatus(this.pod, this.served);
    this.patches = this.patches
      .then(() => this.options.api.patchStatus(this.pod, status))
      .catch((error: Error) => this.options.fail(`${this.key}: status: ${error.message}`));
  }

  private async start() {
    if (this.terminating) return;
    this.ip = this.options.pool.take();
    await addAddress(this.options.network, this.ip);
    const at = now();
    this.served = {
      ip: this.ip,
      startTime: at,
      readySince: at,
      ready: false,
      state: { waiting: { reason: 'ContainerCreating' } },
      restartCount: 0,
      containerID: '',
    };
    await this.startProcess();
  }

  /** Starts the container's process; `change` goes into the same status report (a restart's count, say). */
  private async startProcess(change: Partial<ServedPod> = {}) {
    if (this.terminating || !this.ip) return;
    const spec: ServingPodSpec = {
      id: this.key,
      name: this.pod.metadata.name,
      version: imageTag(String(this.container.image)),
      ip: this.ip,
      ports: containerPorts(this.container),
      backend: this.options.backend,
      behaviour: this.behaviour,
      headers: POD_HEADERS,
      streamRoute: STREAM_ROUTE,
      probeUserAgent: PROBE_USER_AGENT,
    };
    const running = await startInPodNetwork(this.options.network, 'serving-pod', spec);
    const run: ContainerRun = { pid: running.child.pid, startedAt: now() };
    this.runs.push(run);
    void running.exited.then(({ code, signal }) => {
      run.exit = { code, signal, at: now() };
      if (this.process === running && !this.stopping) this.step(() => this.afterExit(running));
    });
    if (this.terminating) {
      // Killed while it was being started.
      running.child.kill('SIGKILL');
      await running.exited;
      return;
    }
    this.process = running;
    this.processStartedAt = run.startedAt;
    const readiness = httpProbe(this.container, 'readiness', this.options.probeCaps);
    // No readiness probe: ready as soon as it runs, as a kubelet says.
    this.update({
      ...change,
      state: { running: { startedAt: run.startedAt } },
      ready: !readiness,
      containerID: newContainerId(),
    });
    this.probe('readiness', readiness, running);
    this.probe('liveness', httpProbe(this.container, 'liveness', this.options.probeCaps), running);
  }

  private probe(kind: 'readiness' | 'liveness', probe: HttpProbe | undefined, running: ProgramProcess) {
    if (!probe) return;
    let successes = 0;
    let failures = 0;
    const current = () => this.process === running && !this.stopping && !this.terminating;
    const tick = async () => {
      if (!current()) return;
      const result = await probeOnce(this.ip!, probe);
      if (!current()) return;
      successes = result.ok ? successes + 1 : 0;
      failures = result.ok ? 0 : failures + 1;
      const label = kind === 'readiness' ? 'Readiness' : 'Liveness';
      if (failures === 1) this.event('Warning', 'Unhealthy', `${label} probe failed: ${result.message}`);
      if (kind === 'readiness') {
        if (successes >= probe.successThreshold && !this.served?.ready) this.update({ ready: true });
        if (failures >= probe.failureThreshold && this.served?.ready) this.update({ ready: false });
      } else if (failures >= probe.failureThreshold) {
        this.event('Normal', 'Killing', `Container ${this.containerName} failed liveness probe, will be restarted`);
        this.step(async () => {
          if (this.process !== running) return;
          await this.stopProcess(running, gracePeriodMs(this.pod));
          await this.afterExit(running);
        });
        return;
      }
      this.later(probe.periodMs, () => void tick());
    };
    this.later(probe.initialDelayMs, () => void tick());
  }

  /**
   * The process ended on its own (or after a liveness kill): report it, then restart it, at once the first time,
   * after a doubling back-off from then on (CrashLoopBackOff), as a kubelet does.
   */
  private async afterExit(running: ProgramProcess) {
    if (this.terminating || this.process !== running) return;
    const terminated = this.stopped(await running.exited);
    this.exitsInARow++;
    const restart = () =>
      this.step(() => this.startProcess({ restartCount: (this.served?.restartCount ?? 0) + 1, lastState: terminated }));
    if (this.exitsInARow === 1) {
      this.update({ state: terminated, ready: false });
      restart();
      return;
    }
    const { initialMs, maxMs } = this.options.crashBackOff;
    const backOff = Math.min(initialMs * 2 ** (this.exitsInARow - 2), maxMs);
    this.update({
      state: { waiting: backOffWaiting(this.pod, this.containerName, goDuration(backOff)) },
      lastState: terminated,
      ready: false,
    });
    const { reason, message } = backOffEvent(this.pod, this.containerName);
    this.event('Warning', reason, message);
    this.later(backOff, restart);
  }

  /** The process is gone: the state a kubelet reports for it. */
  private stopped({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }): ContainerState {
    this.process = undefined;
    const exitCode = code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0);
    return {
      terminated: {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt: this.processStartedAt,
        finishedAt: now(),
      },
    };
  }

  /** preStop, SIGTERM, what is left of the grace period (2 s at least, as a kubelet gives), then SIGKILL. */
  private async stopProcess(running: ProgramProcess, graceMs: number) {
    this.stopping = true;
    try {
      const deadline = Date.now() + graceMs;
      const hook = preStopHook(this.container);
      const { signal } = this.killed;
      if (hook?.kind === 'sleep') await sleep(Math.min(hook.ms, graceMs), undefined, { signal }).catch(() => undefined);
      if (hook?.kind === 'http') await probeOnce(this.ip!, { ...hook, timeoutMs: graceMs, signal });
      running.child.kill('SIGTERM');
      const kill = setTimeout(() => running.child.kill('SIGKILL'), Math.max(deadline - Date.now(), 2000));
      await running.exited;
      clearTimeout(kill);
    } finally {
      this.stopping = false;
    }
  }

  /** The pod's deletion: stop the process gracefully, report it stopped, delete the pod for good, free the address. */
  terminate() {
    if (this.terminating) return;
    this.terminating = true;
    this.clearTimers();
    this.step(async () => {
      const running = this.process;
      if (running) {
        this.event('Normal', 'Killing', `Stopping container ${this.containerName}`);
        await this.stopProcess(running, gracePeriodMs(this.pod));
        this.update({ state: this.stopped(await running.exited), ready: false });
        await this.patches;
      }
      await this.options.api.forceDelete(this.pod);
      await this.release();
    });
  }

  /**
   * Gone without a graceful deletion, or the node agent is stopping: kill at once (a preStop pause in progress is cut
   * short), let the queued steps finish, free the address.
   */
  async kill(): Promise<void> {
    this.terminating = true;
    this.clearTimers();
    this.killed.abort();
    this.process?.child.kill('SIGKILL');
    await this.steps;
    const running = this.process;
    if (running) this.update({ state: this.stopped(await running.exited), ready: false });
    await this.release();
  }

  private async release() {
    if (!this.ip) return;
    const ip = this.ip;
    this.ip = undefined;
    await removeAddress(this.options.network, ip);
    this.options.pool.give(ip);
  }

  /** Settles once every queued step and patch is done. */
  async settled(): Promise<void> {
    await this.steps;
    await this.patches;
  }
}

export function startKubelet(options: KubeletOptions): Kubelet {
  const pods = new Map<string, ServingPod>();
  const runs = new Map<string, ContainerRun[]>();
  return {
    runs,
    run(pod, behaviour) {
      const key = keyOf(pod);
      const history = runs.get(key) ?? [];
      runs.set(key, history);
      pods.set(pod.metadata.uid ?? key, new ServingPod(pod, behaviour, options, history));
    },
    terminate(pod) {
      const serving = pods.get(pod.metadata.uid ?? keyOf(pod));
      serving?.terminate();
      return !!serving;
    },
    forget(pod) {
      const id = pod.metadata.uid ?? keyOf(pod);
      const serving = pods.get(id);
      pods.delete(id);
      serving?.kill().catch((error: Error) => options.fail(`${keyOf(pod)}: ${error.message}`));
    },
    async stop() {
      const all = [...pods.values()];
      pods.clear();
      // The pods stay in the API server; what matters is that their processes and addresses are gone, and that
      // nothing still lists them as ready endpoints. A patch that cannot be made within seconds is not waited for.
      await Promise.all(all.map((serving) => serving.kill()));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(all.map((serving) => serving.settled())),
        new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
      ]);
      clearTimeout(timer);
    },
  };
}
