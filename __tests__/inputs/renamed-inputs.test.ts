// A renamed input read under either name: the new one, else the old one with a warning naming the new one; both given
// is a problem naming both. Every renamed input, each way a workflow can give it.
import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../src/errors.js';
import { InputFiles } from '../../src/inputs/input-files.js';
import { InputReader } from '../../src/inputs/input-reader.js';
import { spec, type InputName } from '../../src/inputs/table.js';
import { SecretSet } from '../../src/secrets/index.js';
import { captureStdout, configFrom, logLines, RENAMED, validInputs } from './fixture.js';

const GUID = '11111111-2222-3333-4444-555555555555';
const OTHER_GUID = '99999999-8888-7777-6666-555555555555';

/** For each renamed input: a text the workflow may give, what it reads as, and a different valid text. */
const SAMPLES: Partial<Record<InputName, { text: string; value: unknown; other: string }>> = {
  'gateway-workload-client-id': { text: GUID, value: GUID, other: OTHER_GUID },
  'azure-storage-auth-mode': { text: 'entra', value: 'entra', other: 'key' },
  'azure-storage-managed-client-id': { text: GUID, value: GUID, other: OTHER_GUID },
  'azure-storage-entra-client-id': { text: GUID, value: GUID, other: OTHER_GUID },
  'azure-storage-entra-client-secret': { text: 'entra-secret-5', value: 'entra-secret-5', other: 'entra-secret-6' },
  'azure-storage-entra-tenant-id': { text: GUID, value: GUID, other: OTHER_GUID },
  'pending-release-timeout': { text: '30s', value: 30, other: '5m' },
};

function read(name: InputName, given: Record<string, string>) {
  const secrets = new SecretSet(() => {});
  const reader = new InputReader((input) => given[input] ?? '', secrets, new InputFiles({}));
  return { value: reader.value(name), reader, secrets };
}

const renamed = [...RENAMED].map(([old, name]) => [old, name, SAMPLES[name]!] as const);

describe('a renamed input', () => {
  it('has a sample here for each one', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...RENAMED.values()].sort());
  });

  describe.each(renamed)('%s, now %s', (old, name, sample) => {
    it('given under neither name, is its default', () => {
      const { value, reader } = read(name, {});
      const entry = spec(name);
      expect(value).toEqual(entry.default === undefined ? entry.empty : entry.parse(entry.default));
      expect({ problems: reader.problems, warnings: reader.warnings, given: [...reader.given] }).toEqual({
        problems: [],
        warnings: [],
        given: [],
      });
    });

    it('given under its new name, is read without a warning', () => {
      const { value, reader } = read(name, { [name]: sample.text });
      expect(value).toEqual(sample.value);
      expect({ problems: reader.problems, warnings: reader.warnings, given: [...reader.given] }).toEqual({
        problems: [],
        warnings: [],
        given: [name],
      });
    });

    it('given under its old name only, is read, with a warning naming the new name', () => {
      const { value, reader, secrets } = read(name, { [old]: sample.text });
      expect(value).toEqual(sample.value);
      expect({ problems: reader.problems, warnings: reader.warnings, given: [...reader.given] }).toEqual({
        problems: [],
        warnings: [
          `The input \`${old}\` was renamed \`${name}\`: use the new name in the workflow (the old one still works).`,
        ],
        given: [name],
      });
      // A secret is masked whichever name brought it.
      expect(secrets.has(sample.text)).toBe(Boolean(spec(name).secret));
    });

    it('given under both names, is a problem naming both', () => {
      const { value, reader } = read(name, { [name]: sample.other, [old]: sample.text });
      expect(value).toEqual(spec(name).parse(sample.other));
      expect(reader.problems).toEqual([
        `\`${name}\`: is also given under its old name \`${old}\`: remove \`${old}\` and keep \`${name}\`.`,
      ]);
      expect(reader.warnings).toEqual([]);
    });
  });

  it('takes the old name when the new one holds its default, which the runner passes as if given', () => {
    const { value, reader } = read('pending-release-timeout', {
      'pending-release-timeout': '2m',
      'wait-for-pending': '0',
    });
    expect(value).toBe(0);
    expect(reader.problems).toEqual([]);
    expect(reader.warnings).toHaveLength(1);
  });

  it('names the old name, and the new, in a problem with the text given under the old one', () => {
    const { reader } = read('pending-release-timeout', { 'wait-for-pending': 'soon' });
    expect(reader.problems).toEqual([expect.stringMatching(/^`wait-for-pending` \(now `pending-release-timeout`\): /)]);
  });
});

describe('getConfig with old input names', () => {
  it('reads them into the same settings, and warns once for each in the log', async () => {
    const inputs = {
      ...validInputs(),
      'log-store': 'azure',
      'azure-auth-mode': 'workload',
      'azure-workload-client-id': GUID,
      'wait-for-pending': '45s',
    };
    const { result: config, lines } = await captureStdout(() => configFrom(inputs));
    expect(config.portkey.blob).toMatchObject({ authMode: 'workload', workloadClientId: GUID });
    expect(config.deploy.waitForPendingSeconds).toBe(45);
    expect(logLines(lines).filter((line) => line.startsWith('::warning::'))).toEqual([
      '::warning::The input `azure-auth-mode` was renamed `azure-storage-auth-mode`: use the new name in the workflow (the old one still works).',
      '::warning::The input `azure-workload-client-id` was renamed `gateway-workload-client-id`: use the new name in the workflow (the old one still works).',
      '::warning::The input `wait-for-pending` was renamed `pending-release-timeout`: use the new name in the workflow (the old one still works).',
    ]);
  });

  it('fails on an old and a new name given together, naming both', async () => {
    const inputs = { ...validInputs(), 'azure-entra-client-id': GUID, 'azure-storage-entra-client-id': OTHER_GUID };
    const { result } = await captureStdout(() => {
      try {
        configFrom(inputs);
      } catch (error) {
        return error;
      }
    });
    expect(result).toBeInstanceOf(ValidationError);
    expect((result as ValidationError).problems).toEqual([
      '`azure-storage-entra-client-id`: is also given under its old name `azure-entra-client-id`: remove `azure-entra-client-id` and keep `azure-storage-entra-client-id`.',
    ]);
  });
});
