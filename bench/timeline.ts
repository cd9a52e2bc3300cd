// The action's log as it streamed in, each line stamped with the bench's clock the moment it arrived. From it the bench
// reads when stages started and ended and, with RUNNER_DEBUG=1, when each helm or kubectl child process ran.
import type { Interval } from './stats.js';

export interface StampedLine {
  /** performance.now() when the line arrived. */
  at: number;
  text: string;
}

export interface ChildProcess extends Interval {
  /** `helm upgrade`, `kubectl get`, … */
  command: string;
}

export interface StageSpan extends Interval {
  name: string;
}

/** `::debug::child-process <name> <subcommand> exited <code> after <ms> ms`, printed by src/seams.ts as a child closes. */
const CHILD_EXIT = /^::debug::child-process (\S+) (\S*) exited \S+ after (\d+) ms$/;

export class Timeline {
  readonly lines: StampedLine[] = [];

  /** For `runAction({ onStdout })`. */
  readonly record = (text: string): void => {
    this.lines.push({ at: performance.now(), text });
  };

  /** When the first line matching `pattern` arrived, or undefined. */
  firstAt(pattern: RegExp): number | undefined {
    return this.lines.find((line) => pattern.test(line.text))?.at;
  }

  /**
   * Each child process as the interval [exit line's arrival − its duration, arrival]. The line is written in the
   * child's `close` handler and stdout is a pipe (synchronous in Node on Linux), so the error is a few milliseconds.
   */
  childProcesses(): ChildProcess[] {
    return this.lines.flatMap(({ at, text }) => {
      const match = CHILD_EXIT.exec(text);
      if (!match) return [];
      const [, name, subcommand, ms] = match;
      return [{ command: `${name} ${subcommand}`.trim(), start: at - Number(ms), end: at }];
    });
  }

  /** The `::group::` … `::endgroup::` spans, i.e. the action's stages. */
  stages(): StageSpan[] {
    const spans: StageSpan[] = [];
    let open: { name: string; start: number } | undefined;
    for (const { at, text } of this.lines) {
      if (text.startsWith('::group::')) open = { name: text.slice('::group::'.length), start: at };
      else if (text === '::endgroup::' && open) {
        spans.push({ ...open, end: at });
        open = undefined;
      }
    }
    return spans;
  }
}
