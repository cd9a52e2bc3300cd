// Addresses in the tier's pod network, the network namespace ../shared/real-cluster/netns.sh makes (a veth pair
// `<name>-h` on the host, `<name>-n` inside, a /30 between them). Every serving pod and every load balancer gets its
// own /32 on the namespace's end of the veth, and the host routes two /24s to the veth: one for pods, one for load
// balancers. Addresses are added and removed one by one (/32s): deleting the first of several /24 addresses would
// delete the others too, as `promote_secondaries` is off. The ranges follow from the namespace's own addresses, so two
// tiers (two slots) side by side never share one.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { PodNetwork } from '../gateway.js';

const execFileAsync = promisify(execFile);

export interface AddressRanges {
  /** `a.b.c.` of the pods' /24. */
  pods: string;
  /** `a.b.c.` of the load balancers' /24. */
  loadBalancers: string;
}

/**
 * The /24s after the one holding the veth's /30: host side 10.251.0.1 gives pods 10.251.1.0/24 and load balancers
 * 10.251.2.0/24. Pure.
 */
export function addressRanges(network: Pick<PodNetwork, 'hostIp'>): AddressRanges {
  const octets = network.hostIp.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || octets[2] > 253) {
    throw new Error(`The pod network's host address ${network.hostIp} leaves no room for two /24s after its own.`);
  }
  const [a, b, c] = octets;
  return { pods: `${a}.${b}.${c + 1}.`, loadBalancers: `${a}.${b}.${c + 2}.` };
}

/** Hands out the addresses of one /24 (.2 to .254), oldest-released first, so a fresh pod rarely gets a recent IP. */
export class AddressPool {
  private readonly free: string[];
  private readonly taken = new Set<string>();

  constructor(prefix: string) {
    this.free = Array.from({ length: 253 }, (_, i) => `${prefix}${i + 2}`);
  }

  take(): string {
    const ip = this.free.shift();
    if (!ip) throw new Error('The pod network has no free address left: too many pods or load balancers at once.');
    this.taken.add(ip);
    return ip;
  }

  give(ip: string): void {
    if (this.taken.delete(ip)) this.free.push(ip);
  }

  inUse(): string[] {
    return [...this.taken];
  }
}

const veth = (network: PodNetwork) => ({ host: `${network.name}-h`, inside: `${network.name}-n` });

async function ip(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('ip', args);
  return stdout;
}

/** Routes both ranges to the veth on the host side (idempotent; root). */
export async function routeAddressRanges(network: PodNetwork): Promise<void> {
  const ranges = addressRanges(network);
  for (const prefix of [ranges.pods, ranges.loadBalancers]) {
    await ip(['route', 'replace', `${prefix}0/24`, 'dev', veth(network).host]);
  }
}

export async function addAddress(network: PodNetwork, address: string): Promise<void> {
  await ip(['-n', network.name, 'addr', 'replace', `${address}/32`, 'dev', veth(network).inside]);
}

export async function removeAddress(network: PodNetwork, address: string): Promise<void> {
  await ip(['-n', network.name, 'addr', 'del', `${address}/32`, 'dev', veth(network).inside]).catch(() => undefined);
}

/**
 * Removes every /32 of the two ranges still on the veth: what a node agent that did not stop cleanly left (its
 * processes are gone with it, see programs.ts), so the next one starts from a clean network.
 */
export async function removeLeftoverAddresses(network: PodNetwork): Promise<string[]> {
  const ranges = addressRanges(network);
  const shown = await ip(['-n', network.name, '-o', '-4', 'addr', 'show', 'dev', veth(network).inside]);
  const leftovers = [...shown.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/32/g)]
    .map((m) => m[1])
    .filter((address) => address.startsWith(ranges.pods) || address.startsWith(ranges.loadBalancers));
  for (const address of leftovers) await removeAddress(network, address);
  return leftovers;
}

/**
 * Kills every process still in the pod network, by its id: all of them the tier's own (pods, load balancers, the
 * sandbox's gateway), as nothing else starts processes in a namespace the tier made. For the end of a run whose test
 * process was killed before it could stop what it started.
 */
export async function killProcessesInPodNetwork(network: PodNetwork): Promise<number[]> {
  const pids = (await ip(['netns', 'pids', network.name]).catch(() => '')).split('\n').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids;
}
