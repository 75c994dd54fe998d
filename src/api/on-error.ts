// The one error handler: every error response has the shape { error: { kind, message, details? } }.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';

export const errorBodySchema = z.object({
  error: z.object({ kind: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return new AppError('bad_request', 'the request is not valid', z.treeifyError(err));
  if (err instanceof HTTPException) {
    const kind = err.status === 413 ? 'too_large' : err.status === 401 ? 'unauthenticated' : err.status < 500 ? 'bad_request' : 'internal';
    return new AppError(kind, err.message || 'request refused');
  }
  return new AppError('internal', 'internal error');
}

export const onError = (logger: Logger) => (err: Error, c: Context) => {
  const e = toAppError(err);
  if (e.status >= 500) logger.error({ err, path: c.req.path }, 'request failed');
  const headers: Record<string, string> = e.kind === 'unauthenticated' ? { 'WWW-Authenticate': 'Bearer' } : {};
  return c.json({ error: { kind: e.kind, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } }, e.status as 400, headers);
};
