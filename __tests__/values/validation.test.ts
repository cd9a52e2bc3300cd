import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../src/errors.js';
import { prepareValues } from '../../src/values/index.js';
import { captureStdout, configFrom, validInputs, type Files } from '../inputs/fixture.js';
import { badInputs, blob, deploy } from './bad-inputs.js';
import { SecretSet } from '../../src/secrets/index.js';

type Inputs = Record<string, string>;

/** Reads the inputs (in a checkout holding `files`) and prepares the values; returns the problems and warnings. */
async function check(inputs: Inputs, files: Files = {}): Promise<{ problems: string[]; warnings: string[] }> {
  const { result } = await captureStdout(async () => {
    try {
      const secrets = new SecretSet();
      const merged = prepareValues(configFrom({ ...validInputs(), ...inputs }, files, secrets), secrets);
      return { problems: [], warnings: merged.warnings };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { problems: error.problems, warnings: [] };
    }
  });
  return result;
}

describe('bad inputs', () => {
  const cases = badInputs.map(([what, inputs, files, input, text]) => [what, input, inputs, files, text] as const);
  it.each(cases)('%s: names `%s`', async (_what, input, inputs, files, text) => {
    const { problems } = await check(inputs, files);
    const named = problems.filter((problem) => problem.startsWith(`\`${input}\`: `));
    expect(named.join('\n')).toContain(text);
  });

  it('has at least 100 cases', () => expect(badInputs.length).toBeGreaterThanOrEqual(100));

  it('reports every problem together', async () => {
    const { problems } = await check({
      ...deploy,
      'portkey-client-auth': '',
      'organisations-to-sync': '',
      ...blob('key'),
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      '`portkey-client-auth`',
      '`organisations-to-sync`',
      '`azure-storage-key`',
    ]);
  });
});

describe('render on a pull request, without secrets', () => {
  it('warns instead of failing for missing client auth, organisation and registry credentials', async () => {
    const { problems, warnings } = await check({
      'portkey-client-auth': '',
      'organisations-to-sync': '',
      'registry-username': '',
      'registry-password': '',
    });
    expect(problems).toEqual([]);
    expect(warnings.map((warning) => warning.split(':')[0])).toEqual(
      expect.arrayContaining(['`portkey-client-auth`', '`organisations-to-sync`', '`registry-username`']),
    );
  });
});

describe('warnings that do not stop a deploy', () => {
  it('warns about a public load balancer open to everyone', async () => {
    for (const ranges of ['', '0.0.0.0/0']) {
      const { problems, warnings } = await check({ ...deploy, 'allowed-ip-ranges': ranges });
      expect(problems).toEqual([]);
      expect(warnings).toContain(
        '`allowed-ip-ranges`: the gateway gets a public load balancer open to the whole internet: list the CIDR ranges that may reach it, or use `load-balancer: internal`.',
      );
    }
    const internal = await check({ ...deploy, 'allowed-ip-ranges': '', 'load-balancer': 'internal' });
    expect(internal.warnings.join('\n')).not.toMatch(/allowed-ip-ranges/);
  });

  it('warns when an Ingress and a load balancer both expose the gateway', async () => {
    const { warnings } = await check({ 'ingress-class': 'nginx-static' });
    expect(warnings).toContain(
      '`service-type`: both an Ingress and a LoadBalancer Service expose the gateway: consider `service-type: ClusterIP`.',
    );
  });

  it('warns about a log store it does not know, set through values', async () => {
    const { warnings } = await check({ values: 'environment: {data: {LOG_STORE: cosmos}}' });
    expect(warnings.join('\n')).toMatch(/`log-store`: LOG_STORE "cosmos" is not azure/);
  });
});
