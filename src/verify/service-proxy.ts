// The gateway as seen from inside the cluster, through the API server's service proxy
// (`/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`), asked with `kubectl get --raw`: the one way in when the
// runner cannot reach the cluster at all, since kubectl runs in the runCommand pod there. kubectl's exit code says
// 2xx or not, and its `-v=6` log line the status itself. It sends no headers of its own choosing, so only plain GETs
// go this way (the health check, not a chat completion).
import { runKubectl, type ClusterSession } from '../cluster/session.js';
import type { HttpResponse, HttpSend, Seams } from '../seams.js';

/** A Service port the API server proxies to. */
export interface ServiceTarget {
  namespace: string;
  name: string;
  port: number;
}

/** `/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`, every piece escaped. */
export function proxyPath(target: ServiceTarget, gatewayPath: string): string {
  const rest = gatewayPath.startsWith('/') ? gatewayPath : `/${gatewayPath}`;
  const service = `${encodeURIComponent(target.name)}:${target.port}`;
  return `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/services/${service}/proxy${rest}`;
}

/**
 * The status of the last response kubectl logged at -v=6: `"Response" verb="GET" … status="503 Service Unavailable"`
 * (kubectl 1.27 and newer) or `GET https://… 503 Service Unavailable in 3 milliseconds` (older).
 */
export function loggedStatus(stderr: string): number | undefined {
  const found = [...stderr.matchAll(/status="(\d{3})|\b(?:GET|POST) \S+ (\d{3}) .* in \d+ milliseconds/g)].at(-1);
  return found ? Number(found[1] ?? found[2]) : undefined;
}

/** kubectl's own sentence about a refused request: `Error from server (ServiceUnavailable): …`. */
const errorLine = (stderr: string) => stderr.split('\n').find((line) => line.startsWith('Error from server')) ?? '';

/** One GET through the service proxy. */
export async function proxyGet(
  session: ClusterSession,
  seams: Seams,
  target: ServiceTarget,
  gatewayPath: string,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  const result = await runKubectl(session, seams, ['get', '--raw', proxyPath(target, gatewayPath), '-v=6'], { signal });
  const status = loggedStatus(result.stderr) ?? (result.exitCode === 0 ? 200 : 0);
  if (status === 0)
    throw new Error(`kubectl exited with ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`);
  return { status, headers: {}, body: result.exitCode === 0 ? result.stdout : errorLine(result.stderr) };
}

/** An HTTP client for `baseUrl` that goes through the service proxy instead: what the smoke test is given. */
export function throughServiceProxy(
  session: ClusterSession,
  seams: Seams,
  target: ServiceTarget,
  baseUrl: string,
): HttpSend {
  return async (request) => {
    if ((request.method ?? 'GET') !== 'GET' || Object.keys(request.headers ?? {}).length > 0) {
      throw new Error('only a plain GET goes through the service proxy with kubectl');
    }
    const url = new URL(request.url);
    const base = new URL(baseUrl);
    if (url.origin !== base.origin) throw new Error(`${request.url} is not on ${baseUrl}`);
    return proxyGet(session, seams, target, `${url.pathname}${url.search}`, request.signal);
  };
}
