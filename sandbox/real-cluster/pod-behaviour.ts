// What a pod of the real-cluster tier does, decided from its image tag so a test steers a pod the way a bad release
// would: a serving process (serving-pod.ts) with a behaviour, or a status only, for fates in which no container runs
// or no process is needed. Pure, plus the contract between the kubelet and serving-pod.ts (the spec it is started
// with, the headers and routes tests rely on).

/** What a serving pod's process does beyond answering like the enterprise gateway. */
export interface ServingBehaviour {
  /** This share (0-100) of the non-health requests answer 500; evenly spread (every fifth for 20), not random. */
  errorPercent?: number;
  /** Added to every non-health request. */
  latencyMs?: number;
  /** `GET /v1/health` answers 503 until the process has run this long. */
  readyAfterMs?: number;
  /** The process exits with code 1 this long after it starts, without listening: a crash loop, from real exits. */
  exitAfterMs?: number;
  /** `GET /v1/health` answers 503 to every client but the kubelet's probe: Ready, yet failing its clients. */
  failsClientsButNotProbe?: boolean;
}

export type PodFate =
  /** A real process at its own IP, probed for readiness and liveness, stopped the way a kubelet stops one. */
  | { kind: 'serve'; behaviour?: ServingBehaviour }
  /** Status only: Running and Ready (after `afterMs`), with no process behind the IP. */
  | { kind: 'ready'; afterMs?: number; ip?: string }
  /** Status only: CrashLoopBackOff with restarts. */
  | { kind: 'crash-loop' }
  /** Status only: the image cannot be pulled, so no container ever runs. */
  | { kind: 'image-pull-backoff' }
  /** Status only: Running, never Ready. */
  | { kind: 'never-ready' };

/** How long a `crash-loop` process lives: long enough to be seen running, short enough for a quick loop. */
export const CRASH_AFTER_MS = 300;

const token = (tag: string, name: string): number | undefined => {
  const match = new RegExp(`(?:^|[-.])${name}-(\\d+)(?=$|[-.])`).exec(tag);
  return match ? Number(match[1]) : undefined;
};
const flag = (tag: string, name: string): boolean => new RegExp(`(?:^|[-.])${name}(?=$|[-.])`).test(tag);

/** The tag of an image reference (`repo:tag`, `repo:tag@sha256:…`); `latest` when it names none. */
export function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1) : 'latest';
}

/**
 * A pod's fate from its image tag; the words combine with each other and with a version (`2.14.0-errors-20`):
 * - `errors-N`: N % of the non-health requests answer 500;
 * - `latency-M`: M ms added to each non-health request;
 * - `ready-after-S`: the health route answers 503 for S seconds after the start (slow readiness);
 * - `fails-clients`: the health route answers 503 to every client but the kubelet's probe;
 * - `crash-loop`: the process exits with code 1 soon after it starts, before it listens, every time;
 * - `unpullable`: the image cannot be pulled (a status: no process).
 * Any other tag serves normally.
 */
export function fateForImage(image: string): PodFate {
  const tag = imageTag(image);
  if (flag(tag, 'unpullable')) return { kind: 'image-pull-backoff' };
  const behaviour: ServingBehaviour = {};
  const errors = token(tag, 'errors');
  const latency = token(tag, 'latency');
  const readyAfter = token(tag, 'ready-after');
  if (errors !== undefined) behaviour.errorPercent = Math.min(errors, 100);
  if (latency !== undefined) behaviour.latencyMs = latency;
  if (readyAfter !== undefined) behaviour.readyAfterMs = readyAfter * 1000;
  if (flag(tag, 'fails-clients')) behaviour.failsClientsButNotProbe = true;
  if (flag(tag, 'crash-loop')) behaviour.exitAfterMs = CRASH_AFTER_MS;
  return Object.keys(behaviour).length > 0 ? { kind: 'serve', behaviour } : { kind: 'serve' };
}

/** Headers on every answer of a serving pod: which pod answered, and which version (its image tag) it runs. */
export const POD_HEADERS = { name: 'x-pod-name', version: 'x-pod-version' } as const;
/**
 * A route of every serving pod that answers like a short stream: 200 at once, then a line every 250 ms until
 * `?ms=` (1500 by default) have passed. Requests cut by a stopping pod end before their last line.
 */
export const STREAM_ROUTE = '/__pod/stream';
/** The prefix of the User-Agent a kubelet's HTTP probes send (`kube-probe/1.20`). */
export const PROBE_USER_AGENT = 'kube-probe/';

/** What the kubelet starts serving-pod.ts with (its only argument, as JSON). */
export interface ServingPodSpec {
  /** `namespace/name`, for its log lines. */
  id: string;
  /** The pod's name, sent in POD_HEADERS.name. */
  name: string;
  /** The image tag, sent in POD_HEADERS.version. */
  version: string;
  /** The pod's own address in the pod network. */
  ip: string;
  /** The container ports it listens on: `mcp` (the port of that name) passes everything to the MCP stand-in. */
  ports: { port: number; role: 'gateway' | 'mcp' }[];
  /** The tier's one open-source gateway (the sandbox's, behind gateway-front.ts), which every pod passes on to. */
  backend: { host: string; gatewayPort: number; mcpPort: number };
  behaviour: ServingBehaviour;
  headers: typeof POD_HEADERS;
  streamRoute: string;
  probeUserAgent: string;
}
