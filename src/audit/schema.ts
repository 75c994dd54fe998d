// Audit events: who did what to which record, when, with the state before and after; chained by hash.
import { z } from 'zod';

export const actorSchema = z.object({
  type: z.enum(['user', 'system', 'ai']),
  id: z.string(),
});
export type Actor = z.infer<typeof actorSchema>;

export const auditEventSchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: actorSchema,
  action: z.string(),
  entityType: z.enum(['message', 'review_item', 'posting']),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** The message this event belongs to (its id), through every queue hop and human decision; null on older events. */
  correlationId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Without a correlation id, the one of the job being run is used (src/shared/correlation.ts). */
export const newAuditEventSchema = auditEventSchema.omit({ seq: true, at: true, prevHash: true, hash: true }).extend({ correlationId: z.string().nullish() });
export type NewAuditEvent = z.infer<typeof newAuditEventSchema>;

export const systemActor: Actor = { type: 'system', id: 'changedesk' };
