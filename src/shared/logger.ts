// Structured logging (pino). One root logger; modules take a child with their own bindings.
import { pino } from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'changedesk' },
});

export type Logger = typeof logger;
