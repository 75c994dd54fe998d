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
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const newAuditEventSchema = auditEventSchema.omit({ seq: true, at: true, prevHash: true, hash: true });
export type NewAuditEvent = z.infer<typeof newAuditEventSchema>;

export const systemActor: Actor = { type: 'system', id: 'changedesk' };
