// The plan in the job summary: a headline, then one collapsible block per object that changes and a table of the
// values that change with where each comes from. Secrets appear as changed or unchanged, never with a value.
import type { ReleasePlan } from '../plan/index.js';
import { code, escapeHtml, fenced, plain, table } from './markdown.js';

const ACTION_WORDS = { add: 'to add', change: 'to change', remove: 'to remove' } as const;

function secretKeyLine(keys: NonNullable<ReleasePlan['resources'][number]['secretKeys']>): string {
  const parts = [
    keys.added.length && `added ${keys.added.join(', ')}`,
    keys.changed.length && `changed ${keys.changed.join(', ')}`,
    keys.removed.length && `removed ${keys.removed.join(', ')}`,
  ].filter(Boolean);
  return `Secret keys ${plain(parts.join('; '))} (values not shown).`;
}

export function planSection(plan: ReleasePlan): string {
  const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'nothing deployed yet';
  const parts = [`### Plan: ${plan.headline}`, `Against ${against} of release ${code(plan.release.name)}.`];
  for (const change of plan.resources) {
    const body = [change.secretKeys && secretKeyLine(change.secretKeys), change.diff && fenced(change.diff, 'diff')];
    parts.push(
      [
        `<details><summary>${escapeHtml(change.resource)} ${ACTION_WORDS[change.action]}</summary>`,
        ...body.filter(Boolean),
        '</details>',
      ].join('\n\n'),
    );
  }
  if (plan.values.length) {
    const shown = (secret: boolean, text: string | undefined) => (secret ? 'secret' : text ? code(text) : 'none');
    const rows = plan.values.map((value) => [
      code(value.key),
      value.action,
      plain(value.source ?? 'removed'),
      shown(value.secret, value.before),
      shown(value.secret, value.after),
    ]);
    parts.push(table(['Value', 'Change', 'From', 'Before', 'After'], rows));
  }
  return parts.join('\n\n');
}
