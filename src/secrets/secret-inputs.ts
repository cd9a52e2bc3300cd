// Which inputs hold secrets: the inputs stage declares it in its table, and this is the one place the rest of the
// action asks.
import { SECRET_INPUTS } from '../inputs/table.js';

/** Whether the input's value is a secret, to be masked the moment it is read. */
export const isSecretInput = (name: string): boolean => (SECRET_INPUTS as readonly string[]).includes(name);
