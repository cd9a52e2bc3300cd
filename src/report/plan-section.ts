// The plan in the job summary: a headline, then one collapsible block per object that changes and a table of the
// values that change with where each comes from. Secrets appear as changed or unchanged, never with a value.
import type { ReleasePlan } from '../plan/index.js';

const ACTION_WORDS = { add: 'to add', change: 'to change', remove: 'to remove' } as const;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cell = (text: string) => escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

function fenced(text: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return `${fence}${language}\n${text}\n${fence}`;
}

export function planSection(plan: ReleasePlan): string {
  const target = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'nothing deployed yet';
  const parts = [`### Plan: ${plan.headline}`, '', `Against ${target} of release \`${plan.release.name}\`.`];
  for (const change of plan.resources) {
    const keys = change.secretKeys;
    const secretLines = keys
      ? [
          `Secret keys: ${[
            keys.added.length && `added ${keys.added.join(', ')}`,
            keys.changed.length && `changed ${keys.changed.join(', ')}`,
            keys.removed.length && `removed ${keys.removed.join(', ')}`,
          ]
            .filter(Boolean)
            .join('; ')} (values not shown)`,
        ]
      : [];
    const body = [...secretLines, ...(change.diff ? [fenced(change.diff, 'diff')] : [])].join('\n\n');
    parts.push(
      '',
      `<details><summary>${escapeHtml(change.resource)} ${ACTION_WORDS[change.action]}</summary>`,
      '',
      body,
      '',
      '</details>',
    );
  }
  if (plan.values.length) {
    parts.push('', '| Value | Change | From | Before | After |', '| --- | --- | --- | --- | --- |');
    for (const value of plan.values) {
      const shown = (text: string | undefined) => (value.secret ? '(secret)' : cell(text ?? '—'));
      parts.push(
        `| \`${cell(value.key)}\` | ${value.action} | ${cell(value.source ?? '—')} | ${shown(value.before)} | ${shown(value.after)} |`,
      );
    }
  }
  return parts.join('\n');
}
