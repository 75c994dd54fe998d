// Bearer-token authentication and role checks: the one place that decides who may call what.
import fs from 'node:fs';
import { createMiddleware } from 'hono/factory';
import { ConfigError, type Config } from '../shared/config.ts';
import { AppError } from '../shared/errors.ts';
import { sha256 } from '../shared/hash.ts';
import { devUsers, usersFileSchema, type User } from '../review/users.ts';
import type { Role } from '../review/schema.ts';

export type AuthEnv = { Variables: { user: User } };

/** Token hash → user. Production: the users file only, and none of the published development tokens. */
export function loadUsers(config: Pick<Config, 'mode' | 'usersFile'>): Map<string, User> {
  const users = new Map<string, User>();
  if (config.mode !== 'production') for (const { token, ...u } of devUsers) users.set(sha256(token), u);
  if (config.usersFile) {
    let parsed;
    try {
      parsed = usersFileSchema.safeParse(JSON.parse(fs.readFileSync(config.usersFile, 'utf8')));
    } catch (e) {
      throw new ConfigError(`CHANGEDESK_USERS_FILE=${config.usersFile}: cannot be read as JSON (${(e as Error).message})`);
    }
    if (!parsed.success) throw new ConfigError(`CHANGEDESK_USERS_FILE=${config.usersFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const devHashes = new Set(devUsers.map((u) => sha256(u.token)));
    for (const { tokenSha256, ...u } of parsed.data.users) {
      if (config.mode === 'production' && devHashes.has(tokenSha256))
        throw new ConfigError(`CHANGEDESK_USERS_FILE: user ${u.id} uses a published development token; production refuses it`);
      users.set(tokenSha256, u);
    }
  }
  return users;
}

/** Authenticates `Authorization: Bearer <token>`; the token itself is never stored or logged. */
export const bearerAuth = (users: Map<string, User>) => {
  if (users.size === 0) throw new ConfigError('no users are configured');
  return createMiddleware<AuthEnv>(async (c, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!m) throw new AppError('unauthenticated', 'send Authorization: Bearer <token>');
    const user = users.get(sha256(m[1]!));
    if (!user) throw new AppError('unauthenticated', 'the token is not valid');
    c.set('user', user);
    await next();
  });
};

export function requireRole(user: User, roles: Role[], what: string): void {
  if (!roles.includes(user.role)) throw new AppError('forbidden', `${what} needs the role ${roles.join(' or ')}; you are ${user.role}`);
}
