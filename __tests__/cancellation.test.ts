// The runner's grace shared out: from the first signal, the recovery stops 3.5 s before the kill and the calls to
// GitHub 1 s before it, whichever signal came first.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { cancelOnSignals, type Cancellation } from '../src/cancellation.js';

describe('cancelOnSignals', () => {
  let cancellation: Cancellation;
  let write: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    jest.useFakeTimers();
    write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    cancellation = cancelOnSignals();
  });
  afterEach(() => {
    cancellation.stop();
    write.mockRestore();
    jest.useRealTimers();
  });

  const state = () => [cancellation.signal.aborted, cancellation.recoveryOver.aborted, cancellation.reportOver.aborted];

  it('SIGINT: stop waiting now, stop recovering at 6.5 s, stop calling GitHub at 9 s (the kill comes at 10 s)', () => {
    process.emit('SIGINT', 'SIGINT');
    expect(state()).toEqual([true, false, false]);
    expect((cancellation.signal.reason as Error).message).toBe('The workflow was cancelled (SIGINT).');
    jest.advanceTimersByTime(6_499);
    expect(state()).toEqual([true, false, false]);
    jest.advanceTimersByTime(1);
    expect(state()).toEqual([true, true, false]);
    // The runner's SIGTERM at 7.5 s changes nothing: the report already ends 1 s before the kill.
    jest.advanceTimersByTime(1_000);
    process.emit('SIGTERM', 'SIGTERM');
    jest.advanceTimersByTime(1_499);
    expect(state()).toEqual([true, true, false]);
    jest.advanceTimersByTime(1);
    expect(state()).toEqual([true, true, true]);
  });

  it('SIGTERM alone leaves 2.5 s: no time to recover, GitHub until 1.5 s', () => {
    process.emit('SIGTERM', 'SIGTERM');
    jest.advanceTimersByTime(0);
    expect(state()).toEqual([true, true, false]);
    expect((cancellation.signal.reason as Error).message).toBe('The workflow was cancelled (SIGTERM).');
    jest.advanceTimersByTime(1_500);
    expect(state()).toEqual([true, true, true]);
  });
});
