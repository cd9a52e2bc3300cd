// Reads inputs by the declared table: the action.yml default filled in, secrets masked on sight, the text parsed
// once, and whether the workflow gave it; a renamed input also under its old name. Every problem is collected, naming
// its input, so that one failed run shows the workflow author everything to fix.
import { embeddedSecrets, isSecretInput, type SecretSet } from '../secrets/index.js';
import type { InputFiles } from './input-files.js';
import { InvalidInput } from './scalars.js';
import { spec, type InputName, type InputValue } from './table.js';
import { INSECURE_TRANSPORT_HINT, plainHttpProblem } from './transport.js';

export type GetInput = (name: string) => string;

export class InputReader {
  readonly problems: string[] = [];
  /** Old names the workflow still uses, each naming the new one. */
  readonly warnings: string[] = [];
  /** Inputs the workflow set to something other than their default. */
  readonly given = new Set<InputName>();
  private readonly values = new Map<InputName, unknown>();

  constructor(
    private readonly getInput: GetInput,
    readonly secrets: SecretSet,
    readonly files: InputFiles,
  ) {}

  /** The input's value, parsed by its entry; its entry's `empty` when it is empty or was refused. */
  value<N extends InputName>(name: N): InputValue<N> {
    if (!this.values.has(name)) this.values.set(name, this.read(name));
    return this.values.get(name) as InputValue<N>;
  }

  problem(name: InputName, message: string): void {
    this.problems.push(`\`${name}\`: ${message}`);
  }

  /** A multi-line input parsed by `parse`, whose problems (one per bad line) are the input's. */
  lines<T extends { problems: string[] }>(name: InputName, parse: (raw: string) => T): T {
    const parsed = parse(this.value(name) as string);
    for (const message of parsed.problems) this.problem(name, message);
    return parsed;
  }

  /** A problem when the URL input is plain HTTP to another machine and insecure transport was not allowed. */
  secureUrl(name: InputName, what: string): void {
    const problem = plainHttpProblem(String(this.value(name)));
    if (problem && !this.value('allow-insecure-transport')) {
      this.problem(name, `${problem}: ${what} would cross the network unauthenticated; ${INSECURE_TRANSPORT_HINT}`);
    }
  }

  private read(name: InputName): unknown {
    const entry = spec(name);
    const { given, label } = this.givenText(name);
    // A default that is an expression (`${{ github.token }}`) is the runner's to fill in: where it was not (a run
    // outside a runner), there is no value, and a value the runner filled in is no choice of the workflow's.
    const fromRunner = entry.default?.startsWith('${{') ?? false;
    const raw = given || (fromRunner ? '' : (entry.default ?? ''));
    if (given && !fromRunner && given !== entry.default) this.given.add(name);
    if (isSecretInput(name) && !entry.multiline && raw) this.secrets.add(raw);
    // Not a secret input, but a URL may carry a password (`https://user:pw@mirror/`, `rediss://:pw@host`) or a key.
    const embedded = entry.url ? embeddedSecrets(raw) : [];
    if (embedded.length > 0) this.secrets.add(raw, ...embedded);
    if (!raw) return entry.empty;
    if (!entry.multiline && /[\r\n]/.test(raw)) {
      this.problems.push(
        `${label}: holds a line break, which would split the log's lines and the HTTP headers it goes into: give it on one line (a secret pasted with a newline in it, or a \`|\` block, adds one).`,
      );
      return entry.empty;
    }
    try {
      return entry.parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      this.problems.push(`${label}: ${error.message}`);
      return entry.empty;
    }
  }

  /**
   * The workflow's text for `name`, and how a problem with it names it. A renamed input's old name is read when the
   * new one was left at its default: the runner passes a default as if it were given, so a new name given its
   * default value is taken for one not given.
   */
  private givenText(name: InputName): { given: string; label: string } {
    const entry = spec(name);
    const given = this.getInput(name).trim();
    const old = entry.renamedFrom;
    const oldGiven = old ? this.getInput(old).trim() : '';
    if (!old || !oldGiven) return { given, label: `\`${name}\`` };
    if (given && given !== entry.default) {
      this.problem(name, `is also given under its old name \`${old}\`: remove \`${old}\` and keep \`${name}\`.`);
      return { given, label: `\`${name}\`` };
    }
    this.warnings.push(
      `The input \`${old}\` was renamed \`${name}\`: use the new name in the workflow (the old one still works).`,
    );
    return { given: oldGiven, label: `\`${old}\` (now \`${name}\`)` };
  }
}
