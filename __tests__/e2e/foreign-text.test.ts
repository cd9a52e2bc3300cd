// Values a pull request controls, printed by the bundled action (merged values, the rendered manifest, the plan's
// diff, helm's output): none of their lines may issue a workflow command, however it is spelled.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { workflowCommands } from '../secrets/workflow-commands.js';
import { type E2e, expectCleanRuns, expectSuccess, startE2e, TEST_TIMEOUT_MS } from './harness.js';
import type { ActionRun } from '../../sandbox/runner.js';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Each line a command the runner would act on if it reached the log bare. */
const INJECTED = [
  '::warning title=Deployed::injected warning',
  '   ::set-output name=gateway-url::https://evil.example',
  '::save-state name=workDir::/home/runner',
  '::add-mask::injected',
  'quoted ##[set-output name=kubeconfig-path]/etc/passwd',
  '::stop-commands::injected-token',
  '::error::injected error',
].join('\n');

const values = `podAnnotations:\n  note: ${JSON.stringify(`before\n${INJECTED}\nafter`)}\n`;

/** The commands a run issued that the action did not write itself. */
function injected(run: ActionRun) {
  return workflowCommands(run.stdout).filter(
    (c) => /injected|evil|passwd|\/home\/runner/.test(c.data) || ['set-output', 'save-state'].includes(c.name),
  );
}

describe('outside text in the log (e2e)', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it.each(['render', 'plan', 'deploy'])(
    'command: %s prints the values and issues none of their commands',
    async (command) => {
      const run = await e2e.run({ command, namespace: `foreign-${command}`, values, 'smoke-test': 'false' });
      expectSuccess(run);
      // The text is there to read, and the runner acted on none of it.
      expect(run.stdout).toContain('::set-output name=gateway-url::https://evil.example');
      expect(injected(run)).toEqual([]);
      expect(run.outputs['gateway-url']).not.toContain('evil');
      expect(Object.keys(run.state).sort()).toEqual(['isPost', 'workDir']);
    },
  );

  it('ran every post step cleanly, left no file and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
