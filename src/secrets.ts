// The run's secrets, in one set: every secret input, every secret found in the values, every token and credential
// the action comes to hold. A secret is masked the moment it is added, together with the forms it travels in (a
// pull secret carries it in base64, a JSON document escaped, a URL percent-encoded, a workflow command %-escaped, a
// log prints a PEM key line by line), and one redaction over the whole set serves everything the action prints or
// writes: the standard streams (redactStandardStreams), the outputs, the render output and the job summary.
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

/** How @actions/core escapes the data of a workflow command (`::error::`, `::warning::`): the log shows it so. */
const commandEscaped = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** `secret` and every form it is likely to be printed in. Pure. */
export function derivedForms(secret: string): string[] {
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  const forms = [
    secret,
    jsonEscaped,
    commandEscaped(secret),
    encodeURIComponent(secret),
    ...base64Forms(secret),
    // A chart that base64-encodes a JSON document holding the secret (a .dockerconfigjson) encodes it escaped.
    ...(jsonEscaped === secret ? [] : base64Forms(jsonEscaped)),
  ];
  for (const line of secret.split(/\r?\n/)) forms.push(line.trim());
  return [...new Set(forms)].filter((form) => form === secret || form.length >= MIN_PIECE);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** While SecretSet registers a mask, the command carrying it must reach the runner as it is. */
let registeringMask = false;

function registerMask(value: string): void {
  registeringMask = true;
  try {
    core.setSecret(value);
  } finally {
    registeringMask = false;
  }
}

export class SecretSet {
  private readonly forms = new Set<string>();
  private pattern: RegExp | null | undefined;

  constructor(private readonly mask: (value: string) => void = registerMask) {}

  /** Adds secrets (empty values are skipped) and masks each of their forms. */
  add(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      if (!secret) continue;
      for (const form of derivedForms(secret)) {
        if (this.forms.has(form)) continue;
        this.forms.add(form);
        this.mask(form);
        this.pattern = undefined;
      }
    }
  }

  has(value: string): boolean {
    return this.forms.has(value);
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
}

type Writable = Pick<NodeJS.WriteStream, 'write'>;

/**
 * From now on every write to the streams (the log, where @actions/core prints, and whatever helm or kubectl output
 * the stages pass on) is redacted by `secrets`, the mask commands of the set itself excepted. Run once, first thing.
 */
export function redactStandardStreams(secrets: SecretSet, streams: Writable[] = [process.stdout, process.stderr]) {
  for (const stream of streams) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (registeringMask) return write(chunk, ...rest);
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      return write(secrets.redact(text), ...rest.filter((arg) => typeof arg === 'function'));
    }) as Writable['write'];
  }
}
