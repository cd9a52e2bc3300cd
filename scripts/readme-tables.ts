// Keeps the README's input and output tables equal to action.yml: `tsx scripts/readme-tables.ts` rewrites them,
// `--check` only reports (exit 1) when they drifted. The tables live between marker comments so the prose around
// them stays hand-written.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ActionMetadata, readActionMetadata, renamedInputs, renamedTo, repoRoot } from './action-metadata.js';

export const markers = {
  inputs: ['<!-- inputs:begin (generated from action.yml by scripts/readme-tables.ts) -->', '<!-- inputs:end -->'],
  renamed: [
    '<!-- renamed-inputs:begin (generated from action.yml by scripts/readme-tables.ts) -->',
    '<!-- renamed-inputs:end -->',
  ],
  outputs: ['<!-- outputs:begin (generated from action.yml by scripts/readme-tables.ts) -->', '<!-- outputs:end -->'],
} as const;

/** A table cell: pipes would end the cell and newlines the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function defaultCell(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return `\`${cell(value)}\``;
}

export function renderInputsTable(metadata: ActionMetadata): string {
  const lines: string[] = [];
  let group = '';
  // Old names are listed once, in the renamed table, not beside the inputs they now are.
  for (const input of metadata.inputs.filter((input) => renamedTo(input) === undefined)) {
    if (input.group !== group) {
      group = input.group;
      if (lines.length > 0) lines.push('');
      lines.push(`**${group}**`, '', '| Input | Required | Default | Description |', '|---|---|---|---|');
    }
    const required = input.required ? 'yes' : 'no';
    lines.push(`| \`${input.name}\` | ${required} | ${defaultCell(input.default)} | ${cell(input.description)} |`);
  }
  return lines.join('\n');
}

export function renderRenamedTable(metadata: ActionMetadata): string {
  const rows = [...renamedInputs(metadata)].map(([old, name]) => `| \`${old}\` | \`${name}\` |`);
  return ['| Old name | New name |', '|---|---|', ...rows].join('\n');
}

export function renderOutputsTable(metadata: ActionMetadata): string {
  const rows = metadata.outputs.map((output) => `| \`${output.name}\` | ${cell(output.description)} |`);
  return ['| Output | Description |', '|---|---|', ...rows].join('\n');
}

function replaceBetween(text: string, [begin, end]: readonly [string, string], body: string): string {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`README.md lacks the markers ${begin} … ${end}`);
  return `${text.slice(0, start + begin.length)}\n${body}\n${text.slice(stop)}`;
}

/** The README with its tables regenerated from `metadata`; everything outside the markers is kept. */
export function updateReadme(readme: string, metadata: ActionMetadata): string {
  const withInputs = replaceBetween(readme, markers.inputs, renderInputsTable(metadata));
  const withRenamed = replaceBetween(withInputs, markers.renamed, renderRenamedTable(metadata));
  return replaceBetween(withRenamed, markers.outputs, renderOutputsTable(metadata));
}

function main(args: string[]): number {
  const readmePath = path.join(repoRoot, 'README.md');
  const current = readFileSync(readmePath, 'utf8');
  const wanted = updateReadme(current, readActionMetadata());
  if (current === wanted) return 0;
  if (args.includes('--check')) {
    console.error(
      'README.md input, renamed-input and output tables differ from action.yml: run `npx tsx scripts/readme-tables.ts`.',
    );
    return 1;
  }
  writeFileSync(readmePath, wanted);
  console.log('README.md tables updated from action.yml.');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
