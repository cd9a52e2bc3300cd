// The read batcher: a poll loop's reads become one runCommand invocation per look, each answer fresh for that look.
import { describe, expect, it } from '@jest/globals';
import { ReadBatcher } from '../../src/cluster/run-command/read-batch.js';
import type { CommandLine } from '../../src/cluster/run-command/script.js';

const read = (name: string): CommandLine => ({ tool: 'kubectl', args: ['get', name] });

function fakeCluster() {
  const invocations: string[][] = [];
  let now = 0;
  const batcher = new ReadBatcher(
    async (commands) => {
      invocations.push(commands.map((c) => c.args[1]));
      const n = invocations.length;
      return commands.map((c) => ({ exitCode: 0, stdout: `${c.args[1]}@${n}`, stderr: '' }));
    },
    () => now,
  );
  return {
    invocations,
    forget: () => batcher.forget(),
    ask: async (name: string) => (await batcher.run(read(name))).stdout,
    advance: (ms: number) => (now += ms),
  };
}

describe('ReadBatcher', () => {
  it('turns each look of a loop into one invocation once it has seen the loop’s reads', async () => {
    const cluster = fakeCluster();
    const look = async () => [await cluster.ask('history'), await cluster.ask('deployment'), await cluster.ask('pods')];

    expect(await look()).toEqual(['history@1', 'deployment@2', 'pods@3']);
    expect(await look()).toEqual(['history@4', 'deployment@4', 'pods@4']);
    expect(await look()).toEqual(['history@5', 'deployment@5', 'pods@5']);
    expect(cluster.invocations).toEqual([
      ['history'],
      ['deployment'],
      ['pods'],
      ['history', 'deployment', 'pods'],
      ['history', 'deployment', 'pods'],
    ]);
  });

  it('reads a new read of a look at once, and includes it from the next round on', async () => {
    const cluster = fakeCluster();
    await cluster.ask('history');
    await cluster.ask('history');
    expect(await cluster.ask('events')).toBe('events@3');
    await cluster.ask('history');
    expect(cluster.invocations.at(-1)).toEqual(['history', 'events']);
  });

  it('drops the reads the last look did not make', async () => {
    const cluster = fakeCluster();
    await cluster.ask('history');
    await cluster.ask('events');
    await cluster.ask('history'); // round: history, events; events is not asked for this time
    await cluster.ask('history');
    expect(cluster.invocations.at(-1)).toEqual(['history']);
  });

  it('hands each answer out once: asking again in the same look reads again', async () => {
    const cluster = fakeCluster();
    await cluster.ask('pods');
    expect(await cluster.ask('pods')).toBe('pods@2');
    expect(await cluster.ask('pods')).toBe('pods@3');
  });

  it('hands out nothing read before a change to the cluster', async () => {
    const cluster = fakeCluster();
    const look = async () => [await cluster.ask('history'), await cluster.ask('manifest')];
    await look();
    await look(); // round 3 now holds both; the manifest read again next
    expect(await cluster.ask('history')).toBe('history@4');
    cluster.forget(); // helm upgrade finished: round 4's unused manifest may say "not found"
    expect(await cluster.ask('manifest')).toBe('manifest@5');
  });

  it('never hands out an answer a minute old, even if unused', async () => {
    const cluster = fakeCluster();
    await cluster.ask('history');
    await cluster.ask('pods');
    await cluster.ask('history'); // round 3 holds a fresh `pods`
    cluster.advance(61_000);
    expect(await cluster.ask('pods')).toBe('pods@4');
  });

  it('sends reads asked side by side in one invocation', async () => {
    const cluster = fakeCluster();
    const answers = await Promise.all([cluster.ask('status'), cluster.ask('manifest'), cluster.ask('values')]);
    expect(answers).toEqual(['status@1', 'manifest@1', 'values@1']);
    expect(cluster.invocations).toEqual([['status', 'manifest', 'values']]);
  });

  it('lets every caller of a failed invocation know', async () => {
    const batcher = new ReadBatcher(
      async () => {
        throw new Error('runCommand refused');
      },
      () => 0,
    );
    const asked = [batcher.run(read('a')), batcher.run(read('b'))];
    await expect(Promise.all(asked)).rejects.toThrow('runCommand refused');
    await expect(asked[1]).rejects.toThrow('runCommand refused');
  });
});
