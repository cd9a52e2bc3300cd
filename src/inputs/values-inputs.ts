// The inputs that hold values as the chart takes them: the files `values-files` names (read here, once, through
// InputFiles), the inline `values`, the `set` lines and the `secret-values` paths. The values stage merges them.
import type { Command, ValuesConfig, ValuesFile } from './config.js';
import { FileTooLarge, mebibytes } from './input-files.js';
import type { InputReader } from './input-reader.js';
import { parseKeyPath } from './key-path.js';
import { InvalidInput, splitList } from './scalars.js';
import { parseEachLine, parseSetLines } from './set-lines.js';

/**
 * Values, all sources together, the action takes. Helm keeps each revision, values included, in a Secret of at most
 * 1 MiB (compressed): far larger values fail there, and would only make the values stage slow to say so.
 */
export const MAX_VALUES_BYTES = 16 * 2 ** 20;

/** The inline YAML and the files, read in order until they come to more than MAX_VALUES_BYTES. */
function readValuesText(input: InputReader): { inline: string; files: ValuesFile[] } {
  const inline = input.value('values');
  const files: ValuesFile[] = [];
  let total = 0;
  const fits = (name: 'values' | 'values-files', what: string, bytes: number) => {
    total += bytes;
    if (total <= MAX_VALUES_BYTES) return true;
    input.problem(
      name,
      `with ${what} (${mebibytes(bytes)}) the values come to ${mebibytes(total)}, more than the ${mebibytes(MAX_VALUES_BYTES)} the action takes: helm keeps every revision's values in a Secret of at most 1 MiB, so values this large would fail there. Move the bulk into a ConfigMap or a file the gateway reads.`,
    );
    return false;
  };
  if (!fits('values', 'the inline YAML', Buffer.byteLength(inline))) return { inline: '', files };
  for (const name of splitList(input.value('values-files'))) {
    try {
      const text = input.files.read(name, MAX_VALUES_BYTES - total);
      if (!fits('values-files', name, Buffer.byteLength(text))) break;
      files.push({ name, text });
    } catch (error) {
      if (error instanceof FileTooLarge) {
        fits('values-files', name, error.bytes);
        break;
      }
      if (!(error instanceof InvalidInput)) throw error;
      input.problem('values-files', `cannot read ${name}: ${error.message}`);
    }
  }
  return { inline, files };
}

/**
 * The values inputs. `command: uninstall` merges no values, so it reads no values files: a teardown job that has not
 * checked out the repository can reuse the deploy's `with:`.
 */
export function readValuesInputs(input: InputReader, command: Command): Omit<ValuesConfig, 'given' | 'extraObjects'> {
  return {
    ...(command === 'uninstall' ? { inline: input.value('values'), files: [] } : readValuesText(input)),
    set: input.lines('set', parseSetLines).lines,
    secretPaths: input.lines('secret-values', (raw) => parseEachLine(raw, parseKeyPath)).items,
  };
}
