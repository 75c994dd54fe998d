// Value schemas shared by the change kinds.
import { z } from 'zod';

export const quantity = z.number().nonnegative();
export const money = z.number().nonnegative();
export const isoDate = z.iso.date();
export const text = z.string().trim().min(1);
export const none = z.null();
