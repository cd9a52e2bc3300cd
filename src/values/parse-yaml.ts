// Values YAML parsed in time linear in its size. The yaml library's own duplicate-key check compares each key of a
// map with every other one (a values file with 64 000 keys in one map took 38 s); here each map's keys go through a
// Set instead, with the same rule (`1` and `"1"` are different keys) and the same message.
import { isScalar, LineCounter, parseDocument, visit } from 'yaml';

export function parseValuesYaml(text: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: false, lineCounter });
  if (document.errors.length > 0) throw document.errors[0];
  let duplicate: Error | undefined;
  visit(document, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const at = isScalar(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]) : undefined;
        duplicate = new Error(`Map keys must be unique${at ? ` at line ${at.line}, column ${at.col}` : ''}`);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (duplicate) throw duplicate;
  return document.toJS();
}
