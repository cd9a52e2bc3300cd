// Reading the repository's Markdown the way the docs tests need it: fenced code blocks and relative links.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/action-metadata.js';

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  code: string;
}

export interface MarkdownFile {
  /** Relative to the repository root. */
  file: string;
  text: string;
}

/** README.md and every page in docs/. */
export function documentationFiles(): MarkdownFile[] {
  const docs = readdirSync(path.join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join('docs', name));
  return ['README.md', ...docs].map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') }));
}

export function codeBlocks({ file, text }: MarkdownFile): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) body.push(lines[j++].slice(indent.length));
    blocks.push({ file, line: i + 1, language: language.toLowerCase(), code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** Targets of `[text](target)` links that point inside the repository (no scheme, not a bare anchor). */
export function relativeLinks({ text }: MarkdownFile): string[] {
  const withoutCode = text.replace(/```[\s\S]*?```/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      match[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

/** Relative links of `doc` whose file, or heading in a Markdown file, does not exist. */
export function brokenLinks(doc: MarkdownFile): string[] {
  return relativeLinks(doc).filter((link) => {
    const [target, anchor] = link.split('#');
    const file = path.join(path.dirname(path.join(repoRoot, doc.file)), target);
    if (!existsSync(file)) return true;
    return Boolean(anchor) && target.endsWith('.md') && !headingAnchors(readFileSync(file, 'utf8')).has(anchor);
  });
}
