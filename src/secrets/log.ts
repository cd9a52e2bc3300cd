// The log: every write to the standard streams goes through the run's redaction, and text that is not ours (values,
// rendered manifests, helm's and kubectl's output, an API's answer, a pod's events) is printed inside a
// `::stop-commands::` fence. The runner acts on any line that starts with `::` (after leading spaces), so without the
// fence a values string holding "\n::warning::…" or "\n::set-output …" would issue workflow commands. It also still
// reads the old `##[command]` form anywhere in a line, which src/runner.ts never writes: every write has it broken
// (`##\u200b[`), so one of our own lines quoting an outside value cannot carry one either. Our own workflow commands
// (runner.warning, runner.error, runner.group) escape their data into one line: they need no fence.
import * as runner from '../runner.js';
import { randomBytes } from 'node:crypto';
import { EOL } from 'node:os';

/** What the log needs of the run's SecretSet (which imports this file for registerMask). */
interface Redaction {
  redact(text: string): string;
}

/** While SecretSet registers a mask, the command carrying it must reach the runner as it is. */
let registeringMask = false;
/** The redaction redactStandardStreams installed: the fence's token must survive it unchanged. */
let installed: Redaction = { redact: (text) => text };

/** runner.setSecret, let through the redacting streams. */
export function registerMask(value: string): void {
  registeringMask = true;
  try {
    runner.setSecret(value);
  } finally {
    registeringMask = false;
  }
}

type Writable = Pick<NodeJS.WriteStream, 'write'>;

/** The old command form, `##[set-output name=x]y`, which the runner finds anywhere in a line. */
const OLD_COMMAND = /##\[/g;
const breakOldCommands = (text: string) => text.replace(OLD_COMMAND, '##\u200b[');

/**
 * From now on every write to the streams (the log, where src/runner.ts prints, and whatever helm or kubectl output
 * the stages pass on) is redacted by `secrets`, the mask commands of the set itself excepted. Run once, first thing.
 */
export function redactStandardStreams(secrets: Redaction, streams: Writable[] = [process.stdout, process.stderr]) {
  installed = secrets;
  for (const stream of streams) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (registeringMask) return write(chunk, ...rest);
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      return write(breakOldCommands(secrets.redact(text)), ...rest.filter((arg) => typeof arg === 'function'));
    }) as Writable['write'];
  }
}

/**
 * A token nobody can guess or plant: random, absent from the text as it will be printed (in any case: the runner
 * compares commands ignoring it), and left whole by the redaction.
 */
export function fenceToken(shown: string, redaction: Redaction = installed): string {
  const text = shown.toLowerCase();
  for (;;) {
    const token = randomBytes(16).toString('hex');
    if (!text.includes(token) && redaction.redact(token) === token) return token;
  }
}

/**
 * Prints text that is not ours so that no line of it can issue a workflow command: between `::stop-commands::TOKEN`
 * and `::TOKEN::`, written in one piece so no command of ours can fall inside the fence.
 */
export function printForeign(text: string, stream: Writable = process.stdout): void {
  const shown = installed.redact(text);
  const token = fenceToken(shown);
  stream.write(`::stop-commands::${token}${EOL}${shown}${EOL}::${token}::${EOL}`);
}
