// The job summary of each kind of run, kept in summaries/*.md: the sources of the pictures a reviewer looked at
// (GitHub-flavoured Markdown rendered in a browser, docs/development.md says how). A change to the summary shows up
// here as a diff to look at again; `UPDATE_SUMMARIES=1 npx jest __tests__/report/summaries.test.ts` rewrites them.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeployOutcome } from '../../src/report/outcome.js';
import { changeLine, DETAIL_LINE_CAP, planSection } from '../../src/report/plan-section.js';
import { formatSummary } from '../../src/report/summary.js';
import { deployed, runEnv, summaryCases } from './outcomes.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'summaries');
const NAMES = [
  'success',
  'private-cluster',
  'bad-inputs',
  'placeholder-credential',
  'sign-in',
  'crash-loop',
  'smoke-test',
  'load-balancer',
  'render',
  'uninstall',
];

/** The Markdown outside fenced blocks and code spans: where GitHub would interpret tags and syntax. */
function prose(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]*?\1/g, '');
}

let summaries: Map<string, string>;
beforeAll(async () => {
  const cases = await summaryCases();
  summaries = new Map(
    cases.map(([name, outcome]: [string, DeployOutcome]) => [name, formatSummary(outcome, { env: runEnv })]),
  );
});

test('every kind of run has its summary on file', () => {
  expect([...summaries.keys()]).toEqual(NAMES);
});

