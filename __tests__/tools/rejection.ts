// Test helper for the tools suites: the ActionError a promise rejects with, failing the test if it resolves or
// rejects with anything else.
import { expect } from '@jest/globals';
import { ActionError } from '../../src/errors.js';

export async function rejection(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}
