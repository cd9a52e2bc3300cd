// What the kubelet of the real-cluster tier reads from a pod's spec: the ports its first container declares, its
// readiness and liveness probes (HTTP GET; the periods capped to keep tests fast), its preStop hook and the grace
// period of its deletion. Pure, with Kubernetes' own defaults.
import type { KubeObject } from './control-plane.js';

type Dict = Record<string, unknown>;

export interface ContainerPort {
  port: number;
  role: 'gateway' | 'mcp';
}

export interface HttpProbe {
  port: number;
  path: string;
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/**
 * Upper bounds on probe timings, in seconds. The chart probes every 60 s after 5 s: a tier that waited for that would
 * take hours, and capping changes how soon a state is seen, not what is seen. Liveness keeps a longer period than
 * readiness so that a slow-to-start pod is not restarted before it is ready (three failed probes end a container).
 */
export interface ProbeCaps {
  readinessPeriodSeconds: number;
  livenessPeriodSeconds: number;
  initialDelaySeconds: number;
}

export const DEFAULT_PROBE_CAPS: ProbeCaps = {
  readinessPeriodSeconds: 1,
  livenessPeriodSeconds: 10,
  initialDelaySeconds: 1,
};

export type PreStop =
  | { kind: 'sleep'; ms: number }
  | { kind: 'http'; port: number; path: string }
  /** An exec hook other than a sleep: there is no container to run it in. */
  | { kind: 'not-run'; command: string };

export function firstContainer(pod: KubeObject): Dict {
  return ((pod.spec?.containers as Dict[] | undefined) ?? [])[0] ?? {};
}

export function containerPorts(container: Dict): ContainerPort[] {
  return ((container.ports as Dict[] | undefined) ?? [])
    .filter((p) => (p.protocol ?? 'TCP') === 'TCP')
    .map((p) => ({ port: Number(p.containerPort), role: p.name === 'mcp' ? 'mcp' : 'gateway' }));
}

/** A port given by number or by the name of one of the container's ports. */
function resolvePort(container: Dict, port: unknown): number {
  if (typeof port === 'number') return port;
  const named = ((container.ports as Dict[] | undefined) ?? []).find((p) => p.name === port);
  return Number(named?.containerPort ?? port);
}

/**
 * The container's readiness or liveness probe, if it has an HTTP one. Probes of other kinds (exec, tcpSocket) are
 * not run: the caller treats them as passing.
 */
export function httpProbe(container: Dict, kind: 'readiness' | 'liveness', caps: ProbeCaps): HttpProbe | undefined {
  const probe = container[`${kind}Probe`] as Dict | undefined;
  const get = probe?.httpGet as Dict | undefined;
  if (!probe || !get) return undefined;
  const seconds = (field: string, fallback: number) => Number(probe[field] ?? fallback);
  const periodCap = kind === 'readiness' ? caps.readinessPeriodSeconds : caps.livenessPeriodSeconds;
  return {
    port: resolvePort(container, get.port),
    path: String(get.path ?? '/'),
    initialDelayMs: Math.min(seconds('initialDelaySeconds', 0), caps.initialDelaySeconds) * 1000,
    periodMs: Math.min(seconds('periodSeconds', 10), periodCap) * 1000,
    timeoutMs: seconds('timeoutSeconds', 1) * 1000,
    successThreshold: seconds('successThreshold', 1),
    failureThreshold: seconds('failureThreshold', 3),
  };
}

/** The container's preStop hook: `sleep N` (alone or in a shell command) is a real wait of N seconds. */
export function preStopHook(container: Dict): PreStop | undefined {
  const preStop = (container.lifecycle as Dict | undefined)?.preStop as Dict | undefined;
  if (!preStop) return undefined;
  const get = preStop.httpGet as Dict | undefined;
  if (get) return { kind: 'http', port: resolvePort(container, get.port), path: String(get.path ?? '/') };
  const command = (((preStop.exec as Dict | undefined)?.command as string[] | undefined) ?? []).join(' ');
  const sleep = /(?:^|[\s;&|/])sleep\s+(\d+(?:\.\d+)?)s?(?=$|[\s;&|])/.exec(command);
  return sleep ? { kind: 'sleep', ms: Number(sleep[1]) * 1000 } : { kind: 'not-run', command };
}

/** How long the pod has, from the moment its deletion is seen, before it is killed. */
export function gracePeriodMs(pod: KubeObject): number {
  const seconds =
    pod.metadata.deletionGracePeriodSeconds ?? (pod.spec?.terminationGracePeriodSeconds as number | undefined) ?? 30;
  return seconds * 1000;
}
