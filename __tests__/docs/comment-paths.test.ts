// A comment or a doc that names a file sends the reader there: the file must exist, inside this repository. A file
// renamed or removed leaves such pointers behind, and nothing else would notice.
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/action-metadata.js';

const FOLDERS = ['src', '__tests__', 'sandbox', 'scripts', 'bench', 'docs'];

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(relative);
    return [relative];
  });
}

const everyFile = FOLDERS.flatMap(filesUnder);
const fileNames = new Set(everyFile.map((file) => path.basename(file)));

/** The comments of a TypeScript file (`//` not after a `:`, so no URL; block comments). */
const commentsOf = (text: string): string[] => text.match(/(?<!:)\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];

/** The files and folders `text`, found in `file`, names that do not exist, or that lie outside the repository. */
function missingPaths(text: string, file: string): string[] {
  const missing: string[] = [];
  const exists = (relative: string) => {
    const at = path.resolve(repoRoot, relative);
    if (!at.startsWith(`${repoRoot}${path.sep}`)) return false;
    // An import specifier names the .ts file as .js.
    return existsSync(at) || (at.endsWith('.js') && existsSync(`${at.slice(0, -3)}.ts`));
  };
  const clean = (token: string) => token.replace(/[.,:;)]+$/, '');
  for (const [token] of text.matchAll(new RegExp(`(?<![\\w./-])(?:${FOLDERS.join('|')})/[\\w./*-]+`, 'g'))) {
    const named = clean(token).replace(/\/\*.*$/, '');
    if (!exists(named)) missing.push(named);
  }
  for (const [token] of text.matchAll(/(?<![\w./-])\.\.?\/[\w./-]+/g)) {
    const named = clean(token);
    if (!exists(path.join(path.dirname(file), named))) missing.push(named);
  }
  for (const [name] of text.matchAll(/(?<![\w./-])[\w-]+(?:\.[\w-]+)*\.ts\b/g)) {
    if (!fileNames.has(name)) missing.push(name);
  }
  return missing;
}

describe('missingPaths', () => {
  test.each([
    ['// see src/values/merge.ts and ./prepare.ts', 'src/values/chart-fit.ts', []],
    ['// see src/values/gone.ts', 'src/values/chart-fit.ts', ['src/values/gone.ts']],
    ['// as ../shared/reference says', 'src/values/chart-fit.ts', ['../shared/reference']],
    ['// (see ../../../shared)', 'src/values/chart-fit.ts', ['../../../shared']],
    ['// context.ts imports it', 'src/main.ts', ['context.ts']],
    ['// the import of ../errors.js', 'src/deploy/apply.ts', []],
    ['// https://example.com/src/nowhere.ts', 'src/main.ts', []],
  ])('%j in %s names %j as missing', (text, file, missing) => {
    expect(commentsOf(text).flatMap((comment) => missingPaths(comment, file))).toEqual(missing);
  });
});

describe('every file a comment in src/ names', () => {
  test.each(everyFile.filter((file) => file.startsWith('src/') && file.endsWith('.ts')))('%s', (file) => {
    const comments = commentsOf(readFileSync(path.join(repoRoot, file), 'utf8'));
    expect(comments.flatMap((comment) => missingPaths(comment, file))).toEqual([]);
  });
});

describe('every file of the repository a doc names', () => {
  test.each(everyFile.filter((file) => file.startsWith('docs/') && file.endsWith('.md')))('%s', (file) => {
    // A doc's `../shared` is the development checkout's sibling (docs/development.md): only paths in the repository.
    const text = readFileSync(path.join(repoRoot, file), 'utf8').replace(/(?<![\w./-])\.\.\/shared\/?[\w./-]*/g, '');
    expect(missingPaths(text, file)).toEqual([]);
  });
});
