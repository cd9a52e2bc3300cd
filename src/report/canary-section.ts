// The canary in the job summary: its verdict in a sentence, then each step with both versions' figures side by side.
import type { CanaryReport, CanaryStepReport } from '../canary/index.js';
import { code, plain, table } from './markdown.js';

const VERDICT: Record<CanaryReport['verdict'], string> = {
  passed: '✅ promoted',
  failed: '❌ aborted',
  'no-verdict': '⚠️ no verdict, not promoted',
  skipped: 'skipped',
  planned: 'planned',
  stopped: 'stopped',
};

const ratio = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value * 1000) / 10} %`);
const ms = (value: number | undefined) => (value === undefined ? '–' : `${value} ms`);

function stepRows(step: CanaryStepReport): string[][] {
  const judged = step.judgement?.verdict ?? 'not judged';
  const row = (track: string, f: CanaryStepReport['canary'], pods: number) => [
    `${step.percent} % (${step.share} % of pods)`,
    track,
    f ? code(f.version) : '–',
    String(f?.pods ?? pods),
    f ? String(f.requests) : '–',
    f ? String(f.errors) : '–',
    ratio(f?.errorRatio),
    ms(f?.p95Ms),
    track === 'canary' ? judged : '',
  ];
  return [row('stable', step.stable, step.stableReplicas), row('canary', step.canary, step.canaryReplicas)];
}

export function canarySection(report: CanaryReport): string {
  const versions =
    report.canaryVersion && report.stableVersion
      ? ` (${code(report.canaryVersion)} beside ${code(report.stableVersion)})`
      : '';
  const parts = [
    `### Canary\n\n**${VERDICT[report.verdict]}**${versions}${report.why ? `: ${plain(report.why)}.` : ''}`,
  ];
  if (report.steps.length) {
    const header = ['Step', 'Track', 'Version', 'Pods', 'Requests', '5xx', 'Error ratio', 'p95', 'Verdict'];
    parts.push(table(header, report.steps.flatMap(stepRows)));
  }
  return parts.join('\n\n');
}
