import { z } from 'zod';
import { MAX_SLOT_SECONDS, MIN_SLOT_SECONDS } from './shared';

/** A slot's length, or an extension's, as the actions take it. */
export const slotSeconds = z
  .number({ error: 'the slot must be a number of seconds' })
  .int('the slot must be a whole number of seconds')
  .min(MIN_SLOT_SECONDS, `a slot is at least ${MIN_SLOT_SECONDS} seconds`)
  .max(MAX_SLOT_SECONDS, `a slot is at most ${MAX_SLOT_SECONDS / 3600} hours`);
