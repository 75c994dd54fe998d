// Users and their roles; API tokens are stored only as sha256 hashes.
import { z } from 'zod';
import { roleSchema } from './schema.ts';

export const userSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

export const userRecordSchema = userSchema.extend({
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the sha256 of the token, 64 hex digits'),
});
export const usersFileSchema = z.object({ users: z.array(userRecordSchema).min(1) });
export type UserRecord = z.infer<typeof userRecordSchema>;

/** Development only: documented in the README; production refuses to start with any of these tokens. */
export const devUsers: (User & { token: string })[] = [
  { id: 'dev-rep', name: 'Riley Rep', role: 'rep', token: 'dev-rep-token' },
  { id: 'dev-approver', name: 'Avery Approver', role: 'approver', token: 'dev-approver-token' },
  { id: 'dev-admin', name: 'Ada Admin', role: 'admin', token: 'dev-admin-token' },
];
