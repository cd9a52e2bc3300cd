// `command: deploy`: plan, helm and the rollout watcher (the deploy stage races and recovers them), the address,
// the smoke test, and back to the previous revision when the smoke test fails.
import { deployRelease, revertRelease } from '../deploy/index.js';
import { planBeforeDeploy } from '../plan/index.js';
import {
  addressInputFor,
  checkProxyAccess,
  runSmokeTest,
  smokeTestError,
  waitForAddress,
  waitForRollout,
} from '../verify/index.js';
import { planChanges } from './plan.js';
import { chartFor, connect, prepareAndWriteValues, type Run } from './run.js';
import { stage } from '../stage.js';

export async function deploy(run: Run): Promise<void> {
  const { config, outcome, seams, secrets, cancelled: signal } = run;
  const values = await prepareAndWriteValues(run);
  const session = await connect(run);
  const chart = await chartFor(run, session);
  await planChanges(run, session, { ...values, chart }, planBeforeDeploy);
  if (config.smokeTest.enabled) {
    const refused = await stage(run, "Check the smoke test's access", () =>
      checkProxyAccess(config.smokeTest, config.chart.namespace, session, seams, signal),
    );
    if (refused) throw refused;
  }
  await run.beforeChanges();
  const watch = (request: Parameters<typeof waitForRollout>[0]) => waitForRollout(request, session, seams);
  const input = { chart, deploy: config.deploy, valuesPath: values.valuesPath, signal, watch };
  const { release, rollout } = await stage(run, `helm upgrade --install ${config.chart.releaseName}`, () =>
    deployRelease(input, session, seams),
  );
  const { name, namespace, revision, status, chartVersion, appVersion } = release;
  outcome.record({
    workloads: rollout?.workloads,
    release: { name, namespace, revision, status, chartVersion, appVersion },
  });

  const address = await stage(run, 'Wait for the gateway address', () =>
    waitForAddress(addressInputFor(config, release, values.plan.values, signal), session, seams),
  );
  outcome.record({ address });
  if (!config.smokeTest.enabled) return;
  const allowedIpRanges = config.portkey.allowedIpRanges;
  const smoke = { config: config.smokeTest, address, namespace, allowedIpRanges, session };
  const result = await stage(run, 'Smoke test', () => runSmokeTest(smoke, { secrets, signal }, seams));
  outcome.record({ smokeTest: result });
  if (result.status === 'failed') {
    const revert = { release, previousRevision: release.previousRevision, deploy: config.deploy };
    throw await stage(run, 'Roll back', () => revertRelease(smokeTestError(result), revert, session, seams));
  }
}
