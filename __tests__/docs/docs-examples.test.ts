// Every `with:` block the documentation and the example workflows show must pass the action's own validation:
// the inputs are read by getConfig and merged by prepareValues exactly as a run would, with `command: render`.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/action-metadata.js';
import { getConfig } from '../../src/inputs/read-inputs.js';
import { ValidationError } from '../../src/errors.js';
import { prepareValues } from '../../src/values/index.js';
import { examplesIn, resolveExpressions } from './examples.js';
import { codeBlocks, documentationFiles } from './markdown.js';
import { SecretSet } from '../../src/secrets/index.js';
import { splitList } from '../../src/inputs/scalars.js';
import { checkout } from '../inputs/fixture.js';

/** The problems a render run would report for these inputs; empty when it would pass. */
async function renderProblems(inputs: Record<string, string>): Promise<string[]> {
  const given: Record<string, string> = { ...resolveExpressions(inputs), command: 'render' };
  try {
    // Values files named in examples live in the user's repository, not here: a checkout holds them empty.
    const files = Object.fromEntries(splitList(given['values-files'] ?? '').map((name) => [name, '']));
    const secrets = new SecretSet();
    const config = getConfig((name) => given[name] ?? '', { GITHUB_WORKSPACE: checkout(files) }, secrets);
    const merged = prepareValues(config, secrets);
    // What render prints must not show a secret: the placeholders make any leak visible.
    return merged.secrets
      .filter((secret) => merged.redactedYaml.includes(secret))
      .map((secret) => `secret ${secret} shows in the redacted values`);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
}

const markdownExamples = documentationFiles().flatMap((doc) =>
  codeBlocks(doc)
    .filter((block) => block.language === 'yaml' || block.language === 'yml')
    .flatMap((block) => examplesIn(block.code, doc.file, block.line + 1)),
);
const workflowExamples = ['workflows-examples'].flatMap((dir) =>
  [
    'deploy-on-push',
    'manual-dispatch',
    'promote-environments',
    'multi-cluster-matrix',
    'pull-request-preview',
    'drift-check',
    'teardown',
  ]
    .map((name) => path.join(dir, `${name}.yml`))
    .flatMap((file) => examplesIn(readFileSync(path.join(repoRoot, file), 'utf8'), file, 1)),
);

// getConfig and prepareValues announce every secret to the runner (`::add-mask::`) on stdout; keep the test log clean.
let stdout: ReturnType<typeof jest.spyOn>;
beforeAll(() => {
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => stdout.mockRestore());

describe('documented with: blocks', () => {
  test('are found in the README and every configuration page', () => {
    const files = new Set(markdownExamples.map((example) => example.where.split(':')[0]));
    expect(files).toEqual(new Set(['README.md', 'docs/configurations.md']));
    expect(markdownExamples.length).toBeGreaterThanOrEqual(15);
  });

  test.each(markdownExamples.map((example) => [example.where, example] as const))(
    '%s passes validation',
    async (_, example) => {
      expect(await renderProblems(example.inputs)).toEqual([]);
    },
  );
});

describe('example workflows', () => {
  test('all use the action', () => {
    expect(workflowExamples.length).toBeGreaterThanOrEqual(8);
  });

  test.each(workflowExamples.map((example) => [example.where, example] as const))(
    '%s passes validation',
    async (_, example) => {
      expect(await renderProblems(example.inputs)).toEqual([]);
    },
  );
});

describe('the check itself', () => {
  const exampleOf = (withBlock: string) =>
    examplesIn(`- uses: org/portkey-azure-deploy@v1\n  with:\n${withBlock}`, 'inline.md', 1)[0];

  test('reports an input getConfig rejects', async () => {
    const example = exampleOf('    cache: redis\n    client-id: ${{ vars.AZURE_CLIENT_ID }}\n');
    expect(example.where).toBe('inline.md:1');
    expect(await renderProblems(example.inputs)).toEqual([expect.stringContaining('`cache`')]);
  });

  test('reports values prepareValues rejects', async () => {
    const example = exampleOf('    log-store: azure\n    azure-storage-auth-mode: key\n');
    expect(await renderProblems(example.inputs)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('`azure-storage-account`'),
        expect.stringContaining('`azure-storage-key`'),
      ]),
    );
  });

  test('ignores YAML that does not use this action', () => {
    expect(examplesIn('permissions:\n  id-token: write\n', 'x.md', 1)).toEqual([]);
    expect(examplesIn('- uses: actions/checkout@v5\n  with: {ref: main}\n', 'x.md', 1)).toEqual([]);
  });
});
