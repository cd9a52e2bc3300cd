// `command: render`: the merged values and `helm template`, offline: no Azure, no cluster.
import { privateHelmEnv } from '../cluster/session.js';
import { schemaWarnings } from '../kubernetes-schema/index.js';
import { renderChart } from '../render/index.js';
import { installTools } from '../tools/index.js';
import { addedObjects, prepareAndWriteValues, withObjects, type Run } from './run.js';
import { stage } from '../stage.js';

export async function render(run: Run): Promise<void> {
  const values = await prepareAndWriteValues(run);
  const { helm } = await stage(run, 'Install helm', () =>
    installTools(run.config.tools, run.workspace.dir, ['helm'], run.seams),
  );
  run.outcome.record({ tools: { helm } });
  const session = { helm, env: privateHelmEnv(run.workspace.dir) };
  // With no cluster to ask, the budget is written as every supported AKS version serves it.
  const chart = await withObjects(run.config.chart, addedObjects(run.config, values.merged, 'policy/v1'), session);
  const { objects, manifest, warnings, schemaCheck } = await stage(run, 'Render the chart', () =>
    renderChart({ chart, session, valuesPath: values.valuesPath, secrets: run.secrets }, run.seams),
  );
  run.outcome.record({
    rendered: { objects, manifest },
    schemaCheck,
    warnings: [...warnings, ...schemaWarnings(schemaCheck)],
  });
}
