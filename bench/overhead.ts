// Figures 2 and 6: the action's own share of a successful deploy's wall time, and the action process's peak memory.
// The sandbox's simulated waits (pod readiness, load balancer address) are set to zero for these runs, so there is
// nothing of theirs to subtract: what remains after removing the union of helm/kubectl child-process intervals is
// Node start-up, the action's HTTP calls to the emulators (OIDC, Entra ID, ARM, checksums, smoke test), its own
// computation, and any poll sleep of the rollout or address watchers that no child process overlaps.
import type { Sandbox } from '../sandbox/sandbox.js';
import { summarize, unionLengthWithin, type Summary } from './stats.js';
import { describeRun, timedRun, type TimedRun } from './timed-run.js';

export interface Overhead {
  /** Main step, spawn to exit as the harness sees it (its own file handling adds a few ms). */
  wallMs: Summary;
  /** Union of the helm/kubectl child-process intervals: concurrent children counted once. */
  childUnionMs: Summary;
  /** Plain sum of child-process durations, for comparison with the union. */
  childSumMs: Summary;
  childProcesses: Summary;
  /** wallMs − childUnionMs, measured per run. */
  overheadMs: Summary;
  /** The same, per stage (`::group::` span minus the child time inside it), plus start-up before the first stage. */
  overheadByStageMs: Record<string, Summary>;
  /** Peak resident set size of the action's Node process, in MiB. */
  peakRssMiB: Summary;
  /** The unmeasured first run, which filled the tool cache: its wall time, for context. */
  coldCacheWallMs: number;
}

function analyse(timed: TimedRun) {
  const window = { start: timed.startedAt, end: timed.endedAt };
  const children = timed.timeline.childProcesses();
  const wall = timed.endedAt - timed.startedAt;
  const union = unionLengthWithin(children, window);
  const stages = timed.timeline.stages();
  const byStage: Record<string, number> = {
    'start-up (spawn → first stage)': (stages[0]?.start ?? timed.endedAt) - timed.startedAt,
  };
  for (const stage of stages) byStage[stage.name] = stage.end - stage.start - unionLengthWithin(children, stage);
  return {
    wall,
    union,
    sum: children.reduce((total, child) => total + child.end - child.start, 0),
    count: children.length,
    byStage,
    peakRssMiB: (timed.peakRssKiB ?? NaN) / 1024,
  };
}

export async function measureOverhead(sandbox: Sandbox, toolCache: string, runs: number): Promise<Overhead> {
  sandbox.kube.setScenario({
    pods: 'healthy',
    readyAfterMs: 0,
    loadBalancer: { after: 0, address: { ip: '127.0.0.1' } },
  });
  const deploy = async (namespace: string) => {
    const timed = await timedRun(sandbox, toolCache, { namespace });
    if (timed.run.exitCode !== 0) throw new Error(`The deploy into ${namespace} failed: ${describeRun(timed)}`);
    return timed;
  };
  const first = await deploy('bench-overhead-cold-cache');
  const results: ReturnType<typeof analyse>[] = [];
  for (let i = 0; i < runs; i++) results.push(analyse(await deploy(`bench-overhead-${i + 1}`)));

  const stageNames = [...new Set(results.flatMap((result) => Object.keys(result.byStage)))];
  return {
    wallMs: summarize(results.map((r) => r.wall)),
    childUnionMs: summarize(results.map((r) => r.union)),
    childSumMs: summarize(results.map((r) => r.sum)),
    childProcesses: summarize(results.map((r) => r.count)),
    overheadMs: summarize(results.map((r) => r.wall - r.union)),
    overheadByStageMs: Object.fromEntries(
      stageNames.map((name) => [name, summarize(results.map((r) => r.byStage[name] ?? 0))]),
    ),
    peakRssMiB: summarize(results.map((r) => r.peakRssMiB)),
    coldCacheWallMs: Math.round(first.endedAt - first.startedAt),
  };
}
