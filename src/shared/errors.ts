// The one error type of changedesk: a closed set of kinds, mapped to HTTP status in one place (api/on-error.ts)
// and to retry/no-retry in the queue workers (a `permanent` error never retries).

export const errorKinds = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof errorKinds;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
    /** A permanent error is not worth retrying: the same input will fail the same way. */
    readonly permanent: boolean = kind !== 'unavailable' && kind !== 'internal',
  ) {
    super(message);
  }

  get status(): number {
    return errorKinds[this.kind];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
