// Helm's merge rules for values, plus a memory of which source set each key, so that when two sources disagree
// the user is told which one won, and a bad value is blamed on the input it came through. Maps merge key by key;
// lists and scalars replace whole, as Helm does.
import { formatKeyPath, type KeyPath } from '../inputs/key-path.js';
import type { InputName } from '../inputs/table.js';

export type Values = Record<string, unknown>;

export const isMap = (value: unknown): value is Values =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Where values came from: the input, and where inside it (a file, a `set` line) when it has parts. */
export interface ValuesSource {
  /** How warnings and the plan name it: `values-files (v.yaml)`, `input \`set\` line 2`, `action defaults`. */
  label: string;
  /** The input that fixes it; none for the action's own defaults. */
  input?: InputName;
  /** The part of the input, as a problem names it: `v.yaml`, `line 2`, `the inline YAML`. */
  part?: string;
}

/** Sources the user did not choose: overriding them is the point, not a conflict worth a warning. */
export const ACTION_DEFAULTS: ValuesSource = { label: 'action defaults' };

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
  source?: ValuesSource;
  children: Map<string | number, Origin>;
}

const newOrigin = (): Origin => ({ children: new Map() });

function sourcesIn(origin: Origin, found: Set<ValuesSource>): void {
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
  merge(layer: Values, source: ValuesSource, path: KeyPath = []): void {
    for (const key of Object.keys(layer)) {
      const value = layer[key];
      path.push(key);
      if (isMap(value) && Object.keys(value).length > 0) this.merge(value, source, path);
      else this.assign(path, value, source);
      path.pop();
    }
  }

  /** Sets one key path (list indexes allowed), creating the maps and lists on the way. */
  assign(path: KeyPath, value: unknown, source: ValuesSource): void {
    let node: Container = this.values;
    for (let i = 0; i < path.length - 1; i++) {
      const wantList = typeof path[i + 1] === 'number';
      let child = childOf(node, path[i]);
      if (wantList ? !Array.isArray(child) : !isMap(child)) {
        if (child !== undefined && child !== null) {
          this.replacing(path.slice(0, i + 1), source);
          // What set the value replaced no longer sets anything here: the keys about to be set under it name theirs.
          const replaced = this.originAt(path.slice(0, i + 1), false);
          if (replaced) Object.assign(replaced, { source: undefined, children: new Map() });
        }
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
  originOf(path: KeyPath): ValuesSource | undefined {
    let found: ValuesSource | undefined;
    let origin: Origin | undefined = this.origins;
    for (const key of path) {
      origin = origin.children.get(key);
      if (!origin) break;
      found = origin.source ?? found;
    }
    return found;
  }

  /**
   * Who set the value at `path`, also when it is a map merged key by key (no source of its own): then the source
   * of one of its keys.
   */
  originAtOrUnder(path: KeyPath): ValuesSource | undefined {
    const found = this.originOf(path);
    if (found) return found;
    const under = new Set<ValuesSource>();
    const at = this.originAt(path, false);
    if (at) sourcesIn(at, under);
    return [...under][0];
  }

  /** How warnings and the plan name who set the value at `path`. */
  sourceOf(path: KeyPath): string | undefined {
    return this.originOf(path)?.label;
  }

  /** Records a warning for each other source whose setting at or under `path` is about to be overwritten. */
  private replacing(path: KeyPath, source: ValuesSource): void {
    const losers = new Set<ValuesSource>();
    const at = this.originAt(path, false);
    if (at) sourcesIn(at, losers);
    // Nothing set at or under it: the value came whole from a setting above (a list, a map given as one value).
    const nearest = this.originOf(path.slice(0, -1));
    if (losers.size === 0 && nearest) losers.add(nearest);
    const key = formatKeyPath(path);
    for (const loser of losers) {
      if (loser.label === source.label || loser === ACTION_DEFAULTS) continue;
      this.conflicts.add(`\`${key}\` is set by ${loser.label} and by ${source.label}; ${source.label} wins.`);
    }
  }
}
