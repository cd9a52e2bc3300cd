// The runCommand script, run by a real bash with stand-in helm and kubectl on PATH: each command's argv arrives
// intact (quotes, spaces, dollars), its stdout, stderr and exit code come back apart, a cut output is noticed, and a
// stop request reaches helm as SIGTERM.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  batchScript,
  commandText,
  parseBatchOutput,
  shellQuote,
  stopScript,
} from '../../src/private-cluster/script.js';

const execFileAsync = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'script-test-'));
const bin = path.join(dir, 'bin');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stub(name: string, body: string) {
  mkdirSync(bin, { recursive: true });
  const file = path.join(bin, name);
  writeFileSync(file, `#!/bin/bash\n${body}\n`);
  chmodSync(file, 0o755);
}

// helm prints its argv one per line, writes to stderr, and exits with $PK_EXIT (0 by default).
stub('helm', 'for a in "$@"; do printf "<%s>\\n" "$a"; done; echo "helm says: warning" >&2; exit ${PK_EXIT:-0}');
// kubectl: `get configmap` succeeds once the stop file exists; `create configmap` makes it.
stub(
  'kubectl',
  [
    'case "$1 $2" in',
    '  "get configmap") [ -f "$PK_DIR/stop" ] ;;',
    '  "create configmap") touch "$PK_DIR/stop" ;;',
    '  "delete configmap") rm -f "$PK_DIR/stop" ;;',
    '  *) printf \'{"kind":"List","items":[]}\' ;;',
    'esac',
  ].join('\n'),
);

async function runScript(script: string, env: Record<string, string> = {}) {
  const cwd = mkdtempSync(path.join(dir, 'pod-'));
  const { stdout } = await execFileAsync('bash', ['-c', script], {
    cwd,
    env: { PATH: `${bin}:/usr/bin:/bin`, PK_DIR: cwd, ...env },
  });
  return { stdout, cwd };
}

const BOUNDARY = '--portkey-0123456789ab';

describe('shellQuote', () => {
  it.each([
    ['portkey-ai', 'portkey-ai'],
    ['app.kubernetes.io/name=gateway', 'app.kubernetes.io/name=gateway'],
    ['Deployed by portkey-azure-deploy', "'Deployed by portkey-azure-deploy'"],
    ["it's", "'it'\\''s'"],
    ['$HOME `id`', "'$HOME `id`'"],
    ['', "''"],
  ])('%j → %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });
});

describe('batchScript and parseBatchOutput', () => {
  const awkward = [
    'upgrade',
    'x',
    '--description',
    "Deployed from o/r, commit 4f1b, it's $HOME `id`",
    '--labels',
    'a=b,c=d',
  ];

  it('runs each command with its exact argv and gives back stdout, stderr and exit code apart', async () => {
    const commands = [
      { tool: 'helm' as const, args: awkward },
      { tool: 'kubectl' as const, args: ['get', 'pods', '-n', 'portkeyai', '-o', 'json'] },
    ];
    const { stdout } = await runScript(batchScript(commands, BOUNDARY));
    const parsed = parseBatchOutput(stdout, BOUNDARY, 2);
    expect(parsed.complete).toBe(true);
    expect(parsed.results[0]).toEqual({
      exitCode: 0,
      stdout: awkward.map((a) => `<${a}>\n`).join(''),
      stderr: 'helm says: warning\n',
    });
    expect(parsed.results[1]).toEqual({ exitCode: 0, stdout: '{"kind":"List","items":[]}', stderr: '' });
  });

  it('keeps a failing command’s exit code and leaves no output files behind', async () => {
    const { stdout, cwd } = await runScript(batchScript([{ tool: 'helm', args: ['status'] }], BOUNDARY), {
      PK_EXIT: '3',
    });
    expect(parseBatchOutput(stdout, BOUNDARY, 1).results[0].exitCode).toBe(3);
    expect(existsSync(path.join(cwd, '.pk-out-0'))).toBe(false);
  });

  it('notices output cut before its end line, and keeps only the commands that are whole', async () => {
    const commands = [0, 1, 2].map((i) => ({ tool: 'kubectl' as const, args: ['get', `thing-${i}`] }));
    const { stdout } = await runScript(batchScript(commands, BOUNDARY));
    const whole = parseBatchOutput(stdout, BOUNDARY, 3);
    expect(whole.complete).toBe(true);
    const cut = parseBatchOutput(stdout.slice(0, stdout.indexOf(`${BOUNDARY} 2 stderr`) - 1), BOUNDARY, 3);
    expect(cut.complete).toBe(false);
    expect(cut.results).toEqual(whole.results.slice(0, 2));
    expect(parseBatchOutput('', BOUNDARY, 1)).toEqual({ complete: false, results: [] });
  });

  it('reads a batch the end line of which is present but a result is missing as incomplete', () => {
    expect(parseBatchOutput(`\n${BOUNDARY} end\n`, BOUNDARY, 1).complete).toBe(false);
  });

  it('stops a running helm with SIGTERM once the stop ConfigMap exists, and reports how helm ended', async () => {
    const pod = mkdtempSync(path.join(dir, 'pod-'));
    stub('helm', 'trap \'echo "got TERM, rolling back"; exit 1\' TERM; echo started; while true; do sleep 0.2; done');
    const stop = { configMap: 'portkey-stop-1', namespace: 'portkeyai' };
    const script = batchScript([{ tool: 'helm', args: ['upgrade', '--install'] }], BOUNDARY, stop);
    const running = execFileAsync('bash', ['-c', script], {
      cwd: pod,
      env: { PATH: `${bin}:/usr/bin:/bin`, PK_DIR: pod },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await execFileAsync('bash', ['-c', stopScript(stop)], { env: { PATH: `${bin}:/usr/bin:/bin`, PK_DIR: pod } });
    const { stdout } = await running;
    const [result] = parseBatchOutput(stdout, BOUNDARY, 1).results;
    expect(result).toEqual({ exitCode: 1, stdout: 'started\ngot TERM, rolling back\n', stderr: '' });
    // The script removes the ConfigMap, so the next command does not stop at once.
    expect(existsSync(path.join(pod, 'stop'))).toBe(false);
  }, 20_000);

  it('refuses a stop signal for more than one command', () => {
    const one = { tool: 'helm' as const, args: ['version'] };
    expect(() => batchScript([one, one], BOUNDARY, { configMap: 'x', namespace: 'y' })).toThrow(/exactly one/);
  });

  it('writes the command line the log shows', () => {
    expect(commandText({ tool: 'helm', args: ['history', 'portkey-ai', '-n', 'portkeyai', '--max', '1'] })).toBe(
      'helm history portkey-ai -n portkeyai --max 1',
    );
  });
});
