import { describe, expect, it } from '@jest/globals';
import { formatDuration } from '../src/duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [2000, '2 s'],
    [48_260, '48.3 s'],
    [59_600, '59.6 s'],
    [59_960, '1 min 0 s'],
    [125_000, '2 min 5 s'],
    [3_600_000, '1 h 0 min 0 s'],
    [-3, '0 ms'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
