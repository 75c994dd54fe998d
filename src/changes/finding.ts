// A finding: something a deterministic check noticed about a suggestion, shown to the reviewer (never a silent reject).
import { z } from 'zod';

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  /** Index of the change the finding is about; null for the item as a whole. */
  changeIndex: z.number().int().min(0).nullable(),
});
export type Finding = z.infer<typeof findingSchema>;
