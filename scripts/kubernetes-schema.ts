// Derives src/kubernetes-schema/schema-data.ts from the Kubernetes OpenAPI schemas that @kubernetes/client-node (an
// exact devDependency) was generated from: which apiVersion/kind pairs the API server serves, cluster-wide or per
// namespace, and each kind's field tree with its types. `tsx scripts/kubernetes-schema.ts` rewrites the file,
// `--check` only reports (exit 1) when it drifted from the package.
//
// Where the facts come from, in the package's dist/gen (written by openapi-generator from Kubernetes' published spec):
// - the spec's version: the header of every model in models/ObjectSerializer.js's typeMap. The package keeps stale
//   model and API files of removed versions beside the current ones (policy/v1beta1 is gone, FlowSchema v1beta3 is
//   still there), so only what the generated indexes name counts;
// - the served group-versions: the APIs index.js exports; their kinds and scope: each API's create method on a
//   collection (`/apis/policy/v1/namespaces/{namespace}/poddisruptionbudgets` with a V1PodDisruptionBudget body);
// - the fields: each model's attributeTypeMap (JSON name, TypeScript type, OpenAPI format).
// The generator writes `Quantity` as a plain string, so the data cannot tell a quantity (`cpu: 1`) from a string.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kindOfModel } from '../src/kubernetes-schema/schema.js';
import { repoRoot } from './action-metadata.js';

export const PACKAGE = '@kubernetes/client-node';
export const dataPath = path.join(repoRoot, 'src', 'kubernetes-schema', 'schema-data.ts');
const packageRoot = path.join(repoRoot, 'node_modules', ...PACKAGE.split('/'));
const gen = path.join(packageRoot, 'dist', 'gen');
const read = (...parts: string[]) => readFileSync(path.join(gen, ...parts), 'utf8');

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}

/** The models of the spec the package was generated from, by name (stale files of removed versions left out). */
function currentModels(): string[] {
  const serializer = read('models', 'ObjectSerializer.js');
  const start = serializer.indexOf('let typeMap = {');
  const typeMap = serializer.slice(start, serializer.indexOf('};', start));
  return [...typeMap.matchAll(/^\s*"(\w+)": \w+,?$/gm)].map((match) => match[1]);
}

/** `release-1.36` → `1.36`, the same for every current model, or the package is not what this script expects. */
function specVersion(models: string[]): string {
  const versions = new Set(
    models.map((model) => /OpenAPI spec version: (\S+)/.exec(read('models', `${model}.js`))?.[1]),
  );
  const [version] = [...versions];
  const minor = /^(?:release-|v)?(1\.\d+)/.exec(version ?? '')?.[1];
  if (versions.size !== 1 || !minor) throw new Error(`expected one OpenAPI spec version, found ${[...versions]}`);
  return minor;
}

function attributes(model: string): Attribute[] {
  const text = read('models', `${model}.js`);
  const list = /\.attributeTypeMap = (\[[\s\S]*?\n\]);/.exec(text)?.[1];
  return list ? (JSON.parse(list) as Attribute[]) : [];
}