describe.each(NAMES)('the %s summary', (name) => {
  const file = path.join(dir, `${name}.md`);
  const markdown = () => summaries.get(name) ?? '';

  test('is the one reviewed in summaries/', () => {
    if (process.env.UPDATE_SUMMARIES === '1') writeFileSync(file, markdown());
    expect(markdown()).toBe(readFileSync(file, 'utf8'));
  });

  test('has no empty table header or cell', () => {
    const rows = markdown()
      .split('\n')
      .filter((line) => line.startsWith('|'));
    for (const row of rows) {
      const cells = row.slice(1, -1).split(/(?<!\\)\|/);
      for (const cell of cells) expect({ row, cell: cell.trim() }).not.toEqual({ row, cell: '' });
    }
  });

  test('uses no HTML but its own details block and line breaks, and no empty code span', () => {
    const tags = [...prose(markdown()).matchAll(/<\/?([a-z][\w-]*)/gi)].map((match) => match[1]);
    expect(tags.filter((tag) => !['details', 'summary', 'br'].includes(tag))).toEqual([]);
    expect(markdown()).not.toMatch(/(^|[^`])``($|[^`])/m);
  });

  test('starts with the verdict; on failure, what failed comes before anything else', () => {
    const text = markdown();
    expect(text).toMatch(/^## (✅|❌) Portkey AI Gateway /);
    const sections = [...text.matchAll(/^### (.+)$/gm)].map((match) => match[1]);
    if (text.startsWith('## ❌')) expect(sections[0]).toBe('What failed');
    else expect(sections).not.toContain('What failed');
  });
});

describe('what the summaries say', () => {
  const get = (name: string) => summaries.get(name) ?? '';

  test('a bad input names the inputs and what to do, with no empty release name in the headline', () => {
    expect(get('bad-inputs')).toContain('## ❌ Portkey AI Gateway render failed\n');
    expect(get('bad-inputs')).toContain('- `release-name`: "Portkey\\_AI" is not a valid release name');
    expect(get('bad-inputs')).toContain("**What to do:** Correct each input named above in the step's `with:` block");
  });

  test("the chart's <docker-user> placeholder stays readable instead of vanishing as an HTML tag", () => {
    expect(get('placeholder-credential')).toContain("the chart's placeholder registry credential &lt;docker-user&gt;");
  });

  test('a crash loop shows the rollback right under the headline, then the cause and the pod log lines', () => {
    const text = get('crash-loop');
    const [headline, recovery, whatFailed] = text.split('\n\n');
    expect(headline).toMatch(/^## ❌/);
    expect(recovery).toBe('> **↩️ Rolled back to revision 3**: the gateway runs what it ran before this deploy.');
    expect(whatFailed).toBe('### What failed');
    expect(text).toContain('container gateway is in CrashLoopBackOff');
    expect(text.indexOf('FATAL: invalid configuration')).toBeLessThan(text.indexOf('### Release'));
    // Said once: the transaction's own warning repeats it.
    expect(text.match(/rolled back to revision 3/gi)).toHaveLength(1);
  });

  test('success fits one screen before any detail: headline, URL, what changed, warnings (the open one first)', () => {
    const text = get('success');
    const firstScreen = text.slice(0, text.indexOf('### Release'));
    expect(firstScreen.split('\n').length).toBeLessThanOrEqual(12);
    expect(firstScreen).toMatch(/^## ✅ .*\n\n\*\*Gateway URL:\*\* \[http:\/\/20\.50\.1\.2:8787\]/);
    expect(firstScreen).toContain(
      '**Changes:** 2 to change (against revision 2): Deployment/portkey-ai-gateway, Secret/portkey-ai-gateway; 3 value(s) changed.',
    );
    const warnings = firstScreen
      .slice(firstScreen.indexOf('### Warnings'))
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(warnings[0]).toContain('open to the whole internet');
    expect(text.indexOf('### Warnings')).toBeLessThan(text.indexOf('### Plan'));
  });

  test('the plan is collapsed and capped, and says where the rest is', () => {
    const text = get('success');
    const plan = text.slice(text.indexOf('### Plan'), text.indexOf('### Workloads'));
    expect(plan).toMatch(
      /^### Plan: 2 to change\n\n<details><summary>What changes: 2 object\(s\), 3 value\(s\)<\/summary>/,
    );
    const diffLines = [...plan.matchAll(/^```diff\n([\s\S]*?)\n```$/gm)].flatMap((m) => m[1].split('\n'));
    const valueRows = plan.split('\n').filter((line) => line.startsWith('| `'));
    expect(diffLines.length + valueRows.length).toBe(DETAIL_LINE_CAP);
    expect(plan).toContain(
      `The summary shows ${DETAIL_LINE_CAP} lines of the plan; 37 more lines are in the plan file (\`/home/runner/work/_temp/portkey-azure-deploy-x/private/plan-3f9a.json\`, the \`plan-file\` output: upload it as an artifact)`,
    );
  });

  test('plan values say unset for a removed chart default, none before a first secret, and format their source', () => {
    const text = get('success');
    expect(text).toContain(
      "| `environment.data.SERVER_MODE` | unset | action defaults | none | none (the chart's default removed) |",
    );
    expect(text).toContain(
      '| `environment.data.LOG_STORE_ACCESS_KEY` | add | input `secret-env` | none | secret (not shown) |',
    );
    expect(text).not.toContain('`null`');
    expect(text).not.toContain('\\`');
  });

  test('a plan whose objects stay the same still shows the values that change', () => {
    const plan = { ...deployed().plan!, hasChanges: false, headline: 'no changes', resources: [] };
    const section = planSection(plan);
    expect(section).toContain('<details><summary>What changes: 0 object(s), 3 value(s)</summary>');
    expect(section).toContain('`images.gatewayImage.tag`');
    expect(changeLine(plan)).toBe('**Changes:** no changes (against revision 2); 3 value(s) changed.');
    expect(changeLine({ ...plan, values: [] })).toBe('**Changes:** none.');
  });

  test('a render shows what was rendered: the objects, and the manifest collapsed and capped', () => {
    const text = get('render');
    expect(text).toContain(
      '### Rendered: 4 objects\n\n- ServiceAccount/portkey-ai-gateway\n- Secret/portkey-ai-gateway',
    );
    expect(text).toContain('<details><summary>Manifest (149 lines, secrets hidden)</summary>');
    const manifest = /^```yaml\n([\s\S]*?)\n```$/m.exec(text)![1];
    expect(manifest.split('\n')).toHaveLength(DETAIL_LINE_CAP);
    expect(manifest).toContain('PORT: "8787"');
    expect(text).toContain(
      `The summary shows ${DETAIL_LINE_CAP} of its 149 lines; the whole manifest is in this step's log.`,
    );
    expect(text.indexOf('### Warnings')).toBeLessThan(text.indexOf('### Rendered'));
  });

  test('a failed smoke test is told once, and its check is marked failed', () => {
    const text = get('smoke-test');
    expect(text.split('answered 400, expected 200')).toHaveLength(2);
    expect(text).toContain(
      '| Health | the cluster (API server proxy) | GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server | ❌ failed | 400 | 4 ms | 6 |',
    );
  });

  test('success links the endpoints and the run, and totals the stages', () => {
    const text = get('success');
    expect(text).toContain('| AI gateway | [http://20.50.1.2:8787](http://20.50.1.2:8787) |');
    expect(text).toContain('([workflow run](https://github.com/contoso/gateway-infra/actions/runs/4242/attempts/2))');
    expect(text).toContain('Total: 1 min 53 s.');
  });
});
