// What the smoke test may ask for, held to its rules when the inputs are read, before anything is deployed. The path
// goes into the API server's service proxy URL (`…/services/NAME:PORT/proxy<path>`): a `..` segment, or one the
// server decodes into `..` or `/`, would climb out of the gateway's proxy into the API server itself (the namespace's
// Secrets answered). The URL is where the runner sends the health check and, over https, the chat completion's keys:
// never to a cloud's metadata service, never with credentials of its own that the log would show.
import { BlockList, isIP } from 'node:net';
import { InvalidInput, parseHttpUrl } from './scalars.js';

const quote = (raw: string) => JSON.stringify(raw);

/** Characters a path segment may hold as they are (RFC 3986 `pchar`, less `%`, which is checked on its own). */
const SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]*$/;
/** Percent-escapes that decode into a dot, a slash, a backslash or a percent sign: each can change the route. */
const ROUTE_ESCAPE = /%(2e|2f|5c|25)/i;

/** `/v1/health`: an absolute path, segment by segment, that names the same route wherever it is decoded. */
export function parseSmokeTestPath(raw: string): string {
  const bad = (why: string) => new InvalidInput(`${quote(raw)} ${why}; give a plain path like /v1/health.`);
  if (!raw.startsWith('/')) throw new InvalidInput(`${quote(raw)} must start with '/'.`);
  if (raw.includes('\\')) throw bad('holds a backslash, which some servers read as a slash');
  if (/[?#]/.test(raw)) throw bad('holds a query or a fragment (`?`, `#`): the smoke test requests a path alone');
  const segments = raw.slice(1).split('/');
  segments.forEach((segment, index) => {
    if (segment === '.' || segment === '..')
      throw bad(`has a ${quote(segment)} segment, which leaves the gateway's route`);
    // A trailing slash is a path of its own (`/v1/health/`); an empty segment anywhere else (`//host`) is not.
    if (segment === '' && index < segments.length - 1) throw bad('has an empty segment (`//`)');
    if (!SEGMENT.test(segment)) throw bad(`has a character a URL path does not hold as it is in ${quote(segment)}`);
    if (/%(?![0-9a-f]{2})/i.test(segment)) throw bad(`has a '%' that starts no escape in ${quote(segment)}`);
    if (ROUTE_ESCAPE.test(segment)) {
      throw bad(`has an escaped dot, slash, backslash or percent sign in ${quote(segment)}, which the server decodes`);
    }
    // Decoded by the API server's proxy, a CR, LF or NUL would end the request line or split a header.
    if (/%(?:[01][0-9a-f]|7f)/i.test(segment)) {
      throw bad(
        `has an escaped control character in ${quote(segment)} (a line break, a NUL), which the server decodes`,
      );
    }
  });
  return raw;
}

/** Cloud metadata and platform endpoints: an instance's credentials and configuration answer there. */
const METADATA_HOSTS = new Set([
  'metadata.azure.internal',
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);
const METADATA_ADDRESSES = new BlockList();
METADATA_ADDRESSES.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local: Azure IMDS, AWS, GCP (169.254.169.254)
METADATA_ADDRESSES.addAddress('168.63.129.16', 'ipv4'); // Azure's WireServer, reachable from every Azure VM
METADATA_ADDRESSES.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud's metadata service
METADATA_ADDRESSES.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local
METADATA_ADDRESSES.addAddress('fd00:ec2::254', 'ipv6'); // AWS's IPv6 metadata service

/** Whether `hostname` (as URL gives it: IPv4 numbers normalised, IPv6 in brackets) is a metadata or link-local host. */
export function isMetadataHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (METADATA_HOSTS.has(host)) return true;
  // BlockList also matches an IPv4 address written inside IPv6 (`::ffff:a9fe:a9fe`) against the IPv4 ranges.
  const family = isIP(host);
  return family !== 0 && METADATA_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** The runner's target: an http(s) URL with no credentials in it and no metadata or link-local host. */
export function parseSmokeTestUrl(raw: string): string {
  const url = parseHttpUrl(raw);
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    throw new InvalidInput(
      'carries credentials (`user:password@`): the runner would send them to the gateway and the log would show the URL. Give the URL without them; the smoke test needs none.',
    );
  }
  if (isMetadataHost(parsed.hostname)) {
    throw new InvalidInput(
      `points at ${parsed.hostname}, a cloud metadata or link-local address, not a gateway: the runner would fetch the instance's own credentials from it. Give the gateway's address.`,
    );
  }
  return url;
}
