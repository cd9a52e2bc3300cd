// The run's secrets, in one set: every secret input, every secret found in the values, every token and credential
// the action comes to hold. A secret is masked the moment it is added, together with the forms it travels in (a
// pull secret carries it in base64, a JSON document escaped, a log prints a PEM key line by line), and one redaction
// over the whole set serves the values, the render output, the smoke test's messages and the job summary.
import * as core from '@actions/core';

export const REDACTED = '***';

/** Shorter derived pieces would blank out ordinary words and numbers wherever they appear. */
const MIN_PIECE = 6;
/** Nothing this short is a real secret, and cutting it out would garble every text (the log masks it anyway). */
const MIN_REDACTED = 4;

/**
 * The substrings of base64 that `secret` produces wherever it sits in a larger encoded text: for each of the three
 * byte alignments, the characters that depend on the secret's bytes alone.
 */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [bytes.toString('base64')];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character c holds bits [6c, 6c + 6): it depends on the secret alone when they lie inside its bytes.
    const first = Math.ceil((8 * offset) / 6);
    const last = Math.floor((8 * (offset + bytes.length) - 6) / 6);
    forms.push(encoded.slice(first, last + 1));
  }
  return forms;
}

/** `secret` and every form it is likely to be printed in. Pure. */
export function derivedForms(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), ...base64Forms(secret)];
  for (const line of secret.split(/\r?\n/)) forms.push(line.trim());
  return [...new Set(forms)].filter((form) => form === secret || form.length >= MIN_PIECE);
}

export class SecretSet {
  private readonly forms = new Set<string>();
  private sorted: string[] | undefined;

  constructor(private readonly mask: (value: string) => void = core.setSecret) {}

  /** Adds secrets (empty values are skipped) and masks each of their forms. */
  add(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      if (!secret) continue;
      for (const form of derivedForms(secret)) {
        if (this.forms.has(form)) continue;
        this.forms.add(form);
        this.mask(form);
        this.sorted = undefined;
      }
    }
  }

  has(value: string): boolean {
    return this.forms.has(value);
  }

  /** Every secret form in `text` replaced by ***, the longest first so that overlapping secrets stay hidden. */
  redact(text: string): string {
    this.sorted ??= [...this.forms].filter((form) => form.length >= MIN_REDACTED).sort((a, b) => b.length - a.length);
    return this.sorted.reduce((result, form) => result.split(form).join(REDACTED), text);
  }
}
