// The action's `with:` blocks as the documentation and example workflows show them, and stand-ins for the
// `${{ … }}` expressions a run would fill in.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { isOurAction } from '../../scripts/action-metadata.js';

export interface Example {
  /** `file:line` of the step. */
  where: string;
  inputs: Record<string, string>;
}

/** Every mapping with `uses:` of this action and a `with:` map, anywhere in a YAML document. */
export function examplesIn(yamlText: string, file: string, firstLine: number): Example[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  if (doc.errors.length > 0) throw new Error(`${file}:${firstLine}: not valid YAML: ${doc.errors[0].message}`);
  const found: Example[] = [];
  const visit = (node: unknown): void => {
    if (isSeq(node)) node.items.forEach(visit);
    if (!isMap(node)) return;
    const uses = node.get('uses');
    const withNode = node.get('with', true);
    if (typeof uses === 'string' && isOurAction(uses) && isMap(withNode)) {
      const line = firstLine + lineCounter.linePos((node as Node).range?.[0] ?? 0).line - 1;
      const inputs: Record<string, string> = {};
      for (const item of withNode.items) {
        if (isScalar(item.key)) inputs[String(item.key.value)] = isScalar(item.value) ? String(item.value.value) : '';
      }
      found.push({ where: `${file}:${line}`, inputs });
    }
    for (const item of node.items) visit(item.value);
  };
  visit(doc.contents);
  return found;
}

const guid = '00000000-0000-4000-8000-000000000000';

/**
 * Stands in for what `${{ … }}` would give at run time: a GUID where the input must be one, a number for
 * replicas, otherwise a value that names the input, so a leaked secret is easy to spot.
 */
function placeholder(input: string): string {
  if (/(^|-)(client|tenant|subscription)-id$/.test(input)) return guid;
  if (input === 'replicas') return '2';
  return `example-${input}`;
}

export function resolveExpressions(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, value.replace(/\$\{\{[^}]*\}\}/g, () => placeholder(name))]),
  );
}
