// Label and field selectors as the API server reads them from `?labelSelector=` and `?fieldSelector=`.
// helm finds its release Secrets by label (`owner=helm,name=x`), kubectl rollout status watches one Deployment by
// `metadata.name`, and `kubectl get events` filters by `involvedObject.name`.

export type Predicate = (object: KubeObject) => boolean;

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const always: Predicate = () => true;

/** Splits on commas that are not inside `in (a,b)` parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

export function parseLabelSelector(selector: string | null): Predicate {
  if (!selector) return always;
  const tests = splitTerms(selector).map((term): ((labels: Record<string, string>) => boolean) => {
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      return set[2] === 'in'
        ? (l) => l[set[1]] !== undefined && values.includes(l[set[1]])
        : (l) => l[set[1]] === undefined || !values.includes(l[set[1]]);
    }
    const cmp = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (cmp) {
      const [, key, op, value] = cmp;
      return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    if (term.startsWith('!')) return (l) => l[term.slice(1)] === undefined;
    return (l) => l[term] !== undefined;
  });
  return (object) => tests.every((test) => test(object.metadata.labels ?? {}));
}

/** Reads a dotted field path such as `involvedObject.name` or `status.phase`. */
function fieldValue(object: KubeObject, path: string): string {
  let value: unknown = object;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value === undefined || value === null ? '' : String(value);
}

export function parseFieldSelector(selector: string | null): Predicate {
  if (!selector) return always;
  const tests = splitTerms(selector).map((term) => {
    const [, path, op, value] = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term) ?? [term, term, '=', ''];
    return op === '!='
      ? (o: KubeObject) => fieldValue(o, path) !== value
      : (o: KubeObject) => fieldValue(o, path) === value;
  });
  return (object) => tests.every((test) => test(object));
}

export function matchLabels(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> = {},
): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}
