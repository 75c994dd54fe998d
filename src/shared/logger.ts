// Structured logging (pino). One root logger; modules take a child with their own bindings.
import { pino, type DestinationStream } from 'pino';
import { activeTraceIds } from '../observability/tracing.ts';
import { currentCorrelationId } from './correlation.ts';

/** Every line carries the correlation id and trace ids of the work it was written in, when there is one. */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}) {
  return pino(
    {
      level: opts.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
      base: { service: 'changedesk' },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return { ...(correlationId ? { correlationId } : {}), ...activeTraceIds() };
      },
    },
    opts.destination,
  );
}

export const logger = createLogger();

export type Logger = typeof logger;
