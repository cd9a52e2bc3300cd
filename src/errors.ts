// A failure the workflow author can act on: what failed, which input, what to do next.
export interface ActionErrorDetails {
  /** The input the user should look at, e.g. `cluster-name`. */
  input?: string;
  /** What to do about it, in one or two sentences. */
  hint?: string;
  /** Longer evidence (pod events, log lines) for the log group and the job summary. */
  diagnosis?: string;
  /** What the deploy stage restored after this failure (a rollback), for the outputs and the summary. */
  recovery?: { summary: string; restoredRevision?: number };
}

export class ActionError extends Error {
  readonly details: ActionErrorDetails;

  constructor(message: string, details: ActionErrorDetails = {}) {
    super(message);
    this.name = 'ActionError';
    this.details = details;
  }
}

/** Several problems found at once (input validation): each stays a separate, readable line. */
export class ValidationError extends ActionError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `${problems.length} problem(s) with the inputs; nothing was deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { hint: "Correct each input named above in the step's `with:` block, then run the job again." },
    );
    this.name = 'ValidationError';
    this.problems = problems;
  }
}
