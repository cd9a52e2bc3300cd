// The journal's record as the ConfigMap holds it: what the next run reads back, and nothing it did not write.
import { describe, expect, it } from '@jest/globals';
import { journalObject, parseJournal } from '../../src/deploy/journal.js';

const release = { name: 'portkey-ai', namespace: 'portkeyai' };
const entry = {
  operation: 'rollback' as const,
  revision: 4,
  previousRevision: 2,
  deadline: 1_765_000_000_000,
  runId: '42',
};

describe('the journal record', () => {
  it('is a labelled ConfigMap beside the release, read back as written', () => {
    const manifest = journalObject(release, entry) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      kind: 'ConfigMap',
      metadata: {
        name: 'portkey-azure-deploy.portkey-ai',
        namespace: 'portkeyai',
        labels: { 'app.kubernetes.io/managed-by': 'portkey-azure-deploy' },
      },
    });
    expect(parseJournal(JSON.stringify(manifest))).toEqual(entry);
  });

  it.each([
    ['no ConfigMap (kubectl --ignore-not-found prints nothing)', ''],
    ['a ConfigMap without the record', JSON.stringify({ data: {} })],
    [
      'an operation it does not know',
      JSON.stringify({ data: { 'operation.json': '{"operation":"delete","revision":2,"deadline":1}' } }),
    ],
    ['no deadline', JSON.stringify({ data: { 'operation.json': '{"operation":"upgrade","revision":2}' } })],
  ])('reads %s as no record', (_, text) => {
    expect(parseJournal(text)).toBeUndefined();
  });
});
