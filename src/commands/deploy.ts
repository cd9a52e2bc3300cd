// `command: deploy`: plan, helm and the rollout watcher (the deploy stage races and recovers them) with the
// availability stream beside them, the address, the smoke test, and back to the previous revision when the stream saw
// too many failures or the smoke test fails.
import { deployRelease, revertRelease } from '../deploy/index.js';
import type { ActionError } from '../errors.js';
import { planBeforeDeploy } from '../plan/index.js';
import {
  addressInputFor,
  availabilityError,
  checkProxyAccess,
  runSmokeTest,
  smokeTestError,
  startAvailability,
  waitForAddress,
  waitForRollout,
} from '../verify/index.js';
import { planChanges } from './plan.js';
import { chartFor, connect, prepareAndWriteValues, withAddedObjects, type Run } from './run.js';
import { stage } from '../stage.js';

export async function deploy(run: Run): Promise<void> {
  const { config, outcome, seams, secrets, cancelled: signal } = run;
  const values = await prepareAndWriteValues(run);
  const session = await connect(run);
  const chart = await withAddedObjects(run, session, values, await chartFor(run, session));
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
  const { releaseName, namespace: where } = config.chart;
  const { path, expectedStatus } = config.smokeTest;
  const measure = { releaseName, namespace: where, values: values.plan.values, path, expectedStatus };
  const { release, rollout } = await stage(run, `helm upgrade --install ${releaseName}`, async () => {
    const availability = await startAvailability(
      { ...measure, config: config.availability, secrets, signal },
      session,
      seams,
    );
    // A failed deploy is judged by its own error: the stream only has to stop, and says what it saw.
    return deployRelease(input, session, seams).finally(async () =>
      outcome.record({ availability: await availability.finish() }),
    );
  });
  const { name, namespace, revision, status, chartVersion, appVersion } = release;
  outcome.record({
    workloads: rollout?.workloads,
    release: { name, namespace, revision, status, chartVersion, appVersion },
  });
  const rollBack = async (cause: ActionError) => {
    const revert = { release, previousRevision: release.previousRevision, deploy: config.deploy };
    return stage(run, 'Roll back', () => revertRelease(cause, revert, session, seams));
  };
  const measured = outcome.current.availability;
  if (measured?.verdict === 'failed') throw await rollBack(availabilityError(measured));

  const address = await stage(run, 'Wait for the gateway address', () =>
    waitForAddress(addressInputFor(config, release, values.plan.values, signal), session, seams),
  );
  outcome.record({ address });
  if (!config.smokeTest.enabled) return;
  const allowedIpRanges = config.portkey.allowedIpRanges;
  const smoke = { config: config.smokeTest, address, namespace, allowedIpRanges, session };
  const result = await stage(run, 'Smoke test', () => runSmokeTest(smoke, { secrets, signal }, seams));
  outcome.record({ smokeTest: result });
  if (result.status === 'failed') throw await rollBack(smokeTestError(result));
}
