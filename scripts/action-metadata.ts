// The input and output contract as action.yml declares it, read once for the README tables and the workflow checks.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parseDocument } from 'yaml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ActionInput {
  name: string;
  description: string;
  required: boolean;
  /** The default as the runner passes it (always a string); undefined when action.yml gives none. */
  default?: string;
  /** The `# heading` comment above this input or an earlier one in action.yml, for grouping the README table. */
  group: string;
  /** The runner prints it when a workflow gives the input: an old name, `Renamed to \`new-name\`; …`. */
  deprecationMessage?: string;
}

export interface ActionOutput {
  name: string;
  description: string;
}

export interface ActionMetadata {
  inputs: ActionInput[];
  outputs: ActionOutput[];
}

interface RawSpec {
  description?: string;
  required?: boolean;
  default?: unknown;
  deprecationMessage?: string;
}

export function parseActionMetadata(actionYml: string): ActionMetadata {
  const doc = parseDocument(actionYml);
  if (doc.errors.length > 0) throw new Error(`action.yml is not valid YAML: ${doc.errors[0].message}`);
  const inputs: ActionInput[] = [];
  const inputNodes = doc.get('inputs');
  let group = 'General';
  if (isMap(inputNodes)) {
    for (const item of inputNodes.items) {
      if (!isScalar(item.key)) continue;
      if (item.key.commentBefore) group = item.key.commentBefore.trim();
      const spec = ((item.value && (item.value as { toJSON(): unknown }).toJSON()) ?? {}) as RawSpec;
      inputs.push({
        name: String(item.key.value),
        description: (spec.description ?? '').trim(),
        required: spec.required === true,
        default: spec.default === undefined || spec.default === null ? undefined : String(spec.default),
        group,
        ...(spec.deprecationMessage ? { deprecationMessage: spec.deprecationMessage.trim() } : {}),
      });
    }
  }
  const rawOutputs = (doc.toJSON()?.outputs ?? {}) as Record<string, RawSpec | null>;
  const outputs = Object.entries(rawOutputs).map(([name, spec]) => ({
    name,
    description: (spec?.description ?? '').trim(),
  }));
  return { inputs, outputs };
}

/** The input an old name was renamed to, as its deprecationMessage says; undefined for an input that is current. */
export function renamedTo(input: ActionInput): string | undefined {
  if (input.deprecationMessage === undefined) return undefined;
  const match = /^Renamed to `([^`]+)`/.exec(input.deprecationMessage);
  if (!match) throw new Error(`action.yml: the deprecationMessage of ${input.name} does not start "Renamed to \`…\`"`);
  return match[1];
}

/** Each old name action.yml declares, to the input it was renamed to. */
export function renamedInputs(metadata: ActionMetadata): Map<string, string> {
  return new Map(
    metadata.inputs.flatMap((input) => {
      const name = renamedTo(input);
      return name === undefined ? [] : [[input.name, name] as const];
    }),
  );
}

/** `owner/portkey-azure-deploy@ref` (any owner, any ref) or `./` inside this repository. */
export function isOurAction(uses: string): boolean {
  return /^[\w.-]+\/portkey-azure-deploy@\S+$/.test(uses) || uses === './';
}

export function readActionMetadata(file = path.join(repoRoot, 'action.yml')): ActionMetadata {
  return parseActionMetadata(readFileSync(file, 'utf8'));
}
