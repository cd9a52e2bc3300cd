// Pure parsers for single-line inputs. Each throws InvalidInput with a sentence about the value; the caller
// (read-inputs.ts) prefixes the input's name, so every message reads "`input`: what is wrong: what to write".

export class InvalidInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInput';
  }
}

const quote = (raw: string) => JSON.stringify(raw);

/** Only `true` and `false`: a typo like `ture` must not silently mean false. */
export function parseBoolean(raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new InvalidInput(`${quote(raw)} is not a boolean: write true or false.`);
}

/** `10m`, `90s`, `1h`, `1h30m` or plain seconds (`600`), in seconds. */
export function parseDuration(raw: string, { allowZero = false } = {}): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(raw) ?? /^()()(\d+)$/.exec(raw);
  if (!raw || !match) {
    throw new InvalidInput(`${quote(raw)} is not a duration: write it like 10m, 90s, 1h30m or a number of seconds.`);
  }
  const [hours, minutes, seconds] = match.slice(1).map((part) => Number(part || 0));
  const total = hours * 3600 + minutes * 60 + seconds;
  if (total === 0 && !allowZero) throw new InvalidInput(`${quote(raw)} is zero: give a positive duration.`);
  return total;
}

export function parseInteger(raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new InvalidInput(`${quote(raw)} is not a whole number from ${min} to ${max}.`);
  }
  return Number(raw);
}

/** How many failed requests a rollout may have before the deploy fails: a count, or a share of the requests. */
export type FailureBudget = { count: number } | { percent: number };

/** `3` (failed requests) or `1%` (of the requests sent), for availability-budget. */
export function parseFailureBudget(raw: string): FailureBudget {
  const share = /^(\d+(?:\.\d+)?)%$/.exec(raw);
  if (share && Number(share[1]) <= 100) return { percent: Number(share[1]) };
  if (/^\d+$/.test(raw)) return { count: Number(raw) };
  throw new InvalidInput(`${quote(raw)} is neither a number of failed requests (\`3\`) nor a share of them (\`1%\`).`);
}

/** `5%` (or `0.5%`): a share from 0 to 100 %, as a ratio from 0 to 1. */
export function parsePercent(raw: string): number {
  const share = /^(\d+(?:\.\d+)?)%$/.exec(raw);
  if (!share || Number(share[1]) > 100)
    throw new InvalidInput(`${quote(raw)} is not a share like \`5%\` (0% to 100%).`);
  return Number(share[1]) / 100;
}

/** `10,50`: ascending percentages, each from 1 to 99 (100 % is the release itself). */
export function parseSteps(raw: string): number[] {
  const steps = splitList(raw).map((item) => {
    const value = /^(\d+)%?$/.exec(item);
    if (!value || Number(value[1]) < 1 || Number(value[1]) > 99) {
      throw new InvalidInput(`${quote(item)} is not a share from 1 to 99 (percent): write the steps like \`10,50\`.`);
    }
    return Number(value[1]);
  });
  if (steps.some((step, i) => i > 0 && step <= steps[i - 1])) {
    throw new InvalidInput(`${quote(raw)} does not go up: write the steps in ascending order, like \`10,50\`.`);
  }
  return steps;
}

/** `500ms`, `2s` or `1.5s`: a latency, in milliseconds. */
export function parseLatency(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(raw);
  if (!match || Number(match[1]) === 0) {
    throw new InvalidInput(`${quote(raw)} is not a latency: write it like 500ms or 2s.`);
  }
  return Math.round(Number(match[1]) * (match[2] === 's' ? 1000 : 1));
}

export const parsePort = (raw: string) => parseInteger(raw, 1, 65535);

/** One of `choices`, returned in its canonical spelling; `ignoreCase` where other tools accept any case. */
export function parseChoice<T extends string>(raw: string, choices: readonly T[], { ignoreCase = false } = {}): T {
  const found = choices.find((choice) => choice === raw || (ignoreCase && choice.toLowerCase() === raw.toLowerCase()));
  if (found !== undefined) return found;
  const shown = choices.map((choice) => (choice ? `\`${choice}\`` : 'empty')).join(', ');
  throw new InvalidInput(`${quote(raw)} is not one of ${shown}.`);
}

/** Items separated by newlines or commas, trimmed, empties dropped. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export function parseHttpUrl(raw: string, { httpsOnly = false } = {}): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  const schemes = httpsOnly ? ['https:'] : ['https:', 'http:'];
  if (!url || !schemes.includes(url.protocol)) {
    throw new InvalidInput(`${quote(raw)} is not an ${httpsOnly ? 'https://' : 'http(s)://'} URL.`);
  }
  // Not quoted back: the password would be in the error. A URL is printed and handed to helm as it is.
  if (url.username || url.password) {
    throw new InvalidInput(
      'carries credentials (`user:password@`), which the log would show with the URL and helm would get on its command line, where other processes can read them: give the URL without them.',
    );
  }
  return raw.replace(/\/+$/, '');
}

/** `4.1.4`, `4.1`, `latest`; a leading `v` is dropped. */
export function parseToolVersion(raw: string): string {
  const version = raw.replace(/^v/, '');
  if (version === 'latest' || /^\d+\.\d+(\.\d+(-[0-9A-Za-z.-]+)?)?$/.test(version)) return version;
  throw new InvalidInput(`${quote(raw)} is not a version: write an exact version (4.1.4), X.Y, or latest.`);
}

export function parseSha256(raw: string): string {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return raw.toLowerCase();
  throw new InvalidInput(`${quote(raw)} is not a SHA-256 (64 hexadecimal characters).`);
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** An IPv4 or IPv6 address with an optional prefix length, as Azure's allowed-ip-ranges annotation takes. */
export function parseCidr(raw: string): string {
  const [address, prefix, extra] = raw.split('/');
  const v4 = ipv4.test(address);
  const v6 = !v4 && /^[0-9a-fA-F:]+$/.test(address) && address.includes(':');
  const maxPrefix = v4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
  if ((v4 || v6) && prefixOk && extra === undefined) return raw;
  throw new InvalidInput(`${quote(raw)} is not an IP range: write CIDR ranges like 203.0.113.0/24.`);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseGuid(raw: string): string {
  if (GUID.test(raw)) return raw;
  throw new InvalidInput(`${quote(raw)} is not a GUID (xxxxxxxx-xxxx-...).`);
}

const DOMAIN = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** An Entra tenant as the sign-in URL takes it: the directory's GUID or one of its domains. */
export function parseTenantId(raw: string): string {
  if (GUID.test(raw) || DOMAIN.test(raw)) return raw;
  throw new InvalidInput(
    `${quote(raw)} is not a tenant: give the directory's ID (a GUID) or one of its domains (contoso.onmicrosoft.com).`,
  );
}

/** A bare host name (no scheme, no path), for hosts the action builds URLs from. */
export function parseHostName(raw: string): string {
  if (/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d+)?$/.test(raw))
    return raw;
  throw new InvalidInput(`${quote(raw)} is not a host name: give the host alone, without https:// or a path.`);
}
