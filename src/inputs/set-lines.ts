// The `set` input, one assignment per line, typed the way `helm --set` types them.
import type { SetLine, SetType } from './config.js';
import { parseKeyPath } from './key-path.js';
import { InvalidInput } from './scalars.js';

export interface SetLines {
  lines: SetLine[];
  problems: string[];
}

/** What `helm --set` makes of a bare value: booleans, null and plain numbers; anything else stays a string. */
export function typeSetValue(raw: string): unknown {
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^null$/i.test(raw)) return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(raw) && Number.isSafeInteger(Math.trunc(Number(raw)))) return Number(raw);
  return raw;
}

function parseSetLine(line: string, number: number): SetLine {
  const equals = line.indexOf('=');
  if (equals < 0) throw new InvalidInput(`no '=' found: write path=value, path:string=value or path:json=value.`);
  let key = line.slice(0, equals).trim();
  const raw = line.slice(equals + 1).trim();
  let type: SetType = 'auto';
  const typed = /:(string|json)$/.exec(key);
  if (typed) {
    type = typed[1] as SetType;
    key = key.slice(0, typed.index);
  }
  const path = parseKeyPath(key);
  let value: unknown = raw;
  if (type === 'auto') value = typeSetValue(raw);
  if (type === 'json') {
    try {
      value = JSON.parse(raw);
    } catch {
      // JSON.parse's own message quotes the text, which may be a secret.
      throw new InvalidInput(`the value of ${key}:json is not valid JSON.`);
    }
  }
  return { path, type, raw, value, line: number };
}

/** Parses each line (blank lines and `#` comments skipped) with `parseLine`; a problem names its line. */
export function parseEachLine<T>(
  raw: string,
  parseLine: (line: string, number: number) => T,
): { items: T[]; problems: string[] } {
  const items: T[] = [];
  const problems: string[] = [];
  raw.split('\n').forEach((text, index) => {
    const line = text.trim();
    if (!line || line.startsWith('#')) return;
    try {
      items.push(parseLine(line, index + 1));
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      problems.push(`line ${index + 1}: ${error.message}`);
    }
  });
  return { items, problems };
}

export function parseSetLines(raw: string): SetLines {
  const { items, problems } = parseEachLine(raw, parseSetLine);
  return { lines: items, problems };
}
