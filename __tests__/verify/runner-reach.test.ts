import { describe, expect, it } from '@jest/globals';
import { isPrivateAddress, localAddressFor, rangeList, runnerReach } from '../../src/verify/runner-reach.js';

const lb = { via: 'load-balancer' as const, ip: '20.50.1.2', internal: false };
const from = (local: string | undefined) => async () => local;

describe('runnerReach', () => {
  it('tries when nothing restricts the runner: no ranges, an Ingress, or an explicit smoke-test-url', async () => {
    const base = { explicitUrl: false, allowedIpRanges: [], localAddressFor: from('10.1.0.4') };
    expect(await runnerReach({ ...base, address: lb })).toEqual({ kind: 'try' });
    expect(await runnerReach({ ...base, address: { via: 'ingress', ip: '20.1.1.1', internal: false } })).toEqual({
      kind: 'try',
    });
    expect(await runnerReach({ ...base, explicitUrl: true, allowedIpRanges: ['203.0.113.0/24'], address: lb })).toEqual(
      { kind: 'try' },
    );
  });

  it('skips a ClusterIP Service: it has no address outside the cluster', async () => {
    const reach = await runnerReach({
      address: { via: 'cluster-ip', internal: false },
      explicitUrl: false,
      allowedIpRanges: [],
      localAddressFor: from('10.1.0.4'),
    });
    expect(reach).toMatchObject({ kind: 'skip', why: expect.stringContaining('ClusterIP') });
  });

  it('skips a runner whose address is outside allowed-ip-ranges, and tries one inside them', async () => {
    const ranges = ['203.0.113.0/24', '198.51.100.7'];
    const outside = await runnerReach({
      address: { ...lb, ip: '10.20.0.5' },
      explicitUrl: false,
      allowedIpRanges: ranges,
      localAddressFor: from('10.1.0.4'),
    });
    expect(outside).toEqual({
      kind: 'skip',
      why: "the runner's address 10.1.0.4 is outside allowed-ip-ranges (203.0.113.0/24, 198.51.100.7), so the load balancer drops its requests",
    });
    const inside = await runnerReach({
      address: lb,
      explicitUrl: false,
      allowedIpRanges: ranges,
      localAddressFor: from('198.51.100.7'),
    });
    expect(inside).toEqual({ kind: 'try' });
  });

  it('is unsure behind NAT (private source, public load balancer): a request must tell', async () => {
    const reach = await runnerReach({
      address: lb,
      explicitUrl: false,
      allowedIpRanges: ['203.0.113.0/24'],
      localAddressFor: from('10.1.0.4'),
    });
    expect(reach).toMatchObject({ kind: 'unsure', why: expect.stringContaining('behind NAT') });
  });
});

describe('address helpers', () => {
  it('matches IPv4 and IPv6 ranges and single addresses, ignoring malformed entries', () => {
    const list = rangeList(['10.0.0.0/8', '2001:db8::/32', '192.0.2.1', 'not-a-range']);
    expect(list.check('10.9.8.7', 'ipv4')).toBe(true);
    expect(list.check('11.0.0.1', 'ipv4')).toBe(false);
    expect(list.check('2001:db8::1', 'ipv6')).toBe(true);
    expect(list.check('192.0.2.1', 'ipv4')).toBe(true);
    expect(isPrivateAddress('172.20.0.1')).toBe(true);
    expect(isPrivateAddress('20.50.1.2')).toBe(false);
  });

  it('asks the kernel which local address reaches an IP, sending nothing', async () => {
    expect(await localAddressFor('127.0.0.1')).toBe('127.0.0.1');
  });
});
