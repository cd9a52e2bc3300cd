import { describe, expect, it } from '@jest/globals';
import { describeCounts, diffManifests } from '../../src/plan/diff-manifests.js';
import { diffValues, leaves } from '../../src/plan/diff-values.js';
import { unifiedDiff } from '../../src/plan/unified-diff.js';

const labels = { before: 'deployed', after: 'planned' };

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', labels)).toBe('');
  });

  it('shows a changed line as the old then the new, with three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8'].join('\n');
    expect(unifiedDiff(before, after, labels)).toBe(
      ['--- deployed', '+++ planned', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8'].join('\n'),
    );
  });

  it('splits far-apart changes into hunks and handles an empty side', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const changed = lines.map((line, i) => (i === 1 || i === 18 ? `${line}!` : line));
    expect(unifiedDiff(lines.join('\n'), changed.join('\n'), labels).match(/^@@/gm)).toHaveLength(2);
    expect(unifiedDiff('', 'a\nb', labels)).toBe(
      ['--- deployed', '+++ planned', '@@ -0,0 +1,2 @@', '+a', '+b'].join('\n'),
    );
  });
});

const deployment = (image: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gw
spec:
  template:
    spec:
      containers:
        - name: gateway
          image: ${image}
`;
const secret = (data: Record<string, string>) =>
  `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: gw-env\ndata:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: ${Buffer.from(v).toString('base64')}`)
    .join('\n')}\n`;
const configMap = (value: string) =>
  `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gw-cm\ndata:\n  KEY: ${value}\n`;
const keep = (text: string) => text;

describe('diffManifests', () => {
  it('reports each object added, changed or removed, and counts the unchanged ones', () => {
    const live =
      deployment('gw:1') + configMap('same') + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: old\n';
    const planned =
      deployment('gw:2') + configMap('same') + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: new\n';
    const diff = diffManifests(live, planned, 'ns', keep);
    expect(diff.changes.map((c) => `${c.action} ${c.resource}`)).toEqual([
      'change Deployment/gw',
      'remove Service/old',
      'add Service/new',
    ]);
    expect(diff.counts).toEqual({ add: 1, change: 1, remove: 1 });
    expect(diff.unchanged).toBe(1);
    expect(describeCounts(diff.counts)).toBe('1 to change, 1 to add, 1 to remove');
    expect(describeCounts({ add: 0, change: 0, remove: 0 })).toBe('no changes');
  });

  it('compares Secrets key by key by digest and never shows a value, in any form', () => {
    const live = secret({ A: 'alpha-secret-1', B: 'beta-secret-2', C: 'gamma' });
    const planned = secret({ A: 'alpha-secret-1', B: 'beta-secret-CHANGED', D: 'delta' });
    const [change] = diffManifests(live, planned, 'ns', keep).changes;
    expect(change).toMatchObject({
      action: 'change',
      resource: 'Secret/gw-env',
      secretKeys: { added: ['D'], changed: ['B'], removed: ['C'] },
      diff: '',
    });
    const text = JSON.stringify(change);
    for (const value of ['beta-secret-2', 'beta-secret-CHANGED', 'gamma', 'delta']) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(Buffer.from(value).toString('base64'));
    }
  });

  it('leaves out what the server owns and cuts known secrets out of other objects', () => {
    const live = configMap('old-secret-value').replace('metadata:\n', 'metadata:\n  resourceVersion: "9"\n');
    const planned = `${configMap('new-secret-value')}status: {}\n`;
    const [change] = diffManifests(live, planned, 'ns', (text) =>
      text.replace(/new-secret-value|old-secret-value/g, '***'),
    ).changes;
    expect(change.diff).not.toContain('resourceVersion');
    expect(change.diff).not.toContain('status');
    expect(change.diff).not.toMatch(/secret-value/);
    expect(change.diff).toContain('-  KEY: ***');
  });
});

describe('diffValues', () => {
  const sourceOf = (path: (string | number)[]) =>
    path[0] === 'replicaCount' ? 'input `replicas`' : 'values-files (v.yaml)';

  it('lists leaves with lists as one leaf and empty maps as none', () => {
    expect([...leaves({ a: { b: 1, c: [1, 2] }, d: {} }).keys()]).toEqual(['a.b', 'a.c']);
  });

  it('reports changed, added and removed keys with their source, secrets without values', () => {
    const changes = diffValues(
      { values: { replicaCount: 1, gone: 'x', token: 'old-token-value' }, redacted: { token: '***' } },
      {
        values: { replicaCount: 2, token: 'new-token-value', list: [{ b: 1, a: 2 }] },
        redacted: { token: '***' },
        sourceOf,
      },
      keep,
    );
    expect(changes).toEqual([
      { action: 'remove', key: 'gone', secret: false, before: '"x"' },
      { action: 'add', key: 'list', source: 'values-files (v.yaml)', secret: false, after: '[{"b":1,"a":2}]' },
      { action: 'change', key: 'replicaCount', source: 'input `replicas`', secret: false, before: '1', after: '2' },
      { action: 'change', key: 'token', source: 'values-files (v.yaml)', secret: true },
    ]);
  });

  it('sees no change where helm only gives the keys back in another order', () => {
    const changes = diffValues(
      { values: { list: [{ a: 2, b: 1 }] } },
      { values: { list: [{ b: 1, a: 2 }] }, sourceOf },
      keep,
    );
    expect(changes).toEqual([]);
  });
});
