// PATCH bodies the clients send: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and strategic merge patch,
// which helm 3 and `kubectl apply` use for built-in kinds. Strategic merge differs from a merge patch in lists of
// objects: `containers`, `env`, `ports`… are merged item by item on a key (usually `name`) instead of replaced, and
// `$setElementOrder/…`, `$patch: delete` and `$retainKeys` directives may appear. Server-side apply is treated as
// a strategic merge of the applied configuration over the live object: one field manager (helm) owns everything.
import { KubeError } from './store.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key] ?? null, value);
  }
  return result;
}

/** The merge key Kubernetes declares for a list field, guessed from the field name and the items' shape. */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  const first = items.find(isObject);
  if (!first) return undefined;
  const byField: Record<string, string> = {
    volumeMounts: 'mountPath',
    conditions: 'type',
    ownerReferences: 'uid',
    hostAliases: 'ip',
    topologySpreadConstraints: 'topologyKey',
  };
  if (byField[field]) return byField[field];
  if (field === 'ports') return 'containerPort' in first ? 'containerPort' : 'port';
  const named = ['containers', 'initContainers', 'ephemeralContainers', 'env', 'volumes', 'imagePullSecrets'];
  return named.includes(field) ? 'name' : undefined;
}

function mergeList(field: string, live: Json | undefined, patch: Json[]): Json[] {
  const key = mergeKeyFor(field, patch);
  if (!key || !Array.isArray(live)) return patch.filter((item) => !(isObject(item) && item.$patch === 'delete'));
  const result = [...live];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = result.findIndex((l) => isObject(l) && l[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = strategicMerge(result[index], item);
    else result.push(strategicMerge(null, item));
  }
  return result;
}

export function strategicMerge(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const rest = { ...patch };
    delete rest.$patch;
    return strategicMerge(null, rest);
  }
  const result: JsonObject = isObject(target) ? { ...target } : {};
  const retainKeys = Array.isArray(patch.$retainKeys) ? (patch.$retainKeys as string[]) : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(key, result[key], value);
    else result[key] = strategicMerge(result[key] ?? null, value);
  }
  for (const [directive, values] of Object.entries(patch)) {
    const field =
      directive.startsWith('$deleteFromPrimitiveList/') && directive.slice('$deleteFromPrimitiveList/'.length);
    if (field && Array.isArray(result[field]) && Array.isArray(values)) {
      result[field] = (result[field] as Json[]).filter((v) => !values.includes(v));
    }
  }
  if (retainKeys) for (const key of Object.keys(result)) if (!retainKeys.includes(key)) delete result[key];
  return result;
}

function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function jsonPatch(target: Json, operations: { op: string; path: string; value?: Json; from?: string }[]): Json {
  let doc = structuredClone(target);
  const resolve = (path: string[]): [Json, string] => {
    let parent: Json = doc;
    for (const part of path.slice(0, -1)) parent = (parent as JsonObject)?.[part];
    if (parent === undefined || parent === null)
      throw new KubeError(422, 'Invalid', `json patch path not found: /${path.join('/')}`);
    return [parent, path[path.length - 1]];
  };
  const read = (path: string[]): Json => path.reduce<Json>((v, part) => (v as JsonObject)?.[part], doc);
  const write = (path: string[], value: Json, insert: boolean) => {
    if (path.length === 0) return void (doc = value);
    const [parent, last] = resolve(path);
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      parent.splice(index, insert ? 0 : 1, value);
    } else (parent as JsonObject)[last] = value;
  };
  const remove = (path: string[]) => {
    const [parent, last] = resolve(path);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as JsonObject)[last];
  };
  for (const op of operations) {
    const path = pointer(op.path);
    switch (op.op) {
      case 'add':
        write(path, op.value ?? null, true);
        break;
      case 'replace':
        write(path, op.value ?? null, false);
        break;
      case 'remove':
        remove(path);
        break;
      case 'move':
      case 'copy': {
        const from = pointer(op.from ?? '');
        const value = structuredClone(read(from));
        if (op.op === 'move') remove(from);
        write(path, value, true);
        break;
      }
      case 'test':
        if (JSON.stringify(read(path)) !== JSON.stringify(op.value)) {
          throw new KubeError(422, 'Invalid', `json patch test failed at ${op.path}`);
        }
        break;
      default:
        throw new KubeError(400, 'BadRequest', `unknown json patch operation "${op.op}"`);
    }
  }
  return doc;
}

export type PatchKind = 'merge' | 'strategic' | 'json' | 'apply';

export function patchKindOf(contentType: string): PatchKind | undefined {
  if (contentType.startsWith('application/merge-patch+json')) return 'merge';
  if (contentType.startsWith('application/strategic-merge-patch+json')) return 'strategic';
  if (contentType.startsWith('application/json-patch+json')) return 'json';
  if (contentType.startsWith('application/apply-patch')) return 'apply';
  return undefined;
}

export function applyPatch(kind: PatchKind, live: unknown, patch: unknown): unknown {
  if (kind === 'json') return jsonPatch(live as Json, patch as Parameters<typeof jsonPatch>[1]);
  if (kind === 'merge') return mergePatch(live as Json, patch as Json);
  return strategicMerge(live as Json, patch as Json);
}
