// The correlation id of the work in progress (the message's id), carried by async context so every log line of a
// job says which message it belongs to without each function passing it along.
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs fn with this correlation id in context; without one (a job queued before ids existed), just runs it. */
export const withCorrelation = <T>(correlationId: string | undefined, fn: () => T): T => (correlationId ? store.run({ correlationId }, fn) : fn());

export const currentCorrelationId = (): string | undefined => store.getStore()?.correlationId;
