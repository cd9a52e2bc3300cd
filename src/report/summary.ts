// The job summary: what was deployed where and by which commit, where it answers, how the smoke test went, how
// long each stage took, and on failure the evidence. It only ever receives redacted values; the known secrets are
// removed once more at the end in case a log line carried one.
import * as core from '@actions/core';
import { formatDuration } from '../duration.js';
import type { InstalledTool } from '../cluster/session.js';
import type { SecretSet } from '../secrets.js';
import type { DeployOutcome } from './outcome.js';
import { lastingGatewayUrl } from './outputs.js';

export interface SummaryOptions {
  env?: NodeJS.ProcessEnv;
  /** Every secret of the run. */
  secrets?: SecretSet;
}

/** Table cell text: pipes escaped, line breaks kept as <br>. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A fenced block that no line of the text can close early. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}

function headline(o: DeployOutcome): string {
  const verb = { deploy: 'deployed', uninstall: 'uninstalled', render: 'rendered' }[o.command];
  const target = `${code(o.release.name)} in ${code(o.release.namespace)}`;
  return o.succeeded
    ? `## ✅ Portkey AI Gateway ${verb}: ${target}`
    : `## ❌ Portkey AI Gateway ${o.command} failed: ${target}`;
}

function whatAndWhere(o: DeployOutcome, env: NodeJS.ProcessEnv): string {
  const rows: string[][] = [];
  const c = o.cluster;
  if (c?.name || c?.server) {
    const name = c.name ? `${code(c.name)}${c.resourceGroup ? ` (resource group ${code(c.resourceGroup)})` : ''}` : '';
    rows.push(['Cluster', [name, c.server ? code(c.server) : ''].filter(Boolean).join(', ')]);
  }
  rows.push(['Namespace', code(o.release.namespace)]);
  const r = o.release;
  const revision = r.revision !== undefined ? ` revision ${r.revision}` : '';
  rows.push(['Release', `${code(r.name)}${revision}${r.status ? ` (${r.status})` : ''}`]);
  if (r.rolledBackTo !== undefined) rows.push(['Rolled back to', `revision ${r.rolledBackTo}`]);
  if (r.chartVersion || r.appVersion) {
    rows.push([
      'Chart',
      [r.chartVersion && `chart ${r.chartVersion}`, r.appVersion && `app ${r.appVersion}`].filter(Boolean).join(', '),
    ]);
  }
  if (env.GITHUB_SHA) {
    const repo = env.GITHUB_REPOSITORY ? ` of ${code(env.GITHUB_REPOSITORY)}` : '';
    const run = runUrl(env);
    rows.push(['Commit', `${code(env.GITHUB_SHA.slice(0, 12))}${repo}${run ? ` ([workflow run](${run}))` : ''}`]);
  }
  const tool = (name: string, t: InstalledTool | undefined) =>
    t &&
    `${name} ${t.version}${t.verifiedBy ? ` (verified by ${t.verifiedBy}${t.fromCache ? ', from the tool cache' : ''})` : ''}`;
  const tools = [tool('helm', o.tools?.helm), tool('kubectl', o.tools?.kubectl)];
  if (tools.some(Boolean)) rows.push(['Tools', tools.filter(Boolean).join(', ')]);
  return table(['', ''], rows);
}

const VIA = {
  'load-balancer': 'load balancer',
  ingress: 'Ingress',
  'port-forward': 'in the cluster only (tested through kubectl port-forward)',
  'cluster-ip': 'in the cluster only',
} as const;

function endpoints(address: NonNullable<DeployOutcome['address']>): string {
  const rows = [['AI gateway', lastingGatewayUrl(address)]];
  if (address.mcpUrl) rows.push(['MCP gateway', address.mcpUrl]);
  const published = [address.ip, address.hostname].filter(Boolean).join(', ');
  const kind =
    address.via === 'load-balancer' || address.via === 'ingress' ? (address.internal ? 'internal ' : 'public ') : '';
  rows.push(['Reached via', `${kind}${VIA[address.via]}${published ? `: ${published}` : ''}`]);
  return `### Endpoints\n\n${table(['', ''], rows)}`;
}

function smokeTest(o: DeployOutcome): string {
  const s = o.smokeTest;
  if (!s) return '### Smoke test\n\nSkipped.';
  const rows = [
    [
      'Health',
      `${s.status === 'passed' ? '✅' : '❌'} GET ${s.url}`,
      String(s.httpCode || '-'),
      `${s.latencyMs} ms`,
      String(s.attempts),
    ],
  ];
  if (s.chat) {
    rows.push([
      'Chat completion',
      `${s.chat.status === 'passed' ? '✅' : '❌'} POST /v1/chat/completions`,
      String(s.chat.httpCode || '-'),
      `${s.chat.latencyMs} ms`,
      '1',
    ]);
  }
  return `### Smoke test\n\n${table(['Check', 'Request', 'HTTP', 'Latency', 'Attempts'], rows)}\n\n${s.message}`;
}

function timings(o: DeployOutcome): string {
  const rows = o.stages.map((s) => [s.name, formatDuration(s.ms), s.ok ? '✅' : '❌']);
  rows.push(['**Total**', formatDuration(o.stages.reduce((sum, s) => sum + s.ms, 0)), '']);
  return `### Timings\n\n${table(['Stage', 'Duration', ''], rows)}`;
}

function failure(error: NonNullable<DeployOutcome['error']>): string {
  const parts = ['### What failed', '', error.message];
  if (error.input) parts.push('', `Input to check: ${code(error.input)}`);
  if (error.hint) parts.push('', error.hint);
  if (error.diagnosis) {
    parts.push('', '<details><summary>Diagnosis</summary>', '', fenced(error.diagnosis), '', '</details>');
  }
  return parts.join('\n');
}

export function formatSummary(o: DeployOutcome, options: SummaryOptions = {}): string {
  const env = options.env ?? process.env;
  const sections = [headline(o), whatAndWhere(o, env)];
  if (o.address) sections.push(endpoints(o.address));
  if (o.workloads?.length) sections.push(`### Workloads\n\n${o.workloads.map((w) => `- ${w}`).join('\n')}`);
  if (o.command === 'deploy' && (o.smokeTest || o.succeeded)) sections.push(smokeTest(o));
  if (o.stages.length) sections.push(timings(o));
  if (o.warnings.length) sections.push(`### Warnings\n\n${o.warnings.map((w) => `- ${w}`).join('\n')}`);
  if (o.error) sections.push(failure(o.error));
  const text = `${sections.join('\n\n')}\n`;
  return options.secrets ? options.secrets.redact(text) : text;
}

export async function writeSummary(o: DeployOutcome, options: SummaryOptions = {}): Promise<void> {
  await core.summary.addRaw(formatSummary(o, options), true).write();
}
