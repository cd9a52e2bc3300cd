// Helm's merge rules for values, plus a memory of which source set each key, so that when two sources disagree
// the user is told which one won. Maps merge key by key; lists and scalars replace whole, as Helm does.
import { formatKeyPath, type KeyPath } from '../inputs/key-path.js';

export type Values = Record<string, unknown>;

export const isMap = (value: unknown): value is Values =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Sources the user did not choose: overriding them is the point, not a conflict worth a warning. */
export const ACTION_DEFAULTS = 'action defaults';

type Container = Values | unknown[];

function childOf(node: Container, key: string | number): unknown {
  return Array.isArray(node) ? node[key as number] : Object.hasOwn(node, key) ? node[key as string] : undefined;
}

function setChild(node: Container, key: string | number, value: unknown): void {
  if (Array.isArray(node)) {
    // Helm fills the gap before an index beyond the end with nulls.
    while (node.length < (key as number)) node.push(null);
    node[key as number] = value;
  } else {
    node[key as string] = value;
  }
}

const sameValue = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/**
 * Which source set each key path, as a tree shaped like the values: finding every source at or under a path, and
 * forgetting them, costs only the size of that subtree, so a merge stays linear in the size of the values.
 */
interface Origin {
  source?: string;
  children: Map<string | number, Origin>;
}

const newOrigin = (): Origin => ({ children: new Map() });

function sourcesIn(origin: Origin, found: Set<string>): void {
  const pending = [origin];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.source) found.add(node.source);
    pending.push(...node.children.values());
  }
}

export class ValuesMerger {
  readonly values: Values = {};
  private readonly origins = newOrigin();
  private readonly conflicts = new Set<string>();

  get warnings(): string[] {
    return [...this.conflicts];
  }

  /** Merges a whole layer of values from one source. `path` is where the layer goes; it is used as scratch. */
  merge(layer: Values, source: string, path: KeyPath = []): void {
    for (const key of Object.keys(layer)) {
      const value = layer[key];
      path.push(key);
      if (isMap(value) && Object.keys(value).length > 0) this.merge(value, source, path);
      else this.assign(path, value, source);
      path.pop();
    }
  }

  /** Sets one key path (list indexes allowed), creating the maps and lists on the way. */
  assign(path: KeyPath, value: unknown, source: string): void {
    let node: Container = this.values;
    for (let i = 0; i < path.length - 1; i++) {
      const wantList = typeof path[i + 1] === 'number';
      let child = childOf(node, path[i]);
      if (wantList ? !Array.isArray(child) : !isMap(child)) {
        if (child !== undefined && child !== null) this.replacing(path.slice(0, i + 1), source);
        child = wantList ? [] : {};
        setChild(node, path[i], child);
      }
      node = child as Container;
    }
    const last = path[path.length - 1];
    const existing = childOf(node, last);
    if (isMap(value) && isMap(existing)) return; // an empty map merged into a map changes nothing
    if (existing !== undefined && !sameValue(existing, value)) this.replacing(path, source);
    const origin = this.originAt(path, true)!;
    origin.source = source;
    origin.children.clear();
    // A copy, so that later `set` lines that index into a list never edit the layer it came from.
    setChild(node, last, typeof value === 'object' && value !== null ? structuredClone(value) : value);
  }

  /** The origin node of `path`, created on the way when `create`; undefined when absent. */
  private originAt(path: KeyPath, create: boolean): Origin | undefined {
    let origin = this.origins;
    for (const key of path) {
      let child = origin.children.get(key);
      if (!child) {
        if (!create) return undefined;
        child = newOrigin();
        origin.children.set(key, child);
      }
      origin = child;
    }
    return origin;
  }

  /** Who set the value at `path`: its own source, or the source that set the map or list holding it. */
  sourceOf(path: KeyPath): string | undefined {
    let found: string | undefined;
    let origin: Origin | undefined = this.origins;
    for (const key of path) {
      origin = origin.children.get(key);
      if (!origin) break;
      found = origin.source ?? found;
    }
    return found;
  }

  /** Records a warning for each other source whose setting at or under `path` is about to be overwritten. */
  private replacing(path: KeyPath, source: string): void {
    const losers = new Set<string>();
    const at = this.originAt(path, false);
    if (at) sourcesIn(at, losers);
    // Nothing set at or under it: the value came whole from a setting above (a list, a map given as one value).
    const nearest = this.sourceOf(path.slice(0, -1));
    if (losers.size === 0 && nearest) losers.add(nearest);
    const key = formatKeyPath(path);
    for (const loser of losers) {
      if (loser === source || loser === ACTION_DEFAULTS) continue;
      this.conflicts.add(`\`${key}\` is set by ${loser} and by ${source}; ${source} wins.`);
    }
  }
}
