// Every bad input of the input stage's table, through the real bundle the way a runner runs it: exit code 1, an
// error naming the input, and no network call (there is no sandbox to call: a run that got further would fail
// with another message).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../sandbox/binaries.js';
import { runAction } from '../../sandbox/runner.js';
import { validInputs } from '../inputs/fixture.js';
import { badInputs } from '../values/bad-inputs.js';
import { describeRun, errorLines } from './harness.js';

describe('bad inputs through the bundled action (e2e)', () => {
  let workspace: string;

  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'bad-inputs-'));
    // The inputs name the fixture chart relative to the workspace, as a workflow names one in its repository.
    await symlink(path.join(repoRoot, 'sandbox'), path.join(workspace, 'sandbox'));
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it.each(badInputs)('%s: exit code 1, naming `%s`', async (_what, inputs, files, input, text) => {
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(workspace, name), content);
    const run = await runAction({ inputs: { ...validInputs(), ...inputs }, env: { GITHUB_WORKSPACE: workspace } });
    if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
    const errors = errorLines(run);
    expect(errors).toContain(`\`${input}\`: `);
    expect(errors).toContain(text.replace(/%/g, '%25'));
    expect(run.postExitCode).toBe(0);
    expect(run.runnerTempAfterPost).toEqual([]);
  });
});
