import { describe, expect, it } from '@jest/globals';
import { recoveryDeadline, secondsUntil, splitTimeout } from '../../src/deploy/budget.js';

describe('splitTimeout', () => {
  it.each([
    // timeout (s), the upgrade's share (s), the rollback's reserve (s)
    [600, 420, 180],
    [180, 120, 60],
    [90, 60, 30],
    [40, 20, 20],
    [3600, 3420, 180],
  ])('splits timeout %i s into %i s for the upgrade and %i s for a rollback', (timeout, apply, reserve) => {
    const budget = splitTimeout(1_000, timeout);
    expect(budget).toEqual({
      applyDeadline: 1_000 + apply * 1000,
      end: 1_000 + timeout * 1000,
      reserveMs: reserve * 1000,
    });
  });
});

describe('recoveryDeadline', () => {
  const budget = splitTimeout(0, 180);
  it.each([
    ['the watcher gave up', 120_000, 180_000],
    ['helm failed early', 5_000, 180_000],
    ['a late check failed past the end', 400_000, 460_000],
  ])('%s: the rollback is done by the end of timeout, or gets its reserve', (_why, now, expected) => {
    expect(recoveryDeadline(budget, now)).toBe(expected);
  });
});

describe('secondsUntil', () => {
  it.each([
    [61_500, 0, 61],
    [1_000, 5_000, 1],
  ])('%i ms from %i ms is --timeout %is', (deadline, now, seconds) => {
    expect(secondsUntil(deadline, now)).toBe(seconds);
  });
});
