import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import {
  actionDefaults,
  inputEnv,
  maskedValues,
  parseFileCommands,
  runAction,
  sharedToolCache,
} from '../../sandbox/runner.js';
import { isRunning } from './processes.js';

const entry = new URL('./fixtures/fake-action.mjs', import.meta.url).pathname;

describe('runner file commands', () => {
  it('reads name=value lines and name<<delimiter blocks, multi-line values kept whole', () => {
    const text = [
      'plain=value=with=equals',
      'multi<<ghadelimiter_1f2e',
      'line one',
      '',
      'line three',
      'ghadelimiter_1f2e',
      'empty<<ghadelimiter_9a',
      'ghadelimiter_9a',
      '',
    ].join('\n');
    expect(parseFileCommands(text)).toEqual({
      plain: 'value=with=equals',
      multi: 'line one\n\nline three',
      empty: '',
    });
  });

  it('refuses a block with no closing delimiter', () => {
    expect(() => parseFileCommands('name<<EOF\nvalue\n')).toThrow(/no closing delimiter EOF/);
  });

  it('names inputs the way the runner does: upper-cased, hyphens kept', () => {
    expect(inputEnv({ 'cluster-name': 'aks', 'smoke-test-path': '/' })).toEqual({
      'INPUT_CLUSTER-NAME': 'aks',
      'INPUT_SMOKE-TEST-PATH': '/',
    });
  });

  it('applies action.yml defaults as strings', () => {
    const defaults = actionDefaults();
    expect(defaults.command).toBe('deploy');
    expect(defaults['create-namespace']).toBe('true');
    expect(defaults['service-port']).toBe('8787');
    expect(defaults).not.toHaveProperty('client-id');
  });

  it('collects ::add-mask:: values', () => {
    expect(maskedValues('::add-mask::s3cret\nhello\n::add-mask::tok en\n')).toEqual(['s3cret', 'tok en']);
  });
});

describe('runAction', () => {
  it('runs main then post with saved state, and reports outputs, env, path, summary and masks', async () => {
    const toolCache = sharedToolCache();
    try {
      const run = await runAction({
        entry,
        toolCache: toolCache.dir,
        sandbox: { env: { EXTRA: '1' }, inputs: { 'cluster-name': 'aks-one', 'release-name': 'from-sandbox' } },
        inputs: { 'release-name': 'from-test' },
      });
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toEqual({ 'release-name': 'from-test', notes: 'line one\nline two' });
      expect(run.exportedEnv.KUBECONFIG).toMatch(/fake-action\/kubeconfig$/);
      expect(run.addedPath).toEqual(['/opt/fake/bin']);
      expect(run.summary).toContain('<h1>Deployed</h1>');
      expect(run.summary).toContain('to aks-one');
      expect(run.masks).toEqual(['s3cr3t-value']);
      expect(run.state).toEqual({ isPost: 'true', workDir: expect.stringContaining('fake-action') });
      expect(run.stdout).toContain(`tool cache ${toolCache.dir}`);
      expect(run.postExitCode).toBe(0);
      expect(run.postStdout).toContain('post saw leave=');
      expect(run.runnerTempAfterPost).toEqual([]);
      expect(run.strayProcesses).toBe(false);
      expect(existsSync(toolCache.dir)).toBe(true);
    } finally {
      toolCache.remove();
    }
  });

  it('reports a failed step and the files its post step left behind', async () => {
    const run = await runAction({ entry, inputs: { fail: 'true', 'leave-file': 'true' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::input `fail` asked for it');
    expect(run.postExitCode).toBe(0);
    expect(run.runnerTempAfterPost).toEqual(['left.txt']);
    expect(run.filesLeftBehind).toEqual({ 'left.txt': 'oops' });
  });

  it('kills and reports processes a step left running', async () => {
    const run = await runAction({ entry, inputs: { 'leave-process': 'true' }, post: false });
    expect(run.exitCode).toBe(0);
    expect(run.strayProcesses).toBe(true);
    expect(isRunning(Number(run.outputs['stray-pid']))).toBe(false);
  });

  it('sends the cancel once cancelOnceTrue says yes, not before', async () => {
    let asked = 0;
    let yesAt = 0;
    const run = await runAction({
      entry,
      inputs: { 'wait-for-cancel': 'true' },
      post: false,
      cancelWhen: /waiting for a cancel/,
      cancelOnceTrue: async () => {
        asked++;
        if (asked < 4) return false;
        yesAt ||= Date.now();
        return true;
      },
    });
    expect(run.exitCode).toBe(1);
    expect(asked).toBe(4);
    const cancelledAt = Number(/cancelled at (\d+)/.exec(run.stdout)?.[1]);
    expect(run.cancelTimeline!.sigintAt).toBeGreaterThanOrEqual(yesAt);
    expect(cancelledAt).toBeGreaterThanOrEqual(yesAt);
  });

  it('skips the post step when asked', async () => {
    const run = await runAction({ entry, post: false });
    expect(run.postExitCode).toBeUndefined();
    expect(run.runnerTempAfterPost).toEqual(['fake-action/kubeconfig']);
  });
});
