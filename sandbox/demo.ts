// `npm run demo`: the committed bundle deploys Portkey's real gateway chart (from ../shared/charts when it is there,
// else the fixture chart, and it says which) into the sandbox, offline, in well under a minute.
// It streams the action's log the way the Actions UI shows it (groups, masked secrets, errors), then prints the
// outputs, asks the deployed gateway for a chat completion and prints the job summary the run wrote. Everything it
// starts stops on exit or Ctrl-C.
import { runAction, sharedToolCache, type ActionRun } from './runner.js';
import { realChartsAvailable } from './chart-repository.js';
import { startSandbox, type Sandbox } from './sandbox.js';

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

/** Renders workflow commands like the Actions log does, masking values from `::add-mask::` on. */
function logPrinter() {
  const masks: string[] = [];
  const mask = (line: string) => masks.reduce((text, value) => text.split(value).join('***'), line);
  return (line: string) => {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!command) return console.log(`  ${mask(line)}`);
    const [, name, data] = command;
    if (name === 'add-mask') {
      if (data) masks.push(data);
    } else if (name === 'group') {
      console.log(bold(`▶ ${mask(data)}`));
    } else if (name === 'error' || name === 'warning' || name === 'notice') {
      console.log(`${name === 'error' ? '✖' : '⚠'} ${name}: ${mask(data).replace(/%0A/g, '\n    ')}`);
    }
  };
}

async function askGateway(sandbox: Sandbox, baseUrl: string): Promise<string> {
  const greeting = await fetch(`${baseUrl}/`).then((r) => r.text());
  const chat = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': sandbox.gateway.upstream.url,
      authorization: `Bearer ${sandbox.inputs['smoke-test-provider-key']}`,
    },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }] }),
  });
  const answer = (await chat.json()) as { choices?: { message?: { content?: string } }[] };
  return `GET / → ${greeting}\n  POST /v1/chat/completions → ${chat.status}: "${answer.choices?.[0]?.message?.content}"`;
}

const shownOutputs = [
  'load-balancer-ip',
  'load-balancer-hostname',
  'gateway-url',
  'release-name',
  'namespace',
  'release-revision',
  'release-status',
  'chart-version',
  'app-version',
  'helm-version',
  'kubectl-version',
];

function printOutcome(run: ActionRun) {
  const o = run.outputs;
  console.log(bold('\nOutputs'));
  for (const name of shownOutputs) if (o[name]) console.log(`  ${name}: ${o[name]}`);
  if (o['smoke-test-status']) {
    const code = o['smoke-test-http-code']
      ? ` (HTTP ${o['smoke-test-http-code']}, ${o['smoke-test-latency-ms']} ms)`
      : '';
    console.log(`  smoke test: ${o['smoke-test-status']}${code}`);
  }
  // The summary's own line: "During the rollout: 40 requests, 0 failed, p95 12 ms; 22 answered by 2.13.0, 18 by 2.13.1."
  const availability = /^During the rollout: .*$/m.exec(run.summary)?.[0];
  if (availability) console.log(`  ${availability}`);
  const left = run.runnerTempAfterPost.join(', ') || 'none';
  console.log(
    `  post step: exit ${run.postExitCode}, files left in RUNNER_TEMP: ${left} (the plan file stays by design)`,
  );
}

/** What GitHub's environment page would show: each deployment and its statuses, as the API emulator recorded them. */
function printDeployments(sandbox: Sandbox) {
  console.log(bold('\nGitHub Deployments'));
  for (const deployment of sandbox.github.deployments()) {
    const statuses = sandbox.github.statuses(deployment.id);
    const url = statuses.findLast((status) => status.environment_url)?.environment_url;
    const states = statuses.map((status) => status.state).join(' → ');
    console.log(
      `  ${deployment.id} ${deployment.environment} ${deployment.sha.slice(0, 12)}: ${states}${url ? ` (${url})` : ''}`,
    );
  }
}

/** The job summary as the run wrote it to GITHUB_STEP_SUMMARY: the Markdown GitHub renders on the run's page. */
function printSummary(run: ActionRun) {
  console.log(bold('\nJob summary (GITHUB_STEP_SUMMARY, the Markdown GitHub shows on the run page)\n'));
  const summary = run.summary.trimEnd();
  console.log(summary ? summary.replace(/^/gm, '  ') : '  (none written)');
}

/** Ctrl-C stops the action's process group at once; the sandbox is closed on the way out (after it finished starting). */
async function main(): Promise<number> {
  const started = Date.now();
  const abort = new AbortController();
  const toolCache = sharedToolCache();
  const interrupt = () => {
    console.log('\nInterrupted: stopping the action and the sandbox…');
    abort.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  // A job in the `prod` environment, as the examples run: the deploy is recorded as a GitHub Deployment there.
  const starting = startSandbox({ chart: realChartsAvailable() ? 'real' : 'fixture', environment: 'prod' });

  try {
    console.log(
      bold('Starting the sandbox (GitHub OIDC and API, Entra ID, ARM, download mirror, AKS API, Portkey gateway)…'),
    );
    const sandbox = await starting;
    if (abort.signal.aborted) return 130;
    console.log(`  AKS API ${sandbox.kube.url}, gateway ${sandbox.gateway.url}, ready in ${Date.now() - started} ms`);
    console.log(`  Chart: ${sandbox.chart.description}\n`);
    console.log(bold('Running dist/index.js (main step, then post step)\n'));
    const run = await runAction({ sandbox, toolCache: toolCache.dir, onStdout: logPrinter(), signal: abort.signal });
    if (abort.signal.aborted) return 130;
    printOutcome(run);
    printDeployments(sandbox);
    if (run.exitCode !== 0) {
      printSummary(run);
      console.log(`\n✖ The action failed (exit ${run.exitCode}).${run.stderr ? `\n${run.stderr.slice(-2000)}` : ''}`);
      return 1;
    }
    // An upgrade to the next image, to show what the action saw of the gateway while the pods were replaced.
    console.log(bold('\nUpgrading the gateway image, measuring availability during the rollout\n'));
    const upgrade = await runAction({
      sandbox,
      toolCache: toolCache.dir,
      inputs: { 'gateway-image-tag': '2.13.1' },
      onStdout: logPrinter(),
      signal: abort.signal,
    });
    if (abort.signal.aborted) return 130;
    printOutcome(upgrade);
    if (upgrade.exitCode !== 0) {
      console.log(`\n✖ The upgrade failed (exit ${upgrade.exitCode}).`);
      return 1;
    }
    console.log(bold('\nAsking the deployed gateway'));
    console.log(`  ${await askGateway(sandbox, run.outputs['gateway-url'].replace(/\/$/, ''))}`);
    printSummary(run);
    console.log(
      `\n✔ Deployed ${sandbox.chart.description} and verified it in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    console.error(`✖ ${(error as Error).stack ?? error}`);
    return abort.signal.aborted ? 130 : 1;
  } finally {
    await starting.then((sandbox) => sandbox.close()).catch(() => undefined);
    toolCache.remove();
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

process.exitCode = await main();
