// The log as the runner reads it: foreign text fenced, old-style commands broken, our own commands escaped.
import { describe, expect, it } from '@jest/globals';
import * as runner from '../../src/runner.js';
import { fenceToken, printForeign, redactStandardStreams } from '../../src/secrets/log.js';
import { SecretSet } from '../../src/secrets/index.js';
import { workflowCommands } from './workflow-commands.js';

/** A stream that records what reaches it. */
function recorder() {
  const written: string[] = [];
  const stream = { write: (chunk: string | Uint8Array) => written.push(String(chunk)) > 0 };
  return { stream, text: () => written.join('') };
}

/** What src/runner.ts writes to process.stdout while `fn` runs, through `stream`. */
function throughStdout(stream: { write: (chunk: string) => boolean }, fn: () => void): void {
  const stdout = process.stdout.write;
  process.stdout.write = stream.write as never;
  try {
    fn();
  } finally {
    process.stdout.write = stdout;
  }
}

/** Values a pull request can put in values files: each line would be a workflow command if printed bare. */
const HOSTILE = [
  'replicaCount: 2',
  'note: |',
  '  ::warning title=Deployed::all good',
  '    ::set-output name=gateway-url::https://evil.example',
  '::save-state name=workDir::/home/runner',
  '::add-mask::shown-to-nobody',
  'legacy: "x ##[set-output name=kubeconfig-path]/etc/passwd"',
  '::stop-commands::guess',
  '::endgroup::',
].join('\n');

describe('printForeign', () => {
  it('fences text so none of its lines issues a workflow command, and the log resumes after it', () => {
    const log = recorder();
    printForeign(HOSTILE, log.stream);
    throughStdout(log.stream, () => runner.warning('after the fence'));
    expect(workflowCommands(log.text())).toEqual([{ name: 'warning', properties: '', data: 'after the fence' }]);
    // The text itself is printed whole.
    expect(log.text()).toContain(HOSTILE);
  });

  it('prints under the redaction that redactStandardStreams installed', () => {
    const secrets = new SecretSet(() => undefined);
    secrets.add('hunter2-the-secret');
    const log = recorder();
    redactStandardStreams(secrets, [log.stream as never]);
    printForeign('password: hunter2-the-secret', log.stream as never);
    expect(log.text()).toContain('password: ***');
    expect(log.text()).not.toContain('hunter2');
  });

  it('never uses a token the text holds, in any case, nor one the redaction would change', () => {
    let calls = 0;
    const redaction = { redact: (text: string) => (++calls === 1 ? '***' : text) };
    const token = fenceToken('some text', redaction);
    expect(calls).toBe(2);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    // 128 random bits: two tokens are never alike, so nobody can write the one that ends a fence.
    expect(fenceToken('x')).not.toBe(fenceToken('x'));
    const planted = `::${token.toUpperCase()}::`;
    expect(fenceToken(planted, { redact: (t) => t })).not.toBe(token);
  });
});

describe('the redacted streams', () => {
  it('break the old ##[command] form anywhere in a line, which the toolkit never writes', () => {
    const log = recorder();
    redactStandardStreams(new SecretSet(() => undefined), [log.stream as never]);
    log.stream.write('Smoke test: the gateway answered "##[set-output name=gateway-url]https://evil"\n');
    expect(workflowCommands(log.text())).toEqual([]);
    expect(log.text()).toContain('##\u200b[set-output');
  });
});

describe('our own workflow commands', () => {
  it('escape the outside text they quote into one line: a warning or an error issues nothing else', () => {
    const log = recorder();
    throughStdout(log.stream, () => {
      runner.warning(`helm said:\n::set-output name=x::y\n  ::add-mask::z`);
      runner.error('pod log:\r\n::save-state name=workDir::/');
    });
    expect(workflowCommands(log.text()).map((c) => c.name)).toEqual(['warning', 'error']);
  });
});
