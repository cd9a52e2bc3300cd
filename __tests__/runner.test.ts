// The runner's protocol as GitHub's runner reads it: commands parsed the way ActionCommandManager does, file commands
// the way the sandbox's runner parses them, the OIDC token from a local token service.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as runner from '../src/runner.js';
import { parseFileCommands } from '../sandbox/runner.js';
import { workflowCommands } from './secrets/workflow-commands.js';

/** What the runner module writes to stdout while `fn` runs. */
async function stdoutOf(fn: () => unknown): Promise<string> {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as never;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return written.join('');
}

const FILES = ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'] as const;
let dir: string;
const saved = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'runner-test-'));
});
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function withFiles(): Record<(typeof FILES)[number], string> {
  const files = Object.fromEntries(FILES.map((name) => [name, path.join(dir, name)])) as Record<
    (typeof FILES)[number],
    string
  >;
  for (const [name, file] of Object.entries(files)) {
    writeFileSync(file, '');
    process.env[name] = file;
  }
  return files;
}

describe('workflow commands', () => {
  it('put each message on one line, escaped so the runner reads back exactly what was meant', async () => {
    const log = await stdoutOf(async () => {
      runner.setSecret('s3cr%t\nline two');
      runner.debug('100% done\r\n::warning::not a command');
      runner.warning(new Error('helm failed'));
      await runner.group('Deploy', async () => runner.info('inside'));
    });
    expect(workflowCommands(log).map(({ name, data }) => [name, data])).toEqual([
      ['add-mask', 's3cr%25t%0Aline two'],
      ['debug', '100%25 done%0D%0A::warning::not a command'],
      ['warning', 'Error: helm failed'],
      ['group', 'Deploy'],
      ['endgroup', ''],
    ]);
    expect(log).toContain('\ninside\n');
  });

  it('end the group when the work inside it throws, and pass the error on', async () => {
    let caught: unknown;
    const log = await stdoutOf(() =>
      runner.group('Fails', () => Promise.reject(new Error('boom'))).catch((error: unknown) => (caught = error)),
    );
    expect((caught as Error).message).toBe('boom');
    expect(workflowCommands(log).map((c) => c.name)).toEqual(['group', 'endgroup']);
  });

  it('setFailed fails the step with an error annotation', async () => {
    const log = await stdoutOf(() => runner.setFailed('The deploy failed.'));
    expect(process.exitCode).toBe(1);
    expect(workflowCommands(log)).toEqual([{ name: 'error', properties: '', data: 'The deploy failed.' }]);
  });
});

