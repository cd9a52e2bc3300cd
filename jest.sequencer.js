/**
 * Jest's order, with one change for a cold run. With timings from an earlier run jest starts the slowest files
 * first; without them (CI's clean machine) it goes by file size, which starts the end-to-end files (each spawns the
 * bundle, helm and kubectl for minutes; hostile-corpus and failures take about 4 minutes each) among a hundred quick
 * unit files and leaves one worker finishing the longest alone. Untimed files under __tests__/e2e/ therefore go
 * first, still largest first: on 2 workers that ends the suite about 40 s sooner, as near as any order gets.
 */
import * as path from 'node:path';
import sequencer from '@jest/test-sequencer';

const TestSequencer = sequencer.default ?? sequencer;
const E2E = `${path.sep}__tests__${path.sep}e2e${path.sep}`;

export default class E2eFirstSequencer extends TestSequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    const sorted = super.sort(tests);
    /** @param {import('@jest/test-result').Test} test */
    const untimedE2e = (test) => test.duration == null && test.path.includes(E2E);
    return [...sorted.filter(untimedE2e), ...sorted.filter((test) => !untimedE2e(test))];
  }
}
