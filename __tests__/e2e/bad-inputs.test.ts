// Every bad input of the input stage's table, through the real bundle the way a runner runs it: exit code 1, an
// error naming the input, and no network call (there is no sandbox to call: a run that got further would fail
// with another message).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../../sandbox/runner.js';
import { checkout, validInputs } from '../inputs/fixture.js';
import { badInputs } from '../values/bad-inputs.js';
import { describeRun, errorLines } from './harness.js';

describe('bad inputs through the bundled action (e2e)', () => {
  // Each case in a checkout of its own (the fixture's), holding the case's files.
  const cases = badInputs.map(([what, inputs, files, input, text]) => [what, input, inputs, files, text] as const);
  it.each(cases)('%s: exit code 1, naming `%s`', async (_what, input, inputs, files, text) => {
    const run = await runAction({
      inputs: { ...validInputs(), ...inputs },
      env: { GITHUB_WORKSPACE: checkout(files) },
    });
    if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
    const errors = errorLines(run);
    expect(errors).toContain(`\`${input}\`: `);
    expect(errors).toContain(text.replace(/%/g, '%25'));
    expect(run.postExitCode).toBe(0);
    expect(run.runnerTempAfterPost).toEqual([]);
  });
});
