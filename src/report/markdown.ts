// GitHub-flavoured Markdown for the job summary, where any text may come from outside: an input's value, helm's
// stderr, a pod's log. GitHub renders the summary as Markdown with HTML allowed, so `<docker-user>` would vanish as
// an unknown tag and `*`, `_` or `|` would restyle or split a table. Our own messages mark input names and values
// with backticks; those stay code spans, everything else is escaped to read exactly as written.

/** Characters that start inline syntax anywhere in a line (emphasis, links, strikethrough, table cells, escapes). */
const INLINE_SYNTAX = /[\\*_[\]~|]/g;
/** What turns a line into a heading, list item or setext underline when it comes first (`1.` escaped at its dot). */
const LINE_START_SYNTAX = /^(\s*)(\d*)([#+=.)-])/;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text that renders verbatim inside a line: no emphasis, links or tags. */
export function plain(text: string): string {
  return escapeHtml(text)
    .replace(INLINE_SYNTAX, (c) => `\\${c}`)
    .replace(/`/g, '\\`');
}

/** Text that begins a line or list item must not read as a heading or another list's marker either. */
function lineStart(markdown: string): string {
  return markdown.replace(LINE_START_SYNTAX, (match: string, space: string, digits: string, marker: string) =>
    digits && !'.)'.includes(marker) ? match : `${space}${digits}\\${marker}`,
  );
}

/** A code span that no backtick inside can close early (CommonMark: a longer fence, padded when needed). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** One line of one of our messages, as a line of its own: its `backticked` parts stay code, the rest is plain. */
export function inline(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    parts.push(plain(text.slice(last, match.index)), code(match[1]));
    last = match.index + match[0].length;
  }
  parts.push(plain(text.slice(last)));
  return lineStart(parts.join(''));
}

/**
 * A message of several lines as Markdown blocks: `  - item` lines (how ValidationError lists problems) become a
 * list, other consecutive lines one paragraph with line breaks kept.
 */
export function block(text: string): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(paragraph.join('\\\n'));
    if (list.length) blocks.push(list.join('\n'));
    paragraph = [];
    list = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const item = /^\s*- (.*)$/.exec(line);
    if (item) {
      if (paragraph.length) flush();
      list.push(`- ${inline(item[1])}`);
    } else if (line.trim()) {
      if (list.length) flush();
      paragraph.push(inline(line.trim()));
    } else {
      flush();
    }
  }
  flush();
  return blocks.join('\n\n');
}

/** An http(s) URL as a link showing itself; anything else as code. */
export function url(text: string): string {
  return /^https?:\/\/[^\s<>()[\]`]+$/.test(text) ? `[${plain(text)}](${text})` : code(text);
}

/** A table cell: pipes escaped (also inside code spans, as GFM requires), line breaks kept as <br>. */
function cell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A table of Markdown cells (callers give every header and cell some text: an empty cell reads as missing data). */
export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A fenced block that no line of the text can close early; `language` colours it (`diff`). */
export function fenced(text: string, language = 'text'): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
