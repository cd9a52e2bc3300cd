// What `command: render` rendered, for the summary a fork's pull request gets: the objects, then the manifest
// collapsed and capped like the plan (every secret already hidden by the render stage; the log holds all of it).
import type { DeployOutcome } from './outcome.js';
import { fenced, plain } from './markdown.js';
import { DETAIL_LINE_CAP } from './plan-section.js';

export function renderedSection(rendered: NonNullable<DeployOutcome['rendered']>): string {
  const lines = rendered.manifest.replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, DETAIL_LINE_CAP);
  const more =
    lines.length > shown.length
      ? `\n\nThe summary shows ${DETAIL_LINE_CAP} of its ${lines.length} lines; the whole manifest is in this step's log.`
      : '';
  const objects = rendered.objects.map((object) => `- ${plain(object)}`).join('\n');
  return [
    `### Rendered: ${rendered.objects.length} objects`,
    objects,
    `<details><summary>Manifest (${lines.length} lines, secrets hidden)</summary>\n\n${fenced(shown.join('\n'), 'yaml')}${more}\n\n</details>`,
  ].join('\n\n');
}
