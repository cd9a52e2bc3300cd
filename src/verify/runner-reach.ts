// Whether the runner can reach the gateway's published address at all, decided before anyone waits on a timeout:
// a ClusterIP Service has no address outside the cluster, and a load balancer whose allowed-ip-ranges exclude the
// runner drops its packets. Pure, but for the one question the kernel answers: which local address would the runner
// send from (a UDP socket's connect() picks the route and sends nothing).
import { createSocket } from 'node:dgram';
import { BlockList, isIP, isIPv6 } from 'node:net';
import type { GatewayAddress } from './address.js';

export type RunnerReach =
  /** Go ahead. */
  | { kind: 'try' }
  /** Go ahead, but an unanswered request means the address filter, not a broken gateway: skip then. */
  | { kind: 'unsure'; why: string }
  /** Do not try: nothing the runner sends can arrive. */
  | { kind: 'skip'; why: string };

/** The local address the kernel would send from to reach `ip`; undefined when there is no route. */
export function localAddressFor(ip: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(ip) ? 'udp6' : 'udp4');
    const done = (address?: string) => {
      socket.close();
      resolve(address);
    };
    socket.on('error', () => done());
    // Port 9 (discard): connect() on UDP only picks the route; no packet leaves.
    socket.connect(9, ip, () => {
      try {
        done(socket.address().address);
      } catch {
        done();
      }
    });
  });
}

function family(ip: string): 'ipv4' | 'ipv6' {
  return isIPv6(ip) ? 'ipv6' : 'ipv4';
}

/** `10.0.0.0/8`, `203.0.113.7` (a single address) into a BlockList; malformed entries are ignored. */
export function rangeList(ranges: string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [net, bits] = range.trim().split('/');
    if (!isIP(net)) continue;
    const prefix = bits === undefined ? (isIPv6(net) ? 128 : 32) : Number(bits);
    if (!Number.isInteger(prefix)) continue;
    list.addSubnet(net, prefix, family(net));
  }
  return list;
}

const PRIVATE = rangeList([
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
]);

export function isPrivateAddress(ip: string): boolean {
  return isIP(ip) !== 0 && PRIVATE.check(ip, family(ip));
}

export interface ReachInput {
  address: Pick<GatewayAddress, 'via' | 'ip' | 'hostname' | 'internal'>;
  /** smoke-test-url was given: the user says where the runner should go. */
  explicitUrl: boolean;
  allowedIpRanges: string[];
  localAddressFor: (ip: string) => Promise<string | undefined>;
}

export async function runnerReach(input: ReachInput): Promise<RunnerReach> {
  const { address, allowedIpRanges } = input;
  if (input.explicitUrl) return { kind: 'try' };
  if (address.via === 'cluster-ip') {
    return {
      kind: 'skip',
      why: 'the gateway Service has no address outside the cluster (ClusterIP); set smoke-test-url to an address the runner can reach',
    };
  }
  if (address.via !== 'load-balancer' || allowedIpRanges.length === 0) return { kind: 'try' };
  const ranges = allowedIpRanges.join(', ');
  if (!address.ip) {
    return {
      kind: 'unsure',
      why: `allowed-ip-ranges (${ranges}) may exclude the runner, whose address towards ${address.hostname} is not known`,
    };
  }
  const local = await input.localAddressFor(address.ip);
  if (!local) return { kind: 'skip', why: `the runner has no route to the load balancer's address ${address.ip}` };
  if (rangeList(allowedIpRanges).check(local, family(local))) return { kind: 'try' };
  // Behind NAT the load balancer sees the NAT's public address, which only a request can tell.
  if (isPrivateAddress(local) && !isPrivateAddress(address.ip)) {
    return {
      kind: 'unsure',
      why: `the runner sends from ${local}, behind NAT: its public address may be outside allowed-ip-ranges (${ranges})`,
    };
  }
  return {
    kind: 'skip',
    why: `the runner's address ${local} is outside allowed-ip-ranges (${ranges}), so the load balancer drops its requests`,
  };
}
