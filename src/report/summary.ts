// The job summary, in the order a person reads it, the first screen before any detail: on success the headline, the
// gateway's URL, the warnings (an open load balancer first) and what changed in one line; on failure the headline,
// what recovery did (the release is back at revision N), what failed, which input, what to do and the evidence. Then
// the release and where it runs, its endpoints, the plan (collapsed and capped), workloads, checks and timings. Every text
// that may come from outside (inputs, helm, pods) goes through markdown.ts, so it reads exactly as written. The
// run's Outbound writes it: secrets cut from the outcome before any of it is formatted, and from the result.
import { formatDuration } from '../duration.js';
import { runUrl } from '../github/run.js';
import type { InstalledTool } from '../tools/installed.js';
import type { Outbound } from '../secrets/index.js';
import { block, code, fenced, inline, plain, table, url } from './markdown.js';
import type { DeployOutcome } from './outcome.js';
import { availabilityLine } from '../verify/availability/index.js';
import { lastingGatewayUrl } from './outputs.js';
import { changeLine, planSection } from './plan-section.js';
import { renderedSection } from './rendered-section.js';
import { schemaCheckSection } from './schema-check-section.js';
import { canarySection } from './canary-section.js';

export interface SummaryOptions {
  env?: NodeJS.ProcessEnv;
}

function headline(o: DeployOutcome): string {
  const verb = { deploy: 'deployed', plan: 'planned', uninstall: 'uninstalled', render: 'rendered' }[o.command];
  // Inputs refused before the release was known leave nothing to name.
  const target = o.release.name ? `: ${code(o.release.name)} in ${code(o.release.namespace)}` : '';
  return o.succeeded
    ? `## ✅ Portkey AI Gateway ${verb}${target}`
    : `## ❌ Portkey AI Gateway ${o.command} failed${target}`;
}

function failure(error: NonNullable<DeployOutcome['error']>): string {
  const parts = ['### What failed', block(error.message)];
  if (error.input) parts.push(`**Input to check:** ${code(error.input)}`);
  if (error.hint) parts.push(`**What to do:** ${block(error.hint)}`);
  if (error.diagnosis) {
    parts.push(`<details open><summary>Diagnosis</summary>\n\n${fenced(error.diagnosis)}\n\n</details>`);
  }
  return parts.join('\n\n');
}

function release(o: DeployOutcome, env: NodeJS.ProcessEnv): string | undefined {
  const items: [string, string][] = [];
  const r = o.release;
  if (r.name) {
    const revision = r.revision !== undefined ? ` revision ${r.revision}` : '';
    items.push([
      'Release',
      `${code(r.name)}${revision}${r.status ? ` (${plain(r.status)})` : ''} in namespace ${code(r.namespace)}`,
    ]);
  }
  const chart = [r.chartVersion && `chart ${plain(r.chartVersion)}`, r.appVersion && `app ${plain(r.appVersion)}`];
  if (chart.some(Boolean)) items.push(['Chart', chart.filter(Boolean).join(', ')]);
  const c = o.cluster;
  if (c?.name || c?.server) {
    const name = c.name ? `${code(c.name)}${c.resourceGroup ? ` in resource group ${code(c.resourceGroup)}` : ''}` : '';
    items.push(['Cluster', [name, c.server && `API server ${code(c.server)}`].filter(Boolean).join(', ')]);
  }
  if (c?.reach) {
    const how = c.reach.via === 'run-command' ? `through ${plain(c.reach.through ?? 'AKS runCommand')}` : 'directly';
    items.push(['Reached', `${how}: ${plain(c.reach.why)}`]);
  }
  if (env.GITHUB_SHA) {
    const repo = env.GITHUB_REPOSITORY ? ` of ${code(env.GITHUB_REPOSITORY)}` : '';
    const run = runUrl(env);
    items.push(['Commit', `${code(env.GITHUB_SHA.slice(0, 12))}${repo}${run ? ` ([workflow run](${run}))` : ''}`]);
  }
  if (o.deployment) {
    const d = o.deployment;
    items.push(['GitHub Deployment', `${d.id} to environment ${code(d.environment)} (${plain(d.state)})`]);
  }
  const tool = (name: string, t: InstalledTool | undefined) =>
    t &&
    `${name} ${t.version}${t.verifiedBy ? ` (verified by ${t.verifiedBy}${t.fromCache ? ', from the tool cache' : ''})` : ''}`;
  const tools = [tool('helm', o.tools?.helm), tool('kubectl', o.tools?.kubectl)];
  if (tools.some(Boolean)) items.push(['Tools', plain(tools.filter(Boolean).join(', '))]);
  if (items.length === 0) return undefined;
  return `### ${r.name ? 'Release' : 'Run'}\n\n${items.map(([key, value]) => `- **${key}:** ${value}`).join('\n')}`;
}

const VIA = {
  'load-balancer': 'load balancer',
  ingress: 'Ingress',
  'cluster-ip': 'in the cluster only',
} as const;

function endpoints(address: NonNullable<DeployOutcome['address']>): string {
  const rows = [['AI gateway', url(lastingGatewayUrl(address))]];
  if (address.mcpUrl) rows.push(['MCP gateway', url(address.mcpUrl)]);
  const published = [address.ip, address.hostname].filter(Boolean).join(', ');
  const kind =
    address.via === 'load-balancer' || address.via === 'ingress' ? (address.internal ? 'internal ' : 'public ') : '';
  const via = `Reached via ${kind}${VIA[address.via]}${published ? `: ${plain(published)}` : ''}.`;
  return `### Endpoints\n\n${table(['Endpoint', 'URL'], rows)}\n\n${via}`;
}

