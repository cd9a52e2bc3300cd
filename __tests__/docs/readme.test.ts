import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  type ActionMetadata,
  parseActionMetadata,
  readActionMetadata,
  renamedTo,
  repoRoot,
} from '../../scripts/action-metadata.js';
import {
  markers,
  renderInputsTable,
  renderOutputsTable,
  renderRenamedTable,
  updateReadme,
} from '../../scripts/readme-tables.js';
import { brokenLinks, codeBlocks, documentationFiles, headingAnchors, relativeLinks } from './markdown.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const metadata = readActionMetadata();

describe('README input and output tables', () => {
  test('equal what scripts/readme-tables.ts generates from action.yml', () => {
    expect(updateReadme(readme, metadata)).toBe(readme);
  });

  test('list every input and output of action.yml with its default and required flag', () => {
    // Outputs share some names with inputs (`helm-version`): only the input tables, current and renamed, count here.
    const inputTables = readme.slice(0, readme.indexOf(markers.outputs[0])).split('\n');
    for (const input of metadata.inputs) {
      const rows = inputTables.filter((line) => line.startsWith(`| \`${input.name}\` |`));
      const [row] = rows;
      expect(rows).toHaveLength(1);
      const newName = renamedTo(input);
      if (newName !== undefined) {
        expect(row).toBe(`| \`${input.name}\` | \`${newName}\` |`);
        continue;
      }
      expect(row).toContain(`| ${input.required ? 'yes' : 'no'} |`);
      if (input.default) expect(row).toContain(`\`${input.default}\``);
    }
    for (const output of metadata.outputs) expect(readme).toContain(`| \`${output.name}\` |`);
    expect(metadata.inputs.length).toBeGreaterThan(60);
    expect(metadata.outputs.length).toBeGreaterThan(10);
  });

  test('the check fails when action.yml gains, loses or changes an input or output', () => {
    const changed: ActionMetadata[] = [
      {
        ...metadata,
        inputs: [...metadata.inputs, { name: 'new-input', description: 'New.', required: false, group: 'Deploy' }],
      },
      { ...metadata, inputs: metadata.inputs.slice(1) },
      { ...metadata, inputs: metadata.inputs.map((input, i) => (i === 3 ? { ...input, default: 'other' } : input)) },
      {
        ...metadata,
        outputs: metadata.outputs.map((output) => ({ ...output, description: `${output.description}!` })),
      },
    ];
    for (const variant of changed) expect(updateReadme(readme, variant)).not.toBe(readme);
  });

  test('list an old name once, in the renamed table, and not among the inputs', () => {
    const small = parseActionMetadata(`
inputs:
  new-name:
    description: Current.
  # Renamed inputs
  old-name:
    description: Old name of \`new-name\`.
    deprecationMessage: Renamed to \`new-name\`; the old name still works.
outputs: {}
`);
    expect(renderInputsTable(small)).not.toContain('old-name');
    expect(renderRenamedTable(small)).toBe('| Old name | New name |\n|---|---|\n| `old-name` | `new-name` |');
    const unnamed = { ...small, inputs: [{ ...small.inputs[1], deprecationMessage: 'Going away.' }] };
    expect(() => renderRenamedTable(unnamed)).toThrow(/does not start "Renamed to/);
  });

  test('renders groups, required flags and escapes pipes', () => {
    const small = parseActionMetadata(`
inputs:
  first:
    description: Plain.
  # Cluster
  second:
    description: 'Has a | pipe'
    required: true
    default: x
outputs:
  out:
    description: Result.
`);
    expect(renderInputsTable(small)).toBe(
      [
        '**General**',
        '',
        '| Input | Required | Default | Description |',
        '|---|---|---|---|',
        '| `first` | no |  | Plain. |',
        '',
        '**Cluster**',
        '',
        '| Input | Required | Default | Description |',
        '|---|---|---|---|',
        '| `second` | yes | `x` | Has a \\| pipe |',
      ].join('\n'),
    );
    expect(renderOutputsTable(small)).toBe('| Output | Description |\n|---|---|\n| `out` | Result. |');
  });
});

describe('README set-up commands', () => {
  const shellLanguages = ['', 'sh', 'bash', 'shell', 'console', 'zsh', 'text'];

  test('are exactly the two complete commands: demo and tests', () => {
    const commands = codeBlocks({ file: 'README.md', text: readme })
      .filter((block) => shellLanguages.includes(block.language))
      .map((block) => block.code.trim());
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  test('name scripts and files that exist on a fresh clone', () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.test).toMatch(/jest/);
    expect(scripts.demo).toBe('tsx sandbox/demo.ts');
    expect(existsSync(path.join(repoRoot, 'sandbox', 'demo.ts'))).toBe(true);
    expect(existsSync(path.join(repoRoot, 'package-lock.json'))).toBe(true);
  });
});

describe('documentation links', () => {
  const files = documentationFiles();

  test('the README links every page in docs/', () => {
    const linked = new Set(relativeLinks({ file: 'README.md', text: readme }).map((link) => link.split('#')[0]));
    for (const { file } of files.filter((doc) => doc.file.startsWith('docs/'))) expect(linked).toContain(file);
  });

  test.each(files.map((doc) => [doc.file, doc] as const))(
    '%s links only to files and headings that exist',
    (_, doc) => {
      expect(brokenLinks(doc)).toEqual([]);
    },
  );

  test('the link check catches a missing file and a missing heading', () => {
    const doc = {
      file: 'docs/example.md',
      text: '[a](missing.md) [b](azure-setup.md#no-such-heading) [c](azure-setup.md#3-add-the-federated-credentials) [d](https://example.com) [e](#top)',
    };
    expect(brokenLinks(doc)).toEqual(['missing.md', 'azure-setup.md#no-such-heading']);
    expect(headingAnchors('## 3. Add the `with:` block (x)\n```\n# not a heading\n```')).toEqual(
      new Set(['3-add-the-with-block-x']),
    );
  });
});
