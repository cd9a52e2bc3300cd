// The writers of what leaves the process besides the log: each redacts by itself.
import { describe, expect, it } from '@jest/globals';
import { Outbound, SecretSet } from '../../src/secrets/index.js';

/** Writers delivering to a record, with one secret that Markdown escaping would respell. */
function writers() {
  const secrets = new SecretSet(() => undefined);
  secrets.add('s3cr3t_client*auth<9>');
  const delivered = { outputs: {} as Record<string, string>, summary: '' };
  const outbound = new Outbound(secrets, {
    setOutput: (name, value) => void (delivered.outputs[name] = value),
    writeSummary: async (markdown) => void (delivered.summary = markdown),
  });
  return { outbound, delivered };
}

/** A formatter that escapes Markdown as the summary does: a secret redacted only afterwards would survive it. */
const escaping = (data: { note: string }) => `- ${data.note.replace(/[_*<>]/g, (c) => `\\${c}`)}`;

describe('Outbound', () => {
  it('sets outputs without the secrets they would hold', () => {
    const { outbound, delivered } = writers();
    outbound.output('gateway-url', 'https://gw/?key=s3cr3t_client*auth<9>');
    expect(delivered.outputs).toEqual({ 'gateway-url': 'https://gw/?key=***' });
  });

  it('redacts the data before formatting it into Markdown, and the Markdown after', async () => {
    const { outbound, delivered } = writers();
    await outbound.summary({ note: 'auth key s3cr3t_client*auth<9> rejected' }, escaping);
    expect(delivered.summary).toBe('- auth key \\*\\*\\* rejected');
    const markdown = outbound.markdown({ note: 'x' }, () => 'made with s3cr3t_client*auth<9> inside');
    expect(markdown).toBe('made with *** inside');
  });
});
