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

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class ValuesMerger {
  readonly values: Values = {};
  private readonly origins = new Map<string, string>();
  private readonly conflicts = new Set<string>();

  get warnings(): string[] {
    return [...this.conflicts];
  }

  /** Merges a whole layer of values from one source. */
  merge(layer: Values, source: string, prefix: KeyPath = []): void {
    for (const [key, value] of Object.entries(layer)) {
      const path = [...prefix, key];
      if (isMap(value) && Object.keys(value).length > 0) this.merge(value, source, path);
      else this.assign(path, value, source);
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
    this.forget(path);
    this.origins.set(formatKeyPath(path), source);
    // A copy, so that later `set` lines that index into a list never edit the layer it came from.
    setChild(node, last, structuredClone(value));
  }

  /** Who set the value at `path`: its own source, or the source that set the map or list holding it. */
  sourceOf(path: KeyPath): string | undefined {
    for (let i = path.length; i > 0; i--) {
      const source = this.origins.get(formatKeyPath(path.slice(0, i)));
      if (source) return source;
    }
    return undefined;
  }

  /** Records a warning for each other source whose setting at or under `path` is about to be overwritten. */
  private replacing(path: KeyPath, source: string): void {
    const key = formatKeyPath(path);
    const losers = new Set<string>();
    for (const [other, otherSource] of this.origins) {
      if (other === key || other.startsWith(`${key}.`) || other.startsWith(`${key}[`)) losers.add(otherSource);
    }
    if (losers.size === 0) {
      for (let i = path.length - 1; i > 0 && losers.size === 0; i--) {
        const ancestor = this.origins.get(formatKeyPath(path.slice(0, i)));
        if (ancestor) losers.add(ancestor);
      }
    }
    for (const loser of losers) {
      if (loser === source || loser === ACTION_DEFAULTS) continue;
      this.conflicts.add(`\`${key}\` is set by ${loser} and by ${source}; ${source} wins.`);
    }
  }

  private forget(path: KeyPath): void {
    const key = formatKeyPath(path);
    for (const other of [...this.origins.keys()]) {
      if (other.startsWith(`${key}.`) || other.startsWith(`${key}[`)) this.origins.delete(other);
    }
  }
}
