// The plan in the job summary, collapsed under one line: a headline, then one collapsible block per object that
// changes and a table of the values that change with where each comes from, within DETAIL_LINE_CAP lines (a first
// install's Deployment alone is ~270): past it, the rest is counted and the reader sent to the plan file and the log.
// Secrets appear as changed or unchanged, never with a value.
import type { ReleasePlan } from '../plan/index.js';
import { code, escapeHtml, fenced, inline, plain, table } from './markdown.js';

/** The most lines of detail (plan diffs and value rows, a rendered manifest) the summary shows; the log holds all. */
export const DETAIL_LINE_CAP = 120;

const ACTION_WORDS = { add: 'to add', change: 'to change', remove: 'to remove' } as const;

function secretKeyLine(keys: NonNullable<ReleasePlan['resources'][number]['secretKeys']>): string {
  const parts = [
    keys.added.length && `added ${keys.added.join(', ')}`,
    keys.changed.length && `changed ${keys.changed.join(', ')}`,
    keys.removed.length && `removed ${keys.removed.join(', ')}`,
  ].filter(Boolean);
  return `Secret keys ${plain(parts.join('; '))} (values not shown).`;
}

/** One value's row: a null the action sets removes a chart default, and a secret has no "before" on a first add. */
function valueRow(value: ReleasePlan['values'][number]): string[] {
  const unset = value.after === 'null';
  const change = unset ? (value.before === undefined ? 'unset' : 'remove') : value.action;
  const side = (present: boolean, text: string | undefined) => {
    if (!present) return 'none';
    return value.secret ? 'secret (not shown)' : text === undefined ? 'none' : code(text);
  };
  return [
    code(value.key),
    change,
    value.source ? inline(value.source) : 'removed',
    side(value.action !== 'add', value.before),
    unset ? "none (the chart's default removed)" : side(value.action !== 'remove', value.after),
  ];
}

/** Where the whole plan is when the summary shows only part of it. */
function whereTheRestIs(planFile: string | undefined): string {
  const file = planFile ? `the plan file (${code(planFile)}, the \`plan-file\` output: upload it as an artifact)` : '';
  return `${file ? `${file} and ` : ''}this step's log`;
}

/** One line for the top of the summary: what the deploy changed (or, for a plan, would change). */
export function changeLine(plan: ReleasePlan): string {
  if (!plan.resources.length && !plan.values.length) return '**Changes:** none.';
  const against = plan.deployedRevision ? `against revision ${plan.deployedRevision}` : 'first install';
  const names = plan.resources.map((change) => change.resource);
  const shown = names.length > 0 && names.length <= 4 ? `: ${names.join(', ')}` : '';
  const values = plan.values.length ? `; ${plan.values.length} value(s) changed` : '';
  return `**Changes:** ${plain(`${plan.headline} (${against})${shown}${values}`)}.`;
}

export function planSection(plan: ReleasePlan, planFile?: string): string {
  const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'nothing deployed yet';
  const parts = [`Against ${against} of release ${code(plan.release.name)}.`];
  if (!plan.resources.length && !plan.values.length) return [`### Plan: ${plan.headline}`, ...parts].join('\n\n');
  let room = DETAIL_LINE_CAP;
  let hidden = 0;
  // The values first: a row each, where they come from, and most of what a reader wants to check.
  if (plan.values.length) {
    const rows = plan.values.slice(0, room).map(valueRow);
    room -= rows.length;
    hidden += plan.values.length - rows.length;
    if (rows.length) parts.push(table(['Value', 'Change', 'From', 'Before', 'After'], rows));
  }
  for (const change of plan.resources) {
    const lines = change.diff ? change.diff.split('\n') : [];
    const shown = lines.slice(0, room);
    room -= shown.length;
    hidden += lines.length - shown.length;
    const more = lines.length > shown.length ? `${lines.length - shown.length} more lines not shown.` : '';
    const body = [
      change.secretKeys && secretKeyLine(change.secretKeys),
      shown.length > 0 && fenced(shown.join('\n'), 'diff'),
      more,
    ];
    parts.push(
      [
        `<details><summary>${escapeHtml(change.resource)} ${ACTION_WORDS[change.action]}</summary>`,
        ...body.filter(Boolean),
        '</details>',
      ].join('\n\n'),
    );
  }
  if (hidden > 0) {
    parts.push(
      `The summary shows ${DETAIL_LINE_CAP} lines of the plan; ${hidden} more lines are in ${whereTheRestIs(planFile)}.`,
    );
  }
  const details = `${plan.resources.length} object(s), ${plan.values.length} value(s)`;
  return [
    `### Plan: ${plan.headline}`,
    `<details><summary>What changes: ${details}</summary>`,
    ...parts,
    '</details>',
  ].join('\n\n');
}