/** The compact type of one field: `string`, `integer`, `[]V1Container`, `{}string`, a model's name… */
function fieldType({ type, format }: Attribute, models: Set<string>): string {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return `[]${fieldType({ baseName: '', type: array[1], format }, models)}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return `{}${fieldType({ baseName: '', type: map[1], format }, models)}`;
  if (type === 'number') return format === 'double' ? 'number' : 'integer';
  if (type === 'Date' || format === 'date-time-micro') return 'date-time';
  if (type === 'IntOrString') return 'int-or-string';
  if (['string', 'boolean', 'any'].includes(type)) return type;
  if (models.has(type)) return type;
  throw new Error(`unknown type ${type} (${format})`);
}

export interface ServedKind {
  apiVersion: string;
  kind: string;
  model: string;
  namespaced: boolean;
}

const COLLECTION = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))\/(namespaces\/\{namespace\}\/)?[a-z0-9]+$/;

/** Every kind the spec's API server takes on a collection, from the create methods of the APIs the index exports. */
function servedKinds(models: Set<string>): ServedKind[] {
  const apis = [...read('index.js').matchAll(/\bObject(\w+V\d\w*Api) as /g)].map((match) => match[1]);
  const kinds: ServedKind[] = [];
  for (const api of apis) {
    const text = read('apis', `${api}.js`);
    for (const method of text.split(/\n {4}async create\w*\(/).slice(1)) {
      const localPath = /const localVarPath = '([^']+)'/.exec(method)?.[1] ?? '';
      const body = /ObjectSerializer\.serialize\(body, "(\w+)"/.exec(method)?.[1];
      const collection = COLLECTION.exec(localPath);
      if (!collection || !body || !models.has(body)) continue;
      const names = new Set(attributes(body).map((attribute) => attribute.baseName));
      if (!names.has('apiVersion') || !names.has('kind')) continue;
      const apiVersion = collection[1] ?? collection[2];
      kinds.push({ apiVersion, kind: kindOfModel(body), model: body, namespaced: !!collection[3] });
    }
  }
  return kinds.sort((a, b) => `${a.apiVersion} ${a.kind}`.localeCompare(`${b.apiVersion} ${b.kind}`));
}

/** The field trees of the served kinds, each model once; a kind's `status` is the server's and is not walked. */
function fieldTrees(kinds: ServedKind[], models: Set<string>): Map<string, Record<string, string>> {
  const trees = new Map<string, Record<string, string>>();
  const pending = kinds.map((kind) => kind.model);
  const tops = new Set(pending);
  while (pending.length > 0) {
    const model = pending.pop()!;
    if (trees.has(model)) continue;
    const fields: Record<string, string> = {};
    for (const attribute of attributes(model)) {
      const type = tops.has(model) && attribute.baseName === 'status' ? 'any' : fieldType(attribute, models);
      fields[attribute.baseName] = type;
      const referenced = type.replace(/^(\[\]|\{\})+/, '');
      if (models.has(referenced)) pending.push(referenced);
    }
    trees.set(model, fields);
  }
  return new Map([...trees].sort(([a], [b]) => a.localeCompare(b)));
}

/** The module's text: one line per kind and per model, so a new package version shows as a readable diff. */
export function generate(): string {
  const version = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
  const modelList = currentModels();
  const models = new Set(modelList);
  const kubernetes = specVersion(modelList);
  const kinds = servedKinds(models);
  const trees = fieldTrees(kinds, models);
  const json = (value: unknown) => JSON.stringify(value);
  const lines = [
    `// Generated by scripts/kubernetes-schema.ts from ${PACKAGE} ${version}: do not edit. A test regenerates it.`,
    `// Facts of Kubernetes' OpenAPI spec (Copyright The Kubernetes Authors, Apache-2.0), as that package carries them.`,
    `import type { SchemaData } from './schema.js';`,
    '',
    'export const SCHEMA: SchemaData = {',
    `  kubernetes: ${json(kubernetes)},`,
    `  source: ${json(`${PACKAGE} ${version}`)},`,
    '  kinds: [',
    ...kinds.map(({ apiVersion, kind, model, namespaced }) => `    ${json([apiVersion, kind, model, namespaced])},`),
    '  ],',
    '  types: {',
    ...[...trees].map(([model, fields]) => `    ${model}: ${json(fields)},`),
    '  },',
    '};',
    '',
  ];
  return lines.join('\n');
}

function main(args: string[]): number {
  const wanted = generate();
  const current = (() => {
    try {
      return readFileSync(dataPath, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current === wanted) return 0;
  if (args.includes('--check')) {
    console.error(
      `${path.relative(repoRoot, dataPath)} differs from ${PACKAGE}: run \`npx tsx scripts/kubernetes-schema.ts\`.`,
    );
    return 1;
  }
  writeFileSync(dataPath, wanted);
  console.log(`${path.relative(repoRoot, dataPath)} written (${wanted.length} bytes).`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
