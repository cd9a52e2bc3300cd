// Figure 5: from the moment the stand-in's cloud controller writes the LoadBalancer address into the Service's status
// to the moment the action logs `Gateway: <url>`. The address is held back long enough that the action is already
// polling for it (checked per run), so the figure is the poll's reaction time, not a lucky first read. The delay grows
// by a step each run, spreading the moment the address appears over one period of the action's address poll (2 s):
// a fixed delay would hit the same phase of the poll every time and report one point of its range as the median.
import type { StoreEvent } from '../sandbox/kube-api/index.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { summarize, type Summary } from './stats.js';
import { describeRun, timedRun } from './timed-run.js';

export interface AddressNotice {
  /** Address written → `Gateway:` line. */
  noticedMs: Summary;
  /** Start of the "Wait for the gateway address" stage → address written, per run (must be > 0). */
  waitingBeforeAddressMs: number[];
  /** The scenario's delay from Service creation to its address, per run. */
  addressAfterMs: number[];
}

type Dict = Record<string, unknown>;

const hasAddress = (service: StoreEvent['object']) =>
  ((((service.status as Dict | undefined)?.loadBalancer as Dict | undefined)?.ingress as unknown[] | undefined) ?? [])
    .length > 0;

export async function measureAddressNotice(
  sandbox: Sandbox,
  toolCache: string,
  runs: number,
  spread: { firstMs: number; periodMs: number },
): Promise<AddressNotice> {
  const noticed: number[] = [];
  const waiting: number[] = [];
  const delays: number[] = [];
  for (let i = 0; i < runs; i++) {
    const after = Math.round(spread.firstMs + (i * spread.periodMs) / runs);
    delays.push(after);
    sandbox.kube.setScenario({
      pods: 'healthy',
      readyAfterMs: 300,
      loadBalancer: { after, address: { ip: '127.0.0.1' } },
    });
    const namespace = `bench-address-${i + 1}`;
    let appearedAt: number | undefined;
    const unsubscribe = sandbox.kube.subscribe((event) => {
      if (appearedAt !== undefined || event.resource.resource !== 'services') return;
      if (event.object.metadata.namespace === namespace && hasAddress(event.object)) appearedAt = performance.now();
    });
    const timed = await timedRun(sandbox, toolCache, { namespace }).finally(unsubscribe);
    const waitStarted = timed.timeline.firstAt(/^::group::Wait for the gateway address/);
    const noticedAt = timed.timeline.firstAt(/^Gateway: /);
    if (timed.run.exitCode !== 0 || appearedAt === undefined || waitStarted === undefined || !noticedAt) {
      throw new Error(`The address run in ${namespace} did not go as planned: ${describeRun(timed)}`);
    }
    if (appearedAt < waitStarted) {
      throw new Error(
        `The address appeared ${Math.round(waitStarted - appearedAt)} ms before the action started waiting for it: ` +
          'raise the first delay.',
      );
    }
    noticed.push(noticedAt - appearedAt);
    waiting.push(Math.round(appearedAt - waitStarted));
  }
  return { noticedMs: summarize(noticed), waitingBeforeAddressMs: waiting, addressAfterMs: delays };
}
