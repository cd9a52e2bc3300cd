// Writers for what leaves the process besides the log (log.ts): the step's outputs, the job summary, Markdown for
// GitHub, and the JSON files later steps of the job read (the plan). Each is built with the run's SecretSet and
// redacts by itself, so a caller hands over what it has and cannot forget. The GitHub REST client is built with the
// same set (src/github/rest.ts).
import * as runner from '../runner.js';
import type { Workspace } from '../workspace.js';
import type { SecretSet } from './secret-set.js';

/** Where the writers deliver: the runner's files (src/runner.ts), or a test's record. */
export interface OutboundSinks {
  setOutput(name: string, value: string): void;
  writeSummary(markdown: string): Promise<void>;
}

const RUNNER: OutboundSinks = {
  setOutput: (name, value) => runner.setOutput(name, value),
  writeSummary: async (markdown) => {
    await runner.appendSummary(markdown);
  },
};

export class Outbound {
  constructor(
    private readonly secrets: SecretSet,
    private readonly sinks: OutboundSinks = RUNNER,
  ) {}

  /** A step output: no output ever needs a secret. */
  output(name: string, value: string): void {
    this.sinks.setOutput(name, this.secrets.redact(value));
  }

  /**
   * Markdown made from data that may hold outside text (the job summary, the pull request comment): the data is
   * redacted before it is formatted, since escaping respells a secret (`a_b` becomes `a\_b`), and the result after.
   */
  markdown<T>(data: T, format: (data: T) => string): string {
    return this.secrets.redact(format(this.secrets.redactDeep(data)));
  }

  /** The job summary, made as `markdown` makes it. */
  async summary<T>(data: T, format: (data: T) => string): Promise<void> {
    await this.sinks.writeSummary(this.markdown(data, format));
  }

  /**
   * A JSON file for later steps of the job: every string redacted before it is encoded (so the JSON stays valid),
   * under a random name in the action's private folder, created exclusively with mode 0600. Its path.
   */
  jsonFile(workspace: Workspace, prefix: string, data: unknown): Promise<string> {
    return workspace.createPrivateFile(prefix, '.json', `${JSON.stringify(this.secrets.redactDeep(data), null, 2)}\n`);
  }
}
