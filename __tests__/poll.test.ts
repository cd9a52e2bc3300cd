// The one wait: its deadline, its early wake-up, cancellation, and no timer left behind to hold the process open.
import { describe, expect, it } from '@jest/globals';
import { ActionError } from '../src/errors.js';
import { pause, poll } from '../src/poll.js';
import { realSeams } from '../src/seams.js';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('pause', () => {
  it('wakes early when told to, and stops its timer', async () => {
    const before = timers();
    const started = Date.now();
    expect(await pause(60_000, { wake: Promise.resolve() }, realSeams)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(timers()).toBe(before);
  });

  it('is false, without sleeping, once the deadline has passed', async () => {
    const clock = { now: () => 1000, sleep: async () => Promise.reject(new Error('slept')) };
    expect(await pause(500, { deadline: 999 }, clock)).toBe(false);
  });

  it('sleeps no further than the deadline', async () => {
    const naps: number[] = [];
    const clock = { now: () => 1000, sleep: async (ms: number) => void naps.push(ms) };
    expect(await pause(5000, { deadline: 1300 }, clock)).toBe(true);
    expect(naps).toEqual([300]);
  });

  it('throws the cancellation, at once, and stops its timer', async () => {
    const before = timers();
    const cancel = new AbortController();
    const waiting = pause(60_000, { signal: cancel.signal }, realSeams);
    cancel.abort(new ActionError('The workflow was cancelled (SIGINT).'));
    await expect(waiting).rejects.toThrow('The workflow was cancelled (SIGINT).');
    expect(timers()).toBe(before);
  });
});

describe('poll', () => {
  const fakeClock = () => {
    let now = 0;
    const naps: number[] = [];
    return { naps, clock: { now: () => now, sleep: async (ms: number) => void (naps.push(ms), (now += ms)) } };
  };

  it.each([
    ['the third attempt answers', 10_000, [undefined, undefined, 'ready'], 'ready', [100, 200]],
    ['the deadline comes first', 250, [undefined, undefined, undefined, 'late'], undefined, [100, 150]],
  ])('calls again with the backoff until %s', async (_what, deadline, answers, result, naps) => {
    const { clock, naps: slept } = fakeClock();
    const attempts: number[] = [];
    const got = await poll({ deadline, intervalMs: (n) => 100 * n }, clock, async (n) => {
      attempts.push(n);
      return answers[n - 1];
    });
    expect(got).toBe(result);
    expect(slept).toEqual(naps);
  });
});
