import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';

/** Runs `action`, which must throw an InputError, and returns it for further checks. */
export function inputErrorFrom(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an InputError, but parsing succeeded');
}
