// A unified diff of two texts, line by line, the way `diff -u` and every code review tool show one. Pure. The texts
// are single Kubernetes objects as YAML (tens to hundreds of lines), so a plain longest-common-subsequence table is
// small and fast enough.

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string; oldAt: number; newAt: number };

function lineOps(before: string[], after: string[]): Op[] {
  const rows = before.length;
  const cols = after.length;
  // common[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const common: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      common[i][j] = before[i] === after[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && before[i] === after[j]) {
      ops.push({ kind: ' ', line: before[i], oldAt: i++, newAt: j++ });
    } else if (i < rows && (j === cols || common[i + 1][j] >= common[i][j + 1])) {
      // Removals first, as diff -u shows a changed line: the old one, then the new.
      ops.push({ kind: '-', line: before[i], oldAt: i++, newAt: j });
    } else {
      ops.push({ kind: '+', line: after[j], oldAt: i, newAt: j++ });
    }
  }
  return ops;
}

/** `--- a` / `+++ b` headers and `@@` hunks with three lines of context; empty when the texts are equal. */
export function unifiedDiff(before: string, after: string, labels: { before: string; after: string }): string {
  const split = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const ops = lineOps(split(before), split(after));
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  if (changed.length === 0) return '';

  const hunks: [number, number][] = [];
  for (const index of changed) {
    const from = Math.max(0, index - CONTEXT);
    const to = Math.min(ops.length - 1, index + CONTEXT);
    const last = hunks.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldStart = oldCount ? slice.find((op) => op.kind !== '+')!.oldAt + 1 : slice[0].oldAt;
    const newStart = newCount ? slice.find((op) => op.kind !== '-')!.newAt + 1 : slice[0].newAt;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) out.push(`${op.kind}${op.line}`);
  }
  return out.join('\n');
}
