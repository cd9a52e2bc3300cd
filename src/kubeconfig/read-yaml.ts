// A kubeconfig's YAML read the way client-go reads it (sigs.k8s.io/yaml: go-yaml v2, YAML 1.1, then JSON), or
// refused where the two readings could differ. Go applies merge keys (`<<`) and resolves aliases; YAML 1.1 reads
// `yes`, `on` and `0777` as a boolean and a number. Whatever is accepted here is written out again as JSON (see
// kubeconfig.ts), so helm and kubectl read exactly the document the policy checked.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';

/** The text is not a kubeconfig the action can read the way client-go does; the message never quotes the text. */
export class InvalidKubeconfig extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKubeconfig';
  }
}

/** Line breaks for YAML 1.1 (libyaml, go-yaml) but not for JavaScript's YAML and JSON: NEL, LS and PS. */
export const YAML11_ONLY_LINE_BREAKS = /[\u0085\u2028\u2029]/g;

/** Aliases make a small text expand without bound ("billion laughs"): no kubeconfig needs this many values. */
const MAX_VALUES = 100_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a value sits, for messages: `users[0].user`. */
const at = (where: string, key: string | number) =>
  typeof key === 'number' ? `${where}[${key}]` : where ? `${where}.${key}` : key;

/**
 * go-yaml's merge key: the plain, untagged `<<` (a quoted "<<" is an ordinary key there too). The YAML 1.1 schema
 * resolves it to a symbol.
 */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || key.type !== 'PLAIN' || key.tag) return false;
  const { value } = key;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

class Reader {
  private values = 0;
  private readonly active = new Set<Node>();
  /** Each alias looked up once: the lookup walks the document. */
  private readonly targets = new Map<unknown, Node | undefined>();

  constructor(private readonly doc: Document) {}

  read(node: unknown, where: string): Json {
    const what = where || 'the document';
    if (++this.values > MAX_VALUES) throw new InvalidKubeconfig(`expands to more than ${MAX_VALUES} values.`);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (!this.targets.has(node)) this.targets.set(node, node.resolve(this.doc));
      const target = this.targets.get(node);
      if (!target) throw new InvalidKubeconfig(`${what} refers to an anchor that is not defined before it.`);
      return this.read(target, where);
    }
    const yamlNode = node as Node;
    if (yamlNode.tag) {
      throw new InvalidKubeconfig(`${what} has the tag ${yamlNode.tag}: a kubeconfig needs no YAML tags.`);
    }
    if (this.active.has(yamlNode)) throw new InvalidKubeconfig(`${what} contains itself through an alias.`);
    this.active.add(yamlNode);
    try {
      if (isScalar(node)) return this.scalar(node.value, what);
      if (isSeq(node)) return node.items.map((item, i) => this.read(item, at(where, i)));
      if (isMap(node)) return this.map(node.items, where);
    } finally {
      this.active.delete(yamlNode);
    }
    throw new InvalidKubeconfig(`${what} is neither a value, a list nor a map.`);
  }

  private scalar(value: unknown, where: string): Json {
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    // Timestamps, infinities and NaN: Go and JavaScript print them differently.
    throw new InvalidKubeconfig(
      `${where} is read as a ${value instanceof Date ? 'date' : 'number'} JSON cannot hold the way Go does: quote it.`,
    );
  }

  private key(pair: Pair, where: string): string {
    const { key } = pair;
    if (!isScalar(key) || key.tag) {
      throw new InvalidKubeconfig(`${where || 'the document'} has a key that is not a plain value.`);
    }
    const value = this.scalar(key.value, where);
    return typeof value === 'string' ? value : String(value);
  }

  /**
   * A map with its merge keys applied. Go and the YAML spec disagree on which value wins when a merged key is also
   * given explicitly or by another merged map, so any such overlap is refused: then both readings are the same.
   */
  private map(items: Pair[], where: string): Json {
    const own: Record<string, Json> = {};
    const merged: Record<string, Json> = {};
    for (const pair of items) {
      if (isMergeKey(pair.key)) {
        const value = pair.value;
        const sources = isSeq(value) ? value.items : [value];
        for (const [i, source] of sources.entries()) {
          const read = this.read(source, at(where, '<<'));
          if (!read || typeof read !== 'object' || Array.isArray(read)) {
            throw new InvalidKubeconfig(`${where || 'the document'} merges (<<) something that is not a map.`);
          }
          for (const [key, child] of Object.entries(read)) {
            if (key in merged) {
              throw new InvalidKubeconfig(
                `${where || 'the document'} gets ${key} from two merged maps (<<, source ${i + 1}): keep one, the readers disagree on which wins.`,
              );
            }
            merged[key] = child;
          }
        }
        continue;
      }
      const key = this.key(pair, where);
      if (key in own) throw new InvalidKubeconfig(`${at(where, key)} is given twice.`);
      own[key] = this.read(pair.value, at(where, key));
    }
    for (const key of Object.keys(merged)) {
      if (key in own) {
        throw new InvalidKubeconfig(
          `${at(where, key)} is given and also merged in (<<): keep one, the readers disagree on which wins.`,
        );
      }
    }
    return { ...merged, ...own };
  }
}

/** The one document of `text` as the JSON client-go would make of it; throws InvalidKubeconfig. */
export function readYamlAsClientGo(text: string): unknown {
  if (text.search(YAML11_ONLY_LINE_BREAKS) >= 0) {
    throw new InvalidKubeconfig('holds a Unicode line or paragraph separator, which YAML 1.1 reads as a line break.');
  }
  // Version 1.1 is go-yaml v2's; merge keys are applied by the Reader, which refuses the ambiguous ones.
  const docs = parseAllDocuments(text, { version: '1.1', merge: false, uniqueKeys: false, prettyErrors: false });
  const documents = Array.isArray(docs) ? docs : [];
  if (documents.length === 0) throw new InvalidKubeconfig('is empty.');
  if (documents.length > 1) {
    throw new InvalidKubeconfig(
      `holds ${documents.length} YAML documents: client-go reads only the first. Give one document.`,
    );
  }
  const [doc] = documents;
  const error = doc.errors[0];
  // The first line only: the rest quotes the text, secrets included.
  if (error) throw new InvalidKubeconfig(`is not valid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}.`);
  const directives = doc.directives;
  const tagHandles = Object.keys(directives?.tags ?? {}).filter((handle) => handle !== '!!');
  if (directives?.yaml.explicit || tagHandles.length > 0) {
    throw new InvalidKubeconfig('starts with a %YAML or %TAG directive: client-go reads YAML 1.1 only. Remove it.');
  }
  return new Reader(doc).read(doc.contents, '');
}
