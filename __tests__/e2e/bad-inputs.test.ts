// Every bad input of the input stage's table, through the real bundle the way a runner runs it: exit code 1, an
// error naming the input, and no network call (there is no sandbox to call: a run that got further would fail
// with another message).
import { afterEach, describe, expect, it } from '@jest/globals';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../sandbox/binaries.js';
import { runAction } from '../../sandbox/runner.js';
import { validInputs } from '../inputs/fixture.js';
import { badInputs } from '../values/bad-inputs.js';
import { describeRun, errorLines } from './harness.js';

/**
 * A repository checkout of its own for each case: the fixture chart copied (never linked: some cases write their
 * own Chart.yaml) plus the case's files, all named relative to it as a workflow names them.
 */
async function checkout(files: Record<string, string>): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'bad-inputs-'));
  await cp(path.join(repoRoot, 'sandbox', 'charts'), path.join(workspace, 'sandbox', 'charts'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
    await writeFile(path.join(workspace, name), content);
  }
  return workspace;
}

describe('bad inputs through the bundled action (e2e)', () => {
  let workspace = '';
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it.each(badInputs)('%s: exit code 1, naming `%s`', async (_what, inputs, files, input, text) => {
    workspace = await checkout(files);
    const run = await runAction({ inputs: { ...validInputs(), ...inputs }, env: { GITHUB_WORKSPACE: workspace } });
    if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
    const errors = errorLines(run);
    expect(errors).toContain(`\`${input}\`: `);
    expect(errors).toContain(text.replace(/%/g, '%25'));
    expect(run.postExitCode).toBe(0);
    expect(run.runnerTempAfterPost).toEqual([]);
  });
});