const CHECK = { health: 'Health', chat: 'Chat completion', mcp: 'MCP gateway' } as const;
const FROM = { cluster: 'the cluster (API server proxy)', runner: 'the runner' } as const;
const VERDICT = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' } as const;

function checks(o: DeployOutcome): string {
  const s = o.smokeTest;
  if (!s) return '### Checks\n\nThe smoke test was skipped (`smoke-test: false`).';
  const rows = s.checks.map((c) => [
    CHECK[c.check],
    FROM[c.via],
    `${plain(c.request)} on ${plain(c.target)}`,
    VERDICT[c.status],
    c.status === 'skipped' ? 'not sent' : c.httpCode ? String(c.httpCode) : 'no answer',
    c.status === 'skipped' ? 'not sent' : `${c.latencyMs} ms`,
    String(c.attempts),
  ]);
  const header = ['Check', 'From', 'Request', 'Result', 'HTTP', 'Latency', 'Attempts'];
  // A failed smoke test's message already leads the summary under "What failed".
  const notes = s.checks
    .filter((c) => c.status !== 'passed' && !o.error?.message.includes(c.message))
    .map((c) => `${CHECK[c.check]} from ${FROM[c.via]}: ${c.message}`);
  return `### Checks\n\n${table(header, rows)}${notes.length ? `\n\n${bullets(notes)}` : ''}`;
}

function timings(o: DeployOutcome): string {
  // A stage can complete with a bad verdict (the smoke test): its check says so, this column says the stage ran.
  const rows = o.stages.map((s) => [plain(s.name), s.ok ? 'completed' : '❌ failed', formatDuration(s.ms)]);
  const total = formatDuration(o.stages.reduce((sum, s) => sum + s.ms, 0));
  return `### Timings\n\n${table(['Stage', 'Result', 'Duration'], rows)}\n\nTotal: ${total}.`;
}

/** Where the release differs from Portkey's chart defaults on purpose: one line each, for the summary and the plan. */
export const formatNotes = (notes: string[]): string => notes.map((note) => `ℹ️ ${inline(note)}`).join('\n\n');

const bullets = (lines: string[]) => lines.map((line) => `- ${inline(line.replace(/\s*\n\s*/g, ' '))}`).join('\n');

/** Warnings about who can reach the gateway come before any other: they are what a reader must not miss. */
const EXPOSURE = /whole internet/i;

function orderWarnings(warnings: string[]): string[] {
  return [...warnings.filter((w) => EXPOSURE.test(w)), ...warnings.filter((w) => !EXPOSURE.test(w))];
}

/** What the failed run left the release as, in one line right under the headline; undefined when it did nothing. */
function recoveryLine(o: DeployOutcome): string | undefined {
  const recovery = o.error?.recovery;
  if (!recovery) return undefined;
  const what = recovery.summary.charAt(0).toUpperCase() + recovery.summary.slice(1);
  const restored = recovery.restoredRevision !== undefined;
  const live = restored ? ': the gateway runs what it ran before this deploy' : '';
  return `> **${restored ? '↩️' : '⚠️'} ${plain(what)}**${live}.`;
}

/** The first screen of a success: the URL, and what changed in one line. */
function glance(o: DeployOutcome): string[] {
  const lines: string[] = [];
  if (o.address) lines.push(`**Gateway URL:** ${url(lastingGatewayUrl(o.address))}`);
  if (o.plan) lines.push(changeLine(o.plan));
  return lines.length ? [lines.join('\\\n')] : [];
}

export function formatSummary(o: DeployOutcome, options: SummaryOptions = {}): string {
  const env = options.env ?? process.env;
  const sections = [headline(o)];
  const recovery = recoveryLine(o);
  if (recovery) sections.push(recovery);
  if (o.error) sections.push(failure(o.error));
  else sections.push(...glance(o));
  // The transaction's own warning repeats the recovery line.
  const restated = o.error?.recovery?.summary;
  const warnings = orderWarnings(o.warnings.filter((w) => !restated || !w.includes(restated)));
  if (warnings.length) sections.push(`### Warnings\n\n${bullets(warnings)}`);
  if (o.canary) sections.push(canarySection(o.canary));
  if (o.availability) sections.push(plain(availabilityLine(o.availability)));
  // Short, and before the details: what someone following Portkey's guide would otherwise find missing.
  if (o.notes?.length) sections.push(formatNotes(o.notes));
  sections.push(release(o, env) ?? '');
  if (o.address) sections.push(endpoints(o.address));
  if (o.rendered) sections.push(renderedSection(o.rendered));
  if (o.plan) sections.push(planSection(o.plan, o.planFile));
  if (o.workloads?.length) sections.push(`### Workloads\n\n${bullets(o.workloads)}`);
  if (o.command === 'deploy' && (o.smokeTest || o.succeeded)) sections.push(checks(o));
  if (o.schemaCheck) sections.push(schemaCheckSection(o.schemaCheck));
  if (o.stages.length) sections.push(timings(o));
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

export async function writeSummary(o: DeployOutcome, outbound: Outbound, options: SummaryOptions = {}): Promise<void> {
  await outbound.summary(o, (redacted) => formatSummary(redacted, options));
}
