// What a deploy would do to the release, object by object: the manifest helm holds for the deployed revision against
// the one a server-side dry run renders now. Pure. Secrets are compared key by key and only their key names are
// shown; every other object as a unified diff of its YAML, with fields the server owns left out.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { parseManifest, type ManifestObject } from '../verify/workloads.js';
import { unifiedDiff } from './unified-diff.js';

export type ChangeAction = 'add' | 'change' | 'remove';

export interface SecretKeyChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ResourceChange {
  action: ChangeAction;
  /** `Deployment/portkey-ai-gateway`. */
  resource: string;
  namespace: string;
  /** The object's YAML diff (secret values never in it); empty for Secrets whose data alone changed. */
  diff: string;
  /** For a Secret: which keys of its data changed, never their values. */
  secretKeys?: SecretKeyChanges;
}

export interface ChangeCounts {
  add: number;
  change: number;
  remove: number;
}

export interface ManifestDiff {
  changes: ResourceChange[];
  counts: ChangeCounts;
  unchanged: number;
}

const SERVER_FIELDS = ['resourceVersion', 'managedFields', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

interface Indexed {
  resource: string;
  namespace: string;
  object: ManifestObject & { data?: Record<string, unknown>; stringData?: Record<string, unknown> };
}

function index(manifest: string, releaseNamespace: string): Map<string, Indexed> {
  const byKey = new Map<string, Indexed>();
  for (const object of parseManifest(manifest)) {
    const namespace = object.metadata?.namespace ?? releaseNamespace;
    const resource = `${object.kind}/${object.metadata?.name ?? '?'}`;
    byKey.set(`${namespace} ${resource}`, { resource, namespace, object });
  }
  return byKey;
}

/** The object without what the server owns, and a Secret without its data (compared apart, by digest). */
function comparable(object: Indexed['object']): Record<string, unknown> {
  const copy = structuredClone(object) as Record<string, unknown>;
  delete copy.status;
  if (object.kind === 'Secret') {
    delete copy.data;
    delete copy.stringData;
  }
  const metadata = copy.metadata as Record<string, unknown> | undefined;
  for (const field of SERVER_FIELDS) delete metadata?.[field];
  return copy;
}

const digest = (value: unknown) =>
  createHash('sha256')
    .update(String(value ?? ''))
    .digest('hex');

/** Secret keys by digest of their value: `data` is base64 of the value, `stringData` the value itself. */
function secretDigests(object: Indexed['object'] | undefined): Map<string, string> {
  const digests = new Map<string, string>();
  for (const [key, value] of Object.entries(object?.data ?? {})) {
    digests.set(key, digest(Buffer.from(String(value ?? ''), 'base64').toString('utf8')));
  }
  for (const [key, value] of Object.entries(object?.stringData ?? {})) digests.set(key, digest(value));
  return digests;
}

function secretKeyChanges(before: Indexed['object'] | undefined, after: Indexed['object'] | undefined) {
  const old = secretDigests(before);
  const next = secretDigests(after);
  const keys: SecretKeyChanges = {
    added: [...next.keys()].filter((key) => !old.has(key)),
    changed: [...next.keys()].filter((key) => old.has(key) && old.get(key) !== next.get(key)),
    removed: [...old.keys()].filter((key) => !next.has(key)),
  };
  return keys.added.length + keys.changed.length + keys.removed.length > 0 ? keys : undefined;
}

const yamlOf = (object: Indexed['object'] | undefined) =>
  object ? stringify(comparable(object), { sortMapEntries: true, lineWidth: 0 }) : '';

/**
 * `redact` cuts every known secret out of the diff text: a ConfigMap (environment.secret: false) carries the
 * gateway's environment in the clear.
 */
export function diffManifests(
  live: string,
  planned: string,
  releaseNamespace: string,
  redact: (text: string) => string,
): ManifestDiff {
  const before = index(live, releaseNamespace);
  const after = index(planned, releaseNamespace);
  const changes: ResourceChange[] = [];
  let unchanged = 0;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(key);
    const next = after.get(key);
    const { resource, namespace } = (next ?? old)!;
    const isSecret = (next ?? old)!.object.kind === 'Secret';
    const diff = redact(
      unifiedDiff(yamlOf(old?.object), yamlOf(next?.object), { before: 'deployed', after: 'planned' }),
    );
    const secretKeys = isSecret ? secretKeyChanges(old?.object, next?.object) : undefined;
    const action: ChangeAction | undefined = !old
      ? 'add'
      : !next
        ? 'remove'
        : diff || secretKeys
          ? 'change'
          : undefined;
    if (!action) unchanged++;
    else changes.push({ action, resource, namespace, diff, ...(secretKeys && { secretKeys }) });
  }
  const count = (action: ChangeAction) => changes.filter((change) => change.action === action).length;
  return { changes, counts: { add: count('add'), change: count('change'), remove: count('remove') }, unchanged };
}

/** `3 to change, 1 to add` (or `no changes`), the plan's headline. */
export function describeCounts(counts: ChangeCounts): string {
  const parts = [
    counts.change && `${counts.change} to change`,
    counts.add && `${counts.add} to add`,
    counts.remove && `${counts.remove} to remove`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes';
}
