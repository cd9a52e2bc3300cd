// The reads the verify stage makes while polling. A poll must survive a transient API error (the next tick
// retries), so these return the failure instead of throwing; the callers decide when enough is enough.
import { clusterPort } from '../cluster/local.js';
import type { ClusterRead, ClusterSession } from '../cluster/port.js';
import type { RunResult, Seams } from '../seams.js';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: string };

export type ObjectsRead = Extract<ClusterRead, { kind: 'objects' }>;

/** kubectl's JSON answer to a read of objects, or what went wrong. */
export function parseObjects<T>(result: RunResult): ReadResult<T | undefined> {
  if (result.exitCode !== 0) return { ok: false, error: (result.stderr || result.stdout).trim() };
  // `--ignore-not-found` prints nothing when nothing matched.
  if (!result.stdout.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(result.stdout) as T };
  } catch {
    return { ok: false, error: `kubectl printed something that is not JSON: ${result.stdout.slice(0, 200)}` };
  }
}

export async function readObjects<T>(
  session: ClusterSession,
  seams: Seams,
  read: Omit<ObjectsRead, 'kind'>,
  signal?: AbortSignal,
): Promise<ReadResult<T | undefined>> {
  return parseObjects<T>(await clusterPort(session, seams).read({ kind: 'objects', ...read }, signal));
}

/** `kubectl get a/x b/y -o json` returns a List; a single name returns the object itself. */
export function listItems<T>(json: unknown): T[] {
  if (!json || typeof json !== 'object') return [];
  const o = json as { kind?: string; items?: T[] };
  return o.kind?.endsWith('List') && Array.isArray(o.items) ? o.items : [json as T];
}

export interface KubeEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  series?: { count?: number; lastObservedTime?: string };
}

function eventTime(e: KubeEvent): string {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
}

/** The newest events, oldest first, one line each: `<time> Warning BackOff (x5): Back-off restarting …`. */
export function formatEvents(events: KubeEvent[], max = 10): string[] {
  return [...events]
    .sort((a, b) => eventTime(a).localeCompare(eventTime(b)))
    .slice(-max)
    .map((e) => {
      const count = e.series?.count ?? e.count ?? 1;
      const when = eventTime(e);
      return `${when ? `${when} ` : ''}${e.type ?? 'Normal'} ${e.reason ?? ''}${count > 1 ? ` (x${count})` : ''}: ${(e.message ?? '').trim()}`;
    });
}

export async function readEvents(
  tools: ClusterSession,
  seams: Seams,
  namespace: string,
  objectName: string,
  signal?: AbortSignal,
): Promise<ReadResult<KubeEvent[]>> {
  const read = await readObjects<unknown>(
    tools,
    seams,
    { resource: 'events', namespace, fieldSelector: `involvedObject.name=${objectName}` },
    signal,
  );
  return read.ok ? { ok: true, value: listItems<KubeEvent>(read.value) } : read;
}

/** The last lines a container wrote, of its previous run when it crash-loops. */
export async function readLogTail(
  tools: ClusterSession,
  seams: Seams,
  target: { namespace: string; pod: string; container: string; previous: boolean; lines?: number },
  signal?: AbortSignal,
): Promise<ReadResult<string>> {
  const { namespace, pod, container, previous } = target;
  const read = { kind: 'logs', namespace, pod, container, tail: target.lines ?? 20, previous } as const;
  const result = await clusterPort(tools, seams).read(read, signal);
  return result.exitCode === 0
    ? { ok: true, value: result.stdout.trimEnd() }
    : { ok: false, error: (result.stderr || result.stdout).trim() };
}

/** Indents a block under a heading, or says why it is missing. */
export function section(title: string, body: ReadResult<string[] | string>): string {
  if (!body.ok) return `${title}: could not read them (${body.error})`;
  const lines = Array.isArray(body.value) ? body.value : body.value ? body.value.split('\n') : [];
  return lines.length ? `${title}:\n${lines.map((l) => `  ${l}`).join('\n')}` : `${title}: none`;
}
