// `npm run bench`: the issue-8 figures and the values stage of issue 13, measured against the sandbox on this
// machine (offline, about 3 minutes on 2 cores). Prints a table and writes every sample to bench/results/latest.json.
// See docs/benchmarks.md.
import { mkdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { sharedToolCache } from '../sandbox/runner.js';
import { startSandbox } from '../sandbox/sandbox.js';
import { measureAddressNotice } from './address-notice.js';
import { measureColdStart } from './cold-start.js';
import { measureFailureDetection } from './failure-detection.js';
import { measureOverhead } from './overhead.js';
import { atMost, below, describeMachine, formatTable, type Row } from './report.js';
import { measureToolInstall } from './tool-install.js';
import { measureValuesPlan } from './values-plan.js';

const RUNS = {
  coldStart: 10,
  overhead: 5,
  toolInstallRounds: 5,
  slowMirrorRounds: 3,
  failure: 3,
  address: 5,
  valuesPlan: 5,
};
/**
 * Service created → address: from long enough that the rollout is over and the action is polling (checked per run),
 * spread over one period of the action's address poll.
 */
const ADDRESS_DELAY = { firstMs: 3500, periodMs: 2000 };
/** Time to first byte added to each archive or binary, as a slow download site would: the second tool-install run. */
const SLOW_MIRROR_DELAY_MS = 1000;
/** "Cold close to the slower single download": within 20 %. */
const CLOSE_TO_SLOWER_SINGLE = 1.2;

const mebibytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 100) / 100;

const resultsFile = path.join(import.meta.dirname, 'results', 'latest.json');

