// UI sessions: the browser holds a random id in an HttpOnly SameSite=Strict cookie; the server keeps the hash of the
// signed-in token (looked up in the users map on every request, so a removed user is signed out) and a CSRF secret.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../shared/errors.ts';
import { sha256 } from '../shared/hash.ts';

export interface SessionRecord {
  tokenSha256: string;
  /** Sent back with every form and checked on every POST. */
  csrf: string;
  createdAt: string;
}

export interface SessionStore {
  get(idHash: string): Promise<SessionRecord | null>;
  set(idHash: string, record: SessionRecord, ttlSeconds: number): Promise<void>;
  delete(idHash: string): Promise<void>;
}

export const SESSION_COOKIE = 'cd_session';
export const SESSION_TTL_S = 12 * 3600;

export const randomToken = () => randomBytes(32).toString('base64url');

/** Equal-time comparison, so a CSRF token cannot be guessed byte by byte. */
export function sameSecret(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The shared connection queues commands while Redis is away; a page answers 503 instead of hanging. */
function inTime<T>(p: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new AppError('unavailable', 'sessions are unavailable: Redis does not answer')), ms).unref())]);
}

/** Redis keeps sessions, so several API processes share them and they expire by themselves; keys are id hashes. */
export const redisSessionStore = (redis: Redis, prefix: string): SessionStore => {
  const key = (idHash: string) => `${prefix}:ui-session:${idHash}`;
  return {
    async get(idHash) {
      const raw = await inTime(redis.get(key(idHash)));
      return raw ? (JSON.parse(raw) as SessionRecord) : null;
    },
    async set(idHash, record, ttlSeconds) {
      await inTime(redis.set(key(idHash), JSON.stringify(record), 'EX', ttlSeconds));
    },
    async delete(idHash) {
      await inTime(redis.del(key(idHash)));
    },
  };
};

export const memorySessionStore = (): SessionStore => {
  const map = new Map<string, SessionRecord>();
  return {
    get: async (idHash) => map.get(idHash) ?? null,
    set: async (idHash, record) => void map.set(idHash, record),
    delete: async (idHash) => void map.delete(idHash),
  };
};

/** Starts a session for a token; answers the cookie value (the only place the raw id exists). */
export async function openSession(store: SessionStore, tokenSha256: string): Promise<{ id: string; record: SessionRecord }> {
  const id = randomToken();
  const record = { tokenSha256, csrf: randomToken(), createdAt: new Date().toISOString() };
  await store.set(sha256(id), record, SESSION_TTL_S);
  return { id, record };
}
