import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { getConfig } from '../../src/inputs/read-inputs.js';
import { INPUT_DEFAULTS, SECRET_INPUTS } from '../../src/inputs/defaults.js';
import { azureInputs, captureStdout } from './fixture.js';

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };

describe('the input contract', () => {
  it('keeps the defaults table equal to action.yml', () => {
    const declared = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, input]) => input.default !== undefined)
        .map(([name, input]) => [name, String(input.default)]),
    );
    expect(INPUT_DEFAULTS).toEqual(declared);
  });

  it('names only secret inputs that action.yml declares', () => {
    for (const name of SECRET_INPUTS) expect(Object.keys(action.inputs)).toContain(name);
  });

  it('reads every input action.yml declares, and nothing else', async () => {
    const asked = new Set<string>();
    await captureStdout(() =>
      getConfig((name) => {
        asked.add(name);
        return (azureInputs as Record<string, string>)[name] ?? '';
      }),
    );
    expect([...asked].sort()).toEqual(Object.keys(action.inputs).sort());
  });
});
