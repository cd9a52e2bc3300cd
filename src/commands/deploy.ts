// `command: deploy`: plan, then the release transaction (src/deploy/) with the checks it runs on the new revision:
// the rollout watcher and the availability stream beside helm, then the address and the smoke test. The transaction
// decides what a failure does to the release; this file only wires.
import { canaryCluster, canaryError, canaryName, runCanary, type CanaryReport } from '../canary/index.js';
import type { ClusterSession } from '../cluster/port.js';
import { clusterJournal, runReleaseTransaction, type StepBeforeHelm, type VerificationStep } from '../deploy/index.js';
import { HelmClient } from '../helm/client.js';
import type { ChartConfig } from '../inputs/config.js';
import { dryRunManifest, planBeforeDeploy } from '../plan/index.js';
import {
  addressInputFor,
  availabilityError,
  checkProxyAccess,
  runSmokeTest,
  smokeTestError,
  startAvailability,
  waitForAddress,
  waitForRollout,
  type GatewayAddress,
} from '../verify/index.js';
import { gatewayFullname } from '../verify/gateway-service.js';
import { planChanges } from './plan.js';
import { chartFor, connect, prepareAndWriteValues, withAddedObjects, type PreparedValues, type Run } from './run.js';
import { stage } from '../stage.js';

export async function deploy(run: Run): Promise<void> {
  const { config, outcome, seams, secrets, cancellation } = run;
  const signal = cancellation.signal;
  const values = await prepareAndWriteValues(run);
  const session = await connect(run);
  const chart = await withAddedObjects(run, session, values, await chartFor(run, session));
  await planChanges(run, session, { ...values, chart }, planBeforeDeploy);
  if (config.smokeTest.enabled) {
    await stage(run, "Check the smoke test's access", () =>
      checkProxyAccess(config.smokeTest, config.chart.namespace, session, seams, signal),
    );
  }
  await run.beforeChanges();

  let address: GatewayAddress | undefined;
  const namespace = config.chart.namespace;
  const { path, expectedStatus } = config.smokeTest;
  const measure = {
    releaseName: config.chart.releaseName,
    namespace,
    values: values.merged.values,
    path,
    expectedStatus,
  };
  const steps: VerificationStep[] = [
    ...(config.canary.strategy === 'canary' ? [canaryStep(run, session, values, chart)] : []),
    {
      name: 'Availability during the rollout',
      during: ({ sinceRevision }) => {
        const request = { ...measure, config: config.availability, secrets, signal, firstInstall: sinceRevision === 0 };
        const started = startAvailability(request, session, seams);
        return {
          finish: async () => {
            const availability = await (await started).finish();
            outcome.record({ availability });
            if (availability.verdict === 'failed') throw availabilityError(availability);
          },
        };
      },
    },
    {
      name: 'Wait for the gateway address',
      after: async (release) => {
        address = await waitForAddress(addressInputFor(config, release, values.merged.values, signal), session, seams);
        outcome.record({ address });
      },
    },
  ];
  if (config.smokeTest.enabled) {
    steps.push({
      name: 'Smoke test',
      after: async () => {
        const allowedIpRanges = config.portkey.allowedIpRanges;
        const smoke = { config: config.smokeTest, address: address!, namespace, allowedIpRanges, session };
        const result = await runSmokeTest(smoke, { secrets, signal }, seams);
        outcome.record({ smokeTest: result });
        if (result.status === 'failed') throw smokeTestError(result);
      },
    });
  }
  await runReleaseTransaction(
    {
      chart,
      deploy: config.deploy,
      valuesPath: values.valuesPath,
      cancellation,
      watch: (request) => waitForRollout(request, session, seams),
      journal: clusterJournal({ name: config.chart.releaseName, namespace }, session, seams),
      steps,
      stage: (name, fn) => stage(run, name, fn),
      applied: ({ release, rollout }) => {
        const { name, revision, status, chartVersion, appVersion } = release;
        outcome.record({
          workloads: rollout?.workloads,
          release: { name, namespace, revision, status, chartVersion, appVersion },
        });
      },
    },
    session,
    seams,
  );
}

/** The canary before helm: a failed verdict leaves the release as it was; the transaction removes the canary. */
function canaryStep(run: Run, session: ClusterSession, values: PreparedValues, chart: ChartConfig): StepBeforeHelm {
  const { config, outcome, seams, secrets, cancellation } = run;
  const namespace = config.chart.namespace;
  const deploymentName = gatewayFullname(config.chart.releaseName, values.merged.values);
  const cluster = canaryCluster(namespace, session, secrets, seams);
  let report: CanaryReport | undefined;
  return {
    name: 'Canary analysis',
    before: async () => {
      const helm = new HelmClient(session, seams);
      const manifest = await dryRunManifest({ chart, valuesPath: values.valuesPath, secrets }, helm);
      const request = {
        manifest,
        deploymentName,
        namespace,
        config: config.canary,
        timeoutSeconds: config.deploy.timeoutSeconds,
        signal: cancellation.signal,
        onProgress: (seen: CanaryReport) =>
          outcome.record({ canary: { ...seen, verdict: 'stopped', why: 'the analysis did not finish' } }),
      };
      report = await runCanary(request, cluster, seams);
      outcome.record({ canary: report });
      if (report.verdict !== 'passed' && report.verdict !== 'skipped') throw canaryError(report);
    },
    // A canary that was never applied (nothing to compare with) needs no call; one that may have been, does.
    withdraw: async (giveUp) => {
      if (report?.verdict !== 'skipped') await cluster.remove(canaryName(deploymentName), giveUp);
    },
  };
}
