import { z } from 'zod'

/**
 * An id as every channel takes it; an import keeps ids only in this shape, or the conversation could not be opened.
 * In a file of its own so that schemas input-schemas.ts builds on (the settings patch) can use it too.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id')
