// `command: uninstall`: remove the release.
import { uninstallRelease } from '../deploy/index.js';
import { connect, type Run } from './run.js';
import { stage } from '../stage.js';

export async function uninstall(run: Run): Promise<void> {
  const session = await connect(run);
  const { chart, deploy } = run.config;
  const request = { name: chart.releaseName, namespace: chart.namespace, timeoutSeconds: deploy.timeoutSeconds };
  const removed = await stage(run, `helm uninstall ${chart.releaseName}`, () =>
    uninstallRelease(request, session, run.seams),
  );
  run.outcome.record({ release: { status: removed.found ? 'uninstalled' : 'not-found' } });
}
