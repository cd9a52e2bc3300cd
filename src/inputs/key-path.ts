// Key paths as `set` writes them: dots separate keys, `\.` is a dot inside a key, `[N]` indexes a list.
// `service.annotations.service\.beta\.kubernetes\.io/azure-pip-name`, `imageCredentials[0].username`.
import { InvalidInput } from './scalars.js';

export type KeyPath = (string | number)[];

export const MAX_LIST_INDEX = 65536;

export function parseKeyPath(raw: string): KeyPath {
  const path: KeyPath = [];
  let key = '';
  let keyStarted = false;
  const endKey = () => {
    if (!keyStarted) throw new InvalidInput(`${JSON.stringify(raw)} has an empty key: write keys like a.b\\.c[0].d.`);
    path.push(key);
    key = '';
    keyStarted = false;
  };
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '\\' && i + 1 < raw.length) {
      key += raw[++i];
      keyStarted = true;
    } else if (char === '.') {
      if (keyStarted) endKey();
      else if (typeof path[path.length - 1] !== 'number') endKey();
    } else if (char === '[') {
      if (keyStarted) endKey();
      const close = raw.indexOf(']', i);
      const index = raw.slice(i + 1, close);
      if (close < 0 || !/^\d+$/.test(index) || path.length === 0) {
        throw new InvalidInput(`${JSON.stringify(raw)} has a bad list index: write it like list[0].key.`);
      }
      // The list is filled up to the index: helm's --set stops at this size, and so do we, rather than hang.
      if (Number(index) > MAX_LIST_INDEX) {
        throw new InvalidInput(
          `${JSON.stringify(raw)} has list index ${index}: at most ${MAX_LIST_INDEX} (as helm --set).`,
        );
      }
      path.push(Number(index));
      i = close;
      if (i + 1 < raw.length && raw[i + 1] !== '.' && raw[i + 1] !== '[') {
        throw new InvalidInput(`${JSON.stringify(raw)} needs a '.' after ${raw.slice(0, i + 1)}.`);
      }
    } else {
      key += char;
      keyStarted = true;
    }
  }
  if (keyStarted || path.length === 0 || typeof path[path.length - 1] !== 'number') endKey();
  return path;
}

/** The inverse of parseKeyPath: how keys are named in warnings and errors. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${part.replace(/\\/g, '\\\\').replace(/\./g, '\\.')}`,
    )
    .join('');
}
