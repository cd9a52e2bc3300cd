// The secret scan must be able to fail: each way a secret can escape is caught, masking done right is not.
import { describe, expect, it } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import { findLeaks, leaksIn, logGroupProblems } from './harness.js';

const secret = { name: 'provider key', value: 'sk-proj-0123456789abcdef' };

function run(parts: Partial<ActionRun>): ActionRun {
  return {
    exitCode: 0,
    stdout: '',
    stderr: '',
    outputs: {},
    summary: '',
    exportedEnv: {},
    addedPath: [],
    state: {},
    masks: [],
    postExitCode: 0,
    postStdout: '',
    postStderr: '',
    strayProcesses: false,
    runnerTempAfterPost: [],
    filesLeftBehind: {},
    homeAfterPost: [],
    mainExitedAt: 0,
    inputs: {},
    ...parts,
  };
}

describe('findLeaks', () => {
  it('accepts a secret that was masked before it was printed', () => {
    const stdout = `::add-mask::${secret.value}\nusing key ${secret.value}\n`;
    expect(findLeaks([run({ stdout, postStdout: `again ${secret.value}` })], [secret])).toEqual([]);
  });

  it('catches a secret printed before its mask, and one never masked', () => {
    const late = `using key ${secret.value}\n::add-mask::${secret.value}\n`;
    expect(findLeaks([run({ stdout: late })], [secret])).toEqual(['run 1: provider key found in the log']);
    expect(findLeaks([run({}), run({ stderr: secret.value })], [secret])).toEqual([
      'run 2: provider key found in stderr',
    ]);
  });

  it('catches the base64 form, and secrets in the summary, outputs, exported env and files left behind', () => {
    const base64 = Buffer.from(secret.value).toString('base64');
    const leaky = run({
      stdout: `::add-mask::${secret.value}\nauth: ${base64}\n`,
      summary: `key ${secret.value}`,
      outputs: { token: secret.value },
      exportedEnv: { KEY: secret.value },
      state: { workDir: secret.value },
      planFile: JSON.stringify({ note: secret.value }),
      filesLeftBehind: { 'portkey/values.yaml': `key: ${secret.value}` },
    });
    expect(findLeaks([leaky], [secret])).toEqual([
      'run 1: provider key found in the log',
      'run 1: provider key found in the summary',
      'run 1: provider key found in the outputs',
      'run 1: provider key found in the exported env',
      'run 1: provider key found in the state',
      'run 1: provider key found in the plan file',
      'run 1: provider key found in file portkey/values.yaml',
    ]);
  });

  it('catches a secret base64-encoded inside a larger document, and its escaped and per-line forms', () => {
    const inside = Buffer.from(`{"auths":{"r":{"password":"${secret.value}"}}}`).toString('base64');
    const pem = { name: 'key', value: '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0\n-----END KEY-----' };
    const quoted = { name: 'quoted', value: 'pw-"with"-quotes%' };
    const leaky = run({
      stdout: `data: ${inside}\n`,
      summary: 'line MIIEvQIBADANBgkqhkiG9w0 alone',
      outputs: { note: quoted.value },
      stderr: '::error::pw-"with"-quotes%25',
    });
    expect(findLeaks([leaky], [secret, pem, quoted])).toEqual([
      'run 1: provider key found in the log',
      'run 1: key found in the summary',
      'run 1: quoted found in stderr',
      'run 1: quoted found in the outputs',
    ]);
  });

  it('catches a secret whose escaped forms differ: in a .dockerconfigjson, Go-escaped, ASCII-escaped, wrapped', () => {
    const odd = { name: 'odd', value: 'pw"q"\\b+/=ü✓<>&-9' };
    const auth = Buffer.from(`user:${odd.value}`).toString('base64');
    const dockerconfig = Buffer.from(
      JSON.stringify({ auths: { r: { username: 'user', password: odd.value, auth } } }),
    ).toString('base64');
    const go = JSON.stringify(odd.value)
      .slice(1, -1)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026');
    const ascii = go.replace(/ü/g, '\\u00fc').replace(/✓/g, '\\u2713');
    const onlyAuth = Buffer.from(JSON.stringify({ auths: { r: { auth } } })).toString('base64');
    const places: [string, string][] = [
      ['pull secret', `data:\n  .dockerconfigjson: ${dockerconfig}`],
      ['auth only', `.dockerconfigjson: ${onlyAuth}`],
      ['go', `{"password":"${go}"}`],
      ['ascii', `{"password":"${ascii}"}`],
      ['wrapped', dockerconfig.replace(/(.{20})/g, '$1\n')],
      ['clean', `${auth.slice(0, 6)} ${JSON.stringify(odd.value).slice(0, 5)}`],
    ];
    expect(leaksIn(places, [odd])).toEqual([
      'odd found in pull secret',
      'odd found in auth only',
      'odd found in go',
      'odd found in ascii',
      'odd found in wrapped',
    ]);
  });

  it('unescapes multi-line masks the way the toolkit escapes them', () => {
    const kubeconfig = `token: ${secret.value}\nserver: x`;
    const stdout = `::add-mask::${kubeconfig.replace(/\n/g, '%0A')}\nline token: ${secret.value}\n`;
    expect(findLeaks([run({ stdout })], [secret])).toEqual([]);
  });
});

// The log-group check of expectCleanRuns must be able to fail too.
describe('logGroupProblems', () => {
  it('finds a group that shows nothing (debug lines are hidden) and a group opened inside another', () => {
    const log = [
      '::group::Read inputs',
      'command: deploy',
      '::endgroup::',
      '::group::Smoke test',
      '::debug::child-process kubectl exited 0',
      '::endgroup::',
      '::group::Render the chart',
      '::group::Rendered manifest',
      'kind: Deployment',
      '::endgroup::',
      '::group::Roll back',
      '::warning::Release r: rolled back to revision 1.',
      '::endgroup::',
    ].join('\n');
    expect(logGroupProblems(log)).toEqual([
      'group "Smoke test" shows nothing',
      'group "Rendered manifest" opened inside group "Render the chart"',
    ]);
  });
});
