// Batches the reads of a poll loop into one runCommand invocation per round. Each invocation starts a pod (seconds
// to a minute), and the rollout watcher reads the release history, its workloads and their pods on every look: one
// invocation per read would make a look take minutes. The batcher learns a loop's reads instead of being told them:
// a read asked for the first time runs at once (with any other new read asked at the same moment); a read asked
// again starts a new round, which fetches everything the last round used in one invocation, and the loop's other
// reads of that look are then answered from it. A result is handed out once and only within its round, so nothing
// is ever answered from a stale look.
import type { RunResult } from '../../seams.js';
import type { CommandLine } from './script.js';

export type Execute = (commands: CommandLine[], signal?: AbortSignal) => Promise<RunResult[]>;

interface Entry {
  command: CommandLine;
  result: RunResult;
  used: boolean;
  /** Epoch ms when it was read. */
  at: number;
}

interface Waiting {
  command: CommandLine;
  signal?: AbortSignal;
  settle: { resolve(result: RunResult): void; reject(error: unknown): void };
}

/** A result older than this is not handed out even within its round: the loop has moved on. */
const MAX_AGE_MS = 60_000;

const keyOf = (command: CommandLine) => JSON.stringify([command.tool, ...command.args]);

/** Aborted when every caller's signal is; a caller without one keeps the invocation going. */
function combined(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  return signals.every(Boolean) ? AbortSignal.any(signals as AbortSignal[]) : undefined;
}

export class ReadBatcher {
  private round = new Map<string, Entry>();
  private refreshing: Promise<void> | undefined;
  private waiting: Waiting[] = [];

  constructor(
    private readonly execute: Execute,
    private readonly now: () => number,
  ) {}

  async run(command: CommandLine, signal?: AbortSignal): Promise<RunResult> {
    const key = keyOf(command);
    for (;;) {
      // Another read's round may be under way; its answer may be this one.
      await this.refreshing?.catch(() => undefined);
      const entry = this.round.get(key);
      if (entry && !entry.used && this.now() - entry.at <= MAX_AGE_MS) {
        entry.used = true;
        return entry.result;
      }
      if (!entry || !entry.used) return this.soon(command, signal);
      this.refreshing ??= this.nextRound(signal).finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
  }

  /** Drops the current round: after a change to the cluster, none of it may be handed out. */
  forget(): void {
    this.round = new Map();
  }

  /** Runs a new read together with the others asked before the event loop moves on (independent awaits). */
  private soon(command: CommandLine, signal?: AbortSignal): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ command, signal, settle: { resolve, reject } }) === 1) setImmediate(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const results = await this.execute(
        batch.map((w) => w.command),
        combined(batch.map((w) => w.signal)),
      );
      const at = this.now();
      batch.forEach((w, i) => {
        this.round.set(keyOf(w.command), { command: w.command, result: results[i], used: true, at });
        w.settle.resolve(results[i]);
      });
    } catch (error) {
      for (const w of batch) w.settle.reject(error);
    }
  }

  /** Everything the last round used, read again at once. */
  private async nextRound(signal?: AbortSignal): Promise<void> {
    const wanted = [...this.round.values()].filter((entry) => entry.used).map((entry) => entry.command);
    const results = await this.execute(wanted, signal);
    const at = this.now();
    this.round = new Map(
      wanted.map((command, i) => [keyOf(command), { command, result: results[i], used: false, at }]),
    );
  }
}
