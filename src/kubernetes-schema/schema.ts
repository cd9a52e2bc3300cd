// Rendered objects against the OpenAPI schemas of one Kubernetes version (schema-data.ts, generated from a kept
// package by scripts/kubernetes-schema.ts). Pure. It finds what a newer API server than the real-cluster tier's would
// refuse or silently drop: an apiVersion/kind it does not serve, a field it does not know (a typo is dropped with a
// warning, or refused under strict field validation), a value of the wrong type. Objects of groups the schemas do
// not know (custom resources) are left to the cluster.
import { isMap } from '../values/merge.js';

export interface SchemaData {
  /** `1.36`: the Kubernetes minor version whose OpenAPI spec the package was generated from. */
  kubernetes: string;
  /** The package and version the data came from. */
  source: string;
  kinds: [apiVersion: string, kind: string, model: string, namespaced: boolean][];
  /**
   * Per model, each field's type: `string`, `integer`, `number`, `boolean`, `int-or-string`, `date-time`, `any`, a
   * model's name, `[]T` (a list) or `{}T` (a map).
   */
  types: Record<string, Record<string, string>>;
}

export interface SchemaFinding {
  /** `Deployment/portkey-ai-gateway`. */
  object: string;
  apiVersion: string;
  /** `spec.template.spec.containers[0].imagePullPolcy`; absent for a finding about the whole object. */
  path?: string;
  /** `off-by-default`: an alpha or beta API, which an API server serves only when it is turned on. */
  problem: 'not-served' | 'off-by-default' | 'unknown-field' | 'wrong-type';
  message: string;
}

export interface SchemaCheck {
  kubernetes: string;
  source: string;
  /** Objects whose apiVersion/kind the schemas know and that were walked field by field. */
  checked: number;
  /** `example.com/v1 Widget/w`: objects of groups the schemas do not know, left to the cluster. */
  skipped: string[];
  findings: SchemaFinding[];
}

export interface RenderedObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
}

/** `Deployment/portkey-ai-gateway`, the way findings name an object. */
export function objectName(object: RenderedObject & { kind: string }): string {
  const name = (object.metadata as { name?: unknown } | undefined)?.name;
  return `${object.kind}/${typeof name === 'string' ? name : '?'}`;
}

/** `V1Container` → `Container`, `CoreV1Event` → `Event`: the schema's model names carry their version. */
export const kindOfModel = (model: string) => model.replace(/^(?:[A-Z][a-z]+)*V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/** `.name`, or `["app.kubernetes.io/name"]` for a key that is not a plain identifier. */
const member = (key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

const describe = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : typeof value;

/**
 * Whether a scalar fits its type. The package writes a Quantity (`cpu: 1`) as a plain string, so a number is taken
 * where a string is expected; a boolean there is refused by every API server (an unquoted `true` in a label).
 */
function scalarFits(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number';
    case 'date-time':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'int-or-string':
      return Number.isInteger(value) || typeof value === 'string';
    default:
      return true;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  'date-time': 'a date-time string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  'int-or-string': 'an integer or a string',
};

function walk(
  value: unknown,
  type: string,
  path: string,
  schema: SchemaData,
  report: (path: string, problem: SchemaFinding['problem'], message: string) => void,
): void {
  // null is "not set" to the API server, whatever the field's type.
  if (value === null || value === undefined || type === 'any') return;
  const at = path || 'the object';
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return report(path, 'wrong-type', `${at} is ${describe(value)}, expected a list`);
    value.forEach((item, index) => walk(item, type.slice(2), `${path}[${index}]`, schema, report));
    return;
  }
  if (type.startsWith('{}')) {
    if (!isMap(value)) return report(path, 'wrong-type', `${at} is ${describe(value)}, expected a map`);
    for (const [key, item] of Object.entries(value)) walk(item, type.slice(2), `${path}${member(key)}`, schema, report);
    return;
  }
  const fields = schema.types[type];
  if (!fields) {
    if (!scalarFits(value, type))
      report(path, 'wrong-type', `${at} is ${describe(value)}, expected ${TYPE_NAMES[type]}`);
    return;
  }
  if (!isMap(value)) return report(path, 'wrong-type', `${at} is ${describe(value)}, expected a map`);
  for (const [key, item] of Object.entries(value)) {
    const child = path ? `${path}${member(key)}` : key;
    const fieldType = fields[key];
    if (fieldType === undefined) report(child, 'unknown-field', `${child} is not a field of ${kindOfModel(type)}`);
    else walk(item, fieldType, child, schema, report);
  }
}

/** Every object of a rendered manifest against `schema`; objects without an apiVersion and kind are not objects. */
export function checkObjects(objects: readonly RenderedObject[], schema: SchemaData): SchemaCheck {
  const groups = new Set(schema.kinds.map(([apiVersion]) => groupOf(apiVersion)));
  const result: SchemaCheck = {
    kubernetes: schema.kubernetes,
    source: schema.source,
    checked: 0,
    skipped: [],
    findings: [],
  };
  for (const object of objects) {
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') continue;
    const { apiVersion, kind } = object;
    const name = objectName({ ...object, kind });
    if (!groups.has(groupOf(apiVersion))) {
      result.skipped.push(`${apiVersion} ${name}`);
      continue;
    }
    const served = schema.kinds.find(([version, k]) => version === apiVersion && k === kind);
    if (!served) {
      const elsewhere = schema.kinds.filter(([, k]) => k === kind).map(([version]) => version);
      const instead = elsewhere.length ? `; it serves ${kind} as ${elsewhere.join(', ')}` : '';
      result.findings.push({
        object: name,
        apiVersion,
        problem: 'not-served',
        message: `${apiVersion} ${kind} is not served by Kubernetes ${schema.kubernetes}${instead}`,
      });
      continue;
    }
    result.checked++;
    const stage = /^v\d+(alpha|beta)\d+$/.exec(apiVersion.split('/').at(-1) ?? '')?.[1];
    if (stage) {
      result.findings.push({
        object: name,
        apiVersion,
        problem: 'off-by-default',
        message: `${apiVersion} is ${stage === 'alpha' ? 'an alpha' : 'a beta'} API of Kubernetes ${schema.kubernetes}: an API server serves it only when it is turned on (every alpha API and the beta APIs added since 1.24 are off by default)`,
      });
    }
    walk(object, served[2], '', schema, (path, problem, message) =>
      result.findings.push({ object: name, apiVersion, ...(path && { path }), problem, message }),
    );
  }
  return result;
}
