// The declared input table against action.yml, the contract the runner reads: the same inputs in the same order,
// the same defaults and groups, and "Secret." in the description exactly where the table masks the input; then each
// old name of a renamed input, declared for the runner to warn about and read by the table's entry.
import { describe, expect, it } from '@jest/globals';
import { readActionMetadata, renamedTo } from '../../scripts/action-metadata.js';
import { getConfig } from '../../src/inputs/read-inputs.js';
import { INPUT_NAMES, SECRET_INPUTS, spec, type InputName } from '../../src/inputs/table.js';
import { isSecretInput } from '../../src/secrets/index.js';
import { azureInputs, captureStdout, RENAMED } from './fixture.js';

const all = readActionMetadata().inputs;
const declared = all.filter((input) => input.deprecationMessage === undefined);
const oldNames = all.filter((input) => input.deprecationMessage !== undefined);

describe('the input table', () => {
  it('declares the inputs of action.yml, in its order', () => {
    expect(INPUT_NAMES).toEqual(declared.map((input) => input.name));
  });

  it('declares each old name after the inputs, renamed to the entry that reads it, with no default', () => {
    expect(all.slice(declared.length)).toEqual(oldNames);
    expect(oldNames.map((input) => [input.name, renamedTo(input)])).toEqual([...RENAMED]);
    expect(RENAMED.size).toBe(7);
    for (const input of oldNames) {
      // A default would reach the reader as if the workflow had given the old name, and clash with the new one.
      expect(input).toMatchObject({
        default: undefined,
        required: false,
        group: 'Renamed inputs (old names, still read)',
      });
      expect(input.description).toBe(`Old name of \`${renamedTo(input)}\`.`);
      expect(INPUT_NAMES).not.toContain(input.name);
    }
  });

  it.each(declared.map((input) => [input.name, input] as const))('keeps the default and group of %s', (name, input) => {
    expect({ default: spec(name as InputName).default, group: spec(name as InputName).group }).toEqual({
      default: input.default,
      group: input.group,
    });
  });

  it('marks as secret exactly the inputs action.yml calls secret', () => {
    const described = declared.filter((input) => /\bSecret\.|every value is masked/.test(input.description));
    expect([...SECRET_INPUTS].sort()).toEqual(described.map((input) => input.name).sort());
  });

  it('is what the secrets module asks about an input', () => {
    expect(INPUT_NAMES.filter(isSecretInput)).toEqual([...SECRET_INPUTS]);
    expect(['registry-password', 'kubeconfig', 'secret-env', 'github-token'].every(isSecretInput)).toBe(true);
    expect(['registry-username', 'secret-values', 'values'].some(isSecretInput)).toBe(false);
  });

  it('parses every default it declares', () => {
    for (const name of INPUT_NAMES) {
      const { default: value, parse } = spec(name);
      if (value !== undefined && !value.startsWith('${{')) expect(() => parse(value)).not.toThrow();
    }
  });

  it('reads every input action.yml declares, and nothing else', async () => {
    const asked = new Set<string>();
    await captureStdout(() =>
      getConfig((name) => {
        asked.add(name);
        return (azureInputs as Record<string, string>)[name] ?? '';
      }, {}),
    );
    expect([...asked].sort()).toEqual(all.map((input) => input.name).sort());
  });
});