async function step<T>(title: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`${title}… `);
  const result = await fn();
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  console.log(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  // In process and CPU-bound: first, before the sandbox and the deploys leave anything running.
  const valuesPlan = await step(`7. Values stage on 10 MiB of values (${RUNS.valuesPlan} rounds)`, () =>
    measureValuesPlan(RUNS.valuesPlan),
  );
  const sandbox = await step('Starting the sandbox', () => startSandbox());
  const toolCache = sharedToolCache();
  try {
    const coldStart = await step(`1. Cold start (${RUNS.coldStart} + 1 rounds)`, () =>
      measureColdStart(sandbox.inputs, RUNS.coldStart),
    );
    const toolInstall = await step(`3. Tool install (${RUNS.toolInstallRounds} rounds)`, () =>
      measureToolInstall(sandbox, RUNS.toolInstallRounds),
    );
    const slowMirror = await step(
      `3. Tool install, ${SLOW_MIRROR_DELAY_MS} ms to first byte (${RUNS.slowMirrorRounds} rounds)`,
      () => measureToolInstall(sandbox, RUNS.slowMirrorRounds, SLOW_MIRROR_DELAY_MS),
    );
    const overhead = await step(`2+6. Deploys for overhead and memory (1 + ${RUNS.overhead})`, () =>
      measureOverhead(sandbox, toolCache.dir, RUNS.overhead),
    );
    const crashLoop = await step(`4. CrashLoopBackOff deploys (${RUNS.failure})`, () =>
      measureFailureDetection(sandbox, toolCache.dir, 'crash-loop', RUNS.failure),
    );
    const imagePull = await step(`4. Image pull failure deploys (${RUNS.failure})`, () =>
      measureFailureDetection(sandbox, toolCache.dir, 'image-pull-error', RUNS.failure),
    );
    const address = await step(`5. Late load balancer deploys (${RUNS.address})`, () =>
      measureAddressNotice(sandbox, toolCache.dir, RUNS.address, ADDRESS_DELAY),
    );
    machine.loadAverage.end = Math.round(os.loadavg()[0] * 100) / 100;

    const rows: Row[] = [
      {
        figure: '1. Cold start: spawn → first stage',
        unit: 'ms',
        value: coldStart.actionMs,
        goal: below(100)(coldStart.actionMs),
      },
      { figure: '   bare Node 24: spawn → first line', unit: 'ms', value: coldStart.bareNodeMs },
      { figure: '   the action less bare Node, per round', unit: 'ms', value: coldStart.aboveBareMs },
      { figure: '   bundle: dist/index.js', unit: 'MiB', value: mebibytes(coldStart.bundleBytes.indexJs) },
      {
        figure: '   bundle: every runtime file in dist/',
        unit: 'MiB',
        value: mebibytes(coldStart.bundleBytes.runtimeFiles),
      },
      {
        figure: '2. Action overhead (wall − children)',
        unit: 'ms',
        value: overhead.overheadMs,
        // No worse than the 0.65 s before the deploy stage took over the race (bench of 2026-11).
        goal: atMost(650)(overhead.overheadMs),
      },
      { figure: '   wall time of the deploy (warm cache)', unit: 'ms', value: overhead.wallMs },
      { figure: '   helm/kubectl children (union)', unit: 'ms', value: overhead.childUnionMs },
      { figure: '3. Tool install, cold, both at once', unit: 'ms', value: toolInstall.coldBothMs },
      { figure: '   one after another (helm + kubectl)', unit: 'ms', value: toolInstall.sequentialMs },
      { figure: '   helm alone', unit: 'ms', value: toolInstall.helmAloneMs },
      { figure: '   kubectl alone', unit: 'ms', value: toolInstall.kubectlAloneMs },
      {
        figure: '   cold ÷ slower single install',
        unit: '×',
        value: toolInstall.coldVsSlowerSingle,
        goal: atMost(CLOSE_TO_SLOWER_SINGLE)(toolInstall.coldVsSlowerSingle),
      },
      { figure: '   cold ÷ one after another', unit: '×', value: toolInstall.coldVsSequential },
      { figure: `   slow mirror (+${SLOW_MIRROR_DELAY_MS} ms): cold, both`, unit: 'ms', value: slowMirror.coldBothMs },
      { figure: '   slow mirror: one after another', unit: 'ms', value: slowMirror.sequentialMs },
      {
        figure: '   slow mirror: cold ÷ slower single',
        unit: '×',
        value: slowMirror.coldVsSlowerSingle,
        goal: atMost(CLOSE_TO_SLOWER_SINGLE)(slowMirror.coldVsSlowerSingle),
      },
      {
        figure: '   warm (tool cache hit, both)',
        unit: 'ms',
        value: toolInstall.warmMs,
        goal: below(100)(toolInstall.warmMs),
      },
      {
        figure: '4. CrashLoopBackOff → ::error::',
        unit: 'ms',
        value: crashLoop.toErrorMs,
        goal: below(15000)(crashLoop.toErrorMs),
      },
      {
        figure: '   ErrImagePull → ::error::',
        unit: 'ms',
        value: imagePull.toErrorMs,
        goal: below(15000)(imagePull.toErrorMs),
      },
      {
        figure: '5. LB address written → noticed',
        unit: 'ms',
        value: address.noticedMs,
        goal: below(2000)(address.noticedMs),
      },
      { figure: '6. Peak RSS of the action process', unit: 'MiB', value: overhead.peakRssMiB },
      {
        figure: '7. Values stage, 10 MiB values file',
        unit: 'ms',
        value: valuesPlan.largeFile.planMs,
        goal: below(3000)(valuesPlan.largeFile.planMs),
      },
      { figure: '   one map of 16 000 keys, set twice', unit: 'ms', value: valuesPlan.wideMap.planMs },
    ];

    const results = {
      generatedAt: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine,
      runs: RUNS,
      figures: {
        coldStart,
        overhead,
        toolInstall,
        toolInstallSlowMirror: slowMirror,
        failureDetection: { crashLoop, imagePull },
        address,
        valuesPlan,
      },
      goals: Object.fromEntries(rows.filter((row) => row.goal).map((row) => [row.figure.trim(), row.goal])),
    };
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

    console.log(`\n${formatTable(rows)}\n`);
    console.log('Overhead by stage (ms, median of the stage span minus the child processes inside it):');
    for (const [name, summary] of Object.entries(overhead.overheadByStageMs)) {
      console.log(`  ${String(summary.median).padStart(7)}  ${name}`);
    }
    console.log(
      `\nAll samples: ${path.relative(process.cwd(), resultsFile)} (${results.durationSeconds} s, load average ` +
        `${machine.loadAverage.start} → ${machine.loadAverage.end})`,
    );
  } finally {
    await sandbox.close();
    toolCache.remove();
  }
}

await main();
