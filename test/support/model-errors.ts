import { expect } from 'vitest'
import { ModelError } from '../../src-main/models/errors'

/** The ModelError `promise` rejects with (the test fails if it resolves or rejects with something else). */
export async function modelRejection(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ModelError)
  return error as ModelError
}
