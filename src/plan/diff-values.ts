// The values a deploy would give helm against the values the deployed revision got (`helm get values`), key by key,
// each with where its new value comes from. Pure. A secret is only ever said to be changed or unchanged.
import { createHash } from 'node:crypto';
import { formatKeyPath, type KeyPath } from '../inputs/key-path.js';
import { isMap, type Values } from '../values/merge.js';
import type { ChangeAction } from './diff-manifests.js';

export interface ValueChange {
  action: ChangeAction;
  /** `environment.data.LOG_STORE`. */
  key: string;
  /** Where the planned value comes from (a values file, an input…); absent for a removed key. */
  source?: string;
  secret: boolean;
  /** JSON of the values, for keys that are not secret. */
  before?: string;
  after?: string;
}

/**
 * Every leaf of a values tree by key path. Lists are leaves, as Helm replaces them whole; an empty map is none.
 */
export function leaves(
  values: unknown,
  prefix: KeyPath = [],
  into = new Map<string, { path: KeyPath; value: unknown }>(),
) {
  if (isMap(values) && Object.keys(values).length > 0) {
    for (const [key, child] of Object.entries(values)) leaves(child, [...prefix, key], into);
  } else if (prefix.length > 0 && !(isMap(values) && Object.keys(values).length === 0)) {
    into.set(formatKeyPath(prefix), { path: prefix, value: values });
  }
  return into;
}

/** JSON with map keys sorted: helm gives the deployed values back with its own key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isMap(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const digest = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex');

export interface ValuesSide {
  values: Values;
  /** The same tree with every secret leaf replaced (MergedValues.redacted); undefined: nothing is known to be secret. */
  redacted?: Values;
  /** Keys (as `set` writes them) under which every leaf of this side is shown as secret, whatever `redacted` says. */
  secretPaths?: readonly string[];
}

/** Whether `key` is `path` or lies under it. */
const under = (key: string, path: string) => key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`);

export function diffValues(
  live: ValuesSide,
  planned: ValuesSide & { sourceOf: (path: KeyPath) => string | undefined },
  redact: (text: string) => string,
): ValueChange[] {
  const before = leaves(live.values);
  const after = leaves(planned.values);
  const secretKeys = new Set(
    [...leaves(planned.redacted ?? {}), ...leaves(live.redacted ?? {})]
      .filter(([, leaf]) => JSON.stringify(leaf.value)?.includes('***'))
      .map(([key]) => key),
  );
  const changes: ValueChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(key);
    const next = after.get(key);
    if (old && next && digest(old.value) === digest(next.value)) continue;
    const hidden = (side: ValuesSide, leaf: typeof old) => !!leaf && !!side.secretPaths?.some((p) => under(key, p));
    const secret = secretKeys.has(key) || hidden(live, old) || hidden(planned, next);
    const shown = (leaf: typeof old) => (secret || !leaf ? undefined : redact(JSON.stringify(leaf.value)));
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
