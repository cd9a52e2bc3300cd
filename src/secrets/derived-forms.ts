// The forms a secret travels in once something has encoded it: a pull secret carries it in base64, a JSON document
// escaped (by JavaScript, by Go's encoder that helm and kubectl use, or by one that writes only ASCII), a URL
// percent-encoded, a workflow command %-escaped, a log prints a PEM key line by line. Pure.

/** Shorter derived pieces would blank out ordinary words and numbers wherever they appear. */
const MIN_PIECE = 6;

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

/** How the runner protocol (src/runner.ts) escapes the data of a workflow command (`::error::`, `::warning::`): the log shows it so. */
export const commandEscaped = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The inside of a JSON string as each encoder writes it: JavaScript's, Go's (HTML characters escaped), ASCII-only. */
export function jsonEscapedForms(secret: string): string[] {
  const javascript = JSON.stringify(secret).slice(1, -1);
  return [
    javascript,
    javascript.replace(/[<>&\u2028\u2029]/g, unicodeEscape),
    javascript.replace(/[^\x20-\x7e]/g, unicodeEscape),
  ];
}

/** `secret` and every form it is likely to be printed in, without duplicates and without pieces too short to cut. */
export function derivedForms(secret: string): string[] {
  const escaped = jsonEscapedForms(secret);
  const forms = [
    secret,
    ...escaped,
    commandEscaped(secret),
    encodeURIComponent(secret),
    ...base64Forms(secret),
    // A chart that base64-encodes a JSON document holding the secret (a .dockerconfigjson) encodes it escaped.
    ...escaped.filter((form) => form !== secret).flatMap(base64Forms),
  ];
  for (const line of secret.split(/\r?\n/)) forms.push(line.trim());
  return [...new Set(forms)].filter((form) => form === secret || form.length >= MIN_PIECE);
}

/**
 * What Portkey's chart derives from registry credentials, which helm may print: the `auth` string and the whole
 * `.dockerconfigjson` document, with and without the username, password and email beside `auth`.
 */
export function pullSecretForms(registry: string, username: string, password: string): string[] {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  const entries = [{ username, password, auth }, { username, password, email: '', auth }, { auth }];
  const configs = entries.map((entry) => JSON.stringify({ auths: { [registry]: entry } }));
  return [auth, ...configs.map((config) => Buffer.from(config).toString('base64'))];
}
