// The run's secrets, in one set: every secret input, every secret found in the values, every token and credential
// the action comes to hold. A secret is masked the moment it is added, together with the forms it travels in
// (derived-forms.ts), and one redaction over the whole set serves the writers of everything that leaves the process
// (log.ts, outbound.ts, the GitHub REST client).
import { derivedForms } from './derived-forms.js';
import { registerMask } from './log.js';

export const REDACTED = '***';

/** Nothing this short is a real secret, and cutting it out would garble every text (the log masks it anyway). */
const MIN_REDACTED = 4;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class SecretSet {
  /** The secrets as they were added. */
  private readonly secrets = new Set<string>();
  /** The secrets and every form derived from them. */
  private readonly forms = new Set<string>();
  private pattern: RegExp | null | undefined;

  constructor(private readonly mask: (value: string) => void = registerMask) {}

  /** Adds secrets (empty values are skipped) and masks each of their forms. */
  add(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      if (!secret || this.secrets.has(secret)) continue;
      this.secrets.add(secret);
      for (const form of derivedForms(secret)) {
        if (this.forms.has(form)) continue;
        this.forms.add(form);
        this.mask(form);
        this.pattern = undefined;
      }
    }
  }

  /** Whether `value` is one of the secrets or of the forms derived from them. */
  has(value: string): boolean {
    return this.forms.has(value);
  }

  /** The secrets added so far, as they were added (not their derived forms). */
  get added(): readonly string[] {
    return [...this.secrets];
  }

  /**
   * Every secret form in `text` replaced by ***. Overlapping forms are cut out together, so no piece of either
   * survives; one pass of one pattern, so a 10 MB manifest or 100 000 short values cost about the same.
   */
  redact(text: string): string {
    if (this.pattern === undefined) {
      const forms = [...this.forms].filter((form) => form.length >= MIN_REDACTED).sort((a, b) => b.length - a.length);
      // A lookahead finds the longest form starting at every position, overlapping ones included.
      this.pattern = forms.length ? new RegExp(`(?=(${forms.map(escapeRegExp).join('|')}))`, 'g') : null;
    }
    const pattern = this.pattern;
    if (!pattern) return text;
    let result = '';
    let copied = 0;
    let coveredTo = -1;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[1].length;
      if (start > coveredTo) {
        result += `${text.slice(copied, start)}${REDACTED}`;
      }
      coveredTo = Math.max(coveredTo, end);
      copied = coveredTo;
      pattern.lastIndex = start + 1;
    }
    return copied === 0 ? text : result + text.slice(copied);
  }

  /**
   * A copy of `value` with every string in it redacted, map keys included: for data that is formatted (escaped,
   * encoded) after it leaves here, where a secret would no longer be spelled the way the set knows it.
   */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.redactDeep(item)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.redact(key), this.redactDeep(item)]),
      ) as T;
    }
    return value;
  }
}
