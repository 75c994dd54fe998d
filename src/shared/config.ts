// Configuration: parsed once from the environment with zod; a bad value stops start-up naming the variable.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.url({ error: `expected a URL (${protocols.join(', ')})` }).refine(
    (v) => protocols.some((p) => v.startsWith(`${p}://`)),
    { error: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );

const port = z.coerce
  .number({ error: 'expected a TCP port number' })
  .int({ error: 'expected a whole number' })
  .min(0, { error: 'expected a port from 0 to 65535' })
  .max(65535, { error: 'expected a port from 0 to 65535' });

/** Environment variable → schema. Names are the public contract documented in the README. */
export const envSchema = z.object({
  CHANGEDESK_MODE: z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  CHANGEDESK_DATA_DIR: z.string().min(1).default('./data'),
  CHANGEDESK_PROVIDER: z.enum(['offline', 'openai'], { error: 'expected offline or openai' }).default('offline'),
  CHANGEDESK_USERS_FILE: z.string().min(1).optional(),
  CHANGEDESK_ERP_URL: url(['http', 'https']).optional(),
  CHANGEDESK_ERP_SIM_PORT: port.default(3100),
  CHANGEDESK_SEED_INBOX: bool.optional(),
  CHANGEDESK_QUEUE_PREFIX: z.string().regex(/^[\w.-]+$/, { error: 'expected letters, digits, dots, dashes or underscores' }).default('changedesk'),
  CHANGEDESK_WORKER_CONCURRENCY: z.coerce.number({ error: 'expected a number' }).int().min(1).max(256).default(4),
  CHANGEDESK_POST_ATTEMPTS: z.coerce.number({ error: 'expected a number' }).int().min(1).max(100).default(8),
  CHANGEDESK_MAX_MESSAGE_BYTES: z.coerce.number({ error: 'expected a number of bytes' }).int().min(1024).default(40 * 1024 * 1024),
});

/** The parsed configuration: production demands what development can default. */
export const configSchema = envSchema
  .superRefine((e, ctx) => {
    if (e.CHANGEDESK_MODE !== 'production') return;
    if (!e.CHANGEDESK_USERS_FILE)
      ctx.addIssue({ code: 'custom', path: ['CHANGEDESK_USERS_FILE'], message: 'required in production (users with hashed API tokens; see README)' });
    if (!e.CHANGEDESK_ERP_URL)
      ctx.addIssue({ code: 'custom', path: ['CHANGEDESK_ERP_URL'], message: 'required in production (the ERP endpoint; the simulator runs only in development)' });
  })
  .transform((e) => ({
    mode: e.CHANGEDESK_MODE,
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CHANGEDESK_DATA_DIR),
    provider: e.CHANGEDESK_PROVIDER,
    usersFile: e.CHANGEDESK_USERS_FILE,
    erpUrl: e.CHANGEDESK_ERP_URL,
    erpSimPort: e.CHANGEDESK_ERP_SIM_PORT,
    seedInbox: e.CHANGEDESK_SEED_INBOX ?? e.CHANGEDESK_MODE === 'development',
    queuePrefix: e.CHANGEDESK_QUEUE_PREFIX,
    workerConcurrency: e.CHANGEDESK_WORKER_CONCURRENCY,
    postAttempts: e.CHANGEDESK_POST_ATTEMPTS,
    maxMessageBytes: e.CHANGEDESK_MAX_MESSAGE_BYTES,
  }));

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}=${JSON.stringify(present[String(i.path[0])] ?? '')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