describe('file commands', () => {
  it('write outputs, state and environment as name<<delimiter blocks, multi-line values whole', async () => {
    const files = withFiles();
    const log = await stdoutOf(() => {
      runner.setOutput('gateway-url', 'http://203.0.113.7:8787');
      runner.setOutput('changes', 'line one\nline two');
      runner.saveState('workDir', '/tmp/w');
      runner.exportVariable('KUBECONFIG', '/tmp/w/kubeconfig');
    });
    expect(log).toBe('');
    expect(parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'))).toEqual({
      'gateway-url': 'http://203.0.113.7:8787',
      changes: 'line one\nline two',
    });
    expect(parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8'))).toEqual({ workDir: '/tmp/w' });
    expect(parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8'))).toEqual({ KUBECONFIG: '/tmp/w/kubeconfig' });
    expect(process.env.KUBECONFIG).toBe('/tmp/w/kubeconfig');
    // A fresh delimiter per value: no value can close its block early.
    const delimiters = readFileSync(files.GITHUB_OUTPUT, 'utf8').match(/ghadelimiter_[0-9a-f-]{36}/g) ?? [];
    expect(new Set(delimiters).size).toBe(2);
  });

  it('put a folder first on PATH for this process and the later steps', async () => {
    const files = withFiles();
    process.env.PATH = '/usr/bin';
    runner.addPath('/tmp/w/bin');
    expect(readFileSync(files.GITHUB_PATH, 'utf8')).toBe(`/tmp/w/bin${os.EOL}`);
    expect(process.env.PATH).toBe(`/tmp/w/bin${path.delimiter}/usr/bin`);
  });

  it('append to the job summary, and say so when the runner has none', async () => {
    const files = withFiles();
    await runner.appendSummary('# Deployed');
    await runner.appendSummary('| a | b |');
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toBe(`# Deployed${os.EOL}| a | b |${os.EOL}`);
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(runner.appendSummary('x')).rejects.toThrow('GITHUB_STEP_SUMMARY is not set');
  });

  it('fall back to the old commands on a runner without the files', async () => {
    for (const name of FILES) delete process.env[name];
    const log = await stdoutOf(() => {
      runner.setOutput('release-status', 'deployed');
      runner.saveState('isPost', 'true');
    });
    expect(workflowCommands(log).map(({ name, properties, data }) => [name, properties, data])).toEqual([
      ['set-output', 'name=release-status', 'deployed'],
      ['save-state', 'name=isPost', 'true'],
    ]);
  });
});

describe('inputs and state', () => {
  it.each([
    ['release-name', 'INPUT_RELEASE-NAME', '  portkey \n', 'portkey'],
    ['Release Name', 'INPUT_RELEASE_NAME', 'gateway', 'gateway'],
    ['namespace', undefined, undefined, ''],
  ])('getInput(%j) reads %s', (name, variable, value, expected) => {
    if (variable) process.env[variable] = value;
    expect(runner.getInput(name)).toBe(expected);
  });

  it('reads state from STATE_<name> (a post step the runner started), else what this process saved', () => {
    withFiles();
    runner.saveState('workDir', '/tmp/saved-here');
    expect(runner.getState('workDir')).toBe('/tmp/saved-here');
    process.env.STATE_workDir = '/tmp/from-runner';
    expect(runner.getState('workDir')).toBe('/tmp/from-runner');
    expect(runner.getState('never-saved')).toBe('');
  });
});

describe('getIDToken', () => {
  let server: Server;
  let requests: IncomingMessage[];
  let answers: [number, string][];

  beforeEach(async () => {
    requests = [];
    answers = [];
    server = createServer((request, response) => {
      requests.push(request);
      const [status, body] = answers.shift() ?? [500, 'no answer left'];
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `http://127.0.0.1:${port}/token?api-version=2.0`;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token';
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('asks for the audience with the request token, masks the token and returns it', async () => {
    answers.push([200, JSON.stringify({ value: 'eyJ.id.token' })]);
    let token = '';
    const log = await stdoutOf(async () => (token = await runner.getIDToken('api://AzureADTokenExchange')));
    expect(token).toBe('eyJ.id.token');
    expect(requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/token?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange', 'Bearer request-token'],
    ]);
    expect(workflowCommands(log)).toEqual([{ name: 'add-mask', properties: '', data: 'eyJ.id.token' }]);
  });

  it('tries again when the token service answers 5xx', async () => {
    answers.push([503, ''], [200, JSON.stringify({ value: 'second-try' })]);
    await expect(stdoutOf(() => runner.getIDToken())).resolves.toContain('second-try');
    expect(requests.map((r) => r.url)).toEqual(['/token?api-version=2.0', '/token?api-version=2.0']);
  });

  it.each([
    [[403, '{"message":"no"}'], 'the token service answered HTTP 403'],
    [[200, '{"count":0}'], 'the token service answered without a token'],
  ] as [[number, string], string][])('fails on %j: %s', async (answer, message) => {
    answers.push(answer);
    await expect(runner.getIDToken('aud')).rejects.toThrow(message);
  });

  it('names the permission when the job has no token to give', async () => {
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    await expect(runner.getIDToken('aud')).rejects.toThrow('permissions: id-token: write');
    expect(requests).toEqual([]);
  });
});
