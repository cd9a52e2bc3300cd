// Plain HTTP is refused wherever something that matters would cross the network unauthenticated: the binaries and
// the chart the action runs, and the credentials the smoke test sends. Loopback never leaves the machine, so it is
// fine; anything else needs `allow-insecure-transport`. Used by the input stage and, for the address only known after
// the deploy, by the smoke test.

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1: names and addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** Why `url` is not a safe way to send or fetch something that matters, or undefined when it is. */
export function plainHttpProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // Not a URL at all: the input's own parser says so.
  }
  if (parsed.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return undefined;
  return `${parsed.origin} is plain HTTP to a host other than this machine`;
}

export const INSECURE_TRANSPORT_HINT =
  "use https://, or set `allow-insecure-transport: 'true'` if every network between the runner and that host is yours.";
