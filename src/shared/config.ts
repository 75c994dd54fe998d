// Configuration: parsed once from the environment with zod; a bad value stops start-up naming the variable.
import path from 'node:path';
import { z } from 'zod';
import { dbDefaults } from '../storage/db-defaults.ts';

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
  CHANGEDESK_RISK_MODEL: z.string().min(1).optional(),
  CHANGEDESK_RISK_HISTORY_CSV: z.string().min(1).optional(),
  CHANGEDESK_RISK_HISTORY_MAPPING: z.string().min(1).optional(),
  CHANGEDESK_POLICY_FILE: z.string().min(1).optional(),
  CHANGEDESK_ESCALATION_WEBHOOK_URL: url(['http', 'https']).optional(),
  CHANGEDESK_SLA_SWEEP_S: z.coerce.number({ error: 'expected a number of seconds' }).int().min(1).default(60),
  CHANGEDESK_JOB_LOCK_S: z.coerce.number({ error: 'expected a number of seconds' }).min(1).default(30),
  CHANGEDESK_ERP_TIMEOUT_S: z.coerce.number({ error: 'expected a number of seconds' }).positive().default(10),
  CHANGEDESK_DB_CONNECT_TIMEOUT_S: z.coerce.number({ error: 'expected a number of seconds' }).positive().default(dbDefaults.connectTimeoutMs / 1000),
  CHANGEDESK_DB_QUERY_TIMEOUT_S: z.coerce.number({ error: 'expected a number of seconds' }).positive().default(dbDefaults.queryTimeoutMs / 1000),
  CHANGEDESK_RUN_WORKERS: bool.default(true),
  CHANGEDESK_QUEUE_PREFIX: z.string().regex(/^[\w.-]+$/, { error: 'expected letters, digits, dots, dashes or underscores' }).default('changedesk'),
  CHANGEDESK_WORKER_CONCURRENCY: z.coerce.number({ error: 'expected a number' }).int().min(1).max(256).default(4),
  CHANGEDESK_POST_ATTEMPTS: z.coerce.number({ error: 'expected a number' }).int().min(1).max(100).default(8),
  CHANGEDESK_MAX_MESSAGE_BYTES: z.coerce.number({ error: 'expected a number of bytes' }).int().min(1024).default(40 * 1024 * 1024),
  // Inbound channels (issue #9): IMAP mailboxes, the SMTP listener and the watched folder; each is off until configured.
  CHANGEDESK_IMAP_MAILBOXES: z.string().min(1).optional(),
  CHANGEDESK_SMTP_PORT: port.optional(),
  CHANGEDESK_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  CHANGEDESK_SMTP_RECIPIENTS: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .refine((list) => list.length > 0 && list.every((r) => /^[^@\s]*@[^@\s]+$/.test(r)), { error: 'expected addresses or @domains, separated by commas' })
    .optional(),
  CHANGEDESK_SMTP_TLS_KEY: z.string().min(1).optional(),
  CHANGEDESK_SMTP_TLS_CERT: z.string().min(1).optional(),
  CHANGEDESK_INBOX_DIR: z.string().min(1).optional(),
  CHANGEDESK_INBOX_POLL_S: z.coerce.number({ error: 'expected a number of seconds' }).positive().default(5),
  // The openai provider (issue #6): any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp).
  OPENAI_BASE_URL: url(['http', 'https']).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  CHANGEDESK_LLM_MODEL: z.string().min(1).optional(),
  CHANGEDESK_LLM_FALLBACK_AFTER_S: z.coerce.number({ error: 'expected a number of seconds' }).min(0).default(900),
  CHANGEDESK_LLM_PROBE_S: z.coerce.number({ error: 'expected a number of seconds' }).positive().default(30),
  CHANGEDESK_LLM_TIMEOUT_S: z.coerce.number({ error: 'expected a number of seconds' }).positive().default(60),
  CHANGEDESK_LLM_MAX_RETRIES: z.coerce.number({ error: 'expected a number' }).int().min(0).max(10).default(4),
  CHANGEDESK_LLM_RPM: z.coerce.number({ error: 'expected requests per minute' }).int().min(1).optional(),
  CHANGEDESK_LLM_TPM: z.coerce.number({ error: 'expected tokens per minute' }).int().min(100).optional(),
  CHANGEDESK_LLM_PRICE_INPUT: z.coerce.number({ error: 'expected USD per million input tokens' }).min(0).default(0),
  CHANGEDESK_LLM_PRICE_OUTPUT: z.coerce.number({ error: 'expected USD per million output tokens' }).min(0).default(0),
  CHANGEDESK_LLM_CACHE: bool.default(true),
  CHANGEDESK_LLM_STRUCTURED_OUTPUT: z.enum(['json_schema', 'function_calling', 'json_mode'], { error: 'expected json_schema, function_calling or json_mode' }).default('json_schema'),
  CHANGEDESK_LLM_CHUNK_CHARS: z.coerce.number({ error: 'expected a number of characters' }).int().min(2000).default(12_000),
  CHANGEDESK_LLM_MAX_OUTPUT_TOKENS: z.coerce.number({ error: 'expected a number of tokens' }).int().min(256).default(4096),
});

/** The openai provider needs a model, and a key unless it talks to a self-hosted endpoint. */
function checkLlm(e: z.output<typeof envSchema>, ctx: z.RefinementCtx): void {
  if (e.CHANGEDESK_PROVIDER !== 'openai') return;
  if (!e.CHANGEDESK_LLM_MODEL)
    ctx.addIssue({ code: 'custom', path: ['CHANGEDESK_LLM_MODEL'], message: 'required with CHANGEDESK_PROVIDER=openai (the model name the endpoint serves)' });
  if (!e.OPENAI_API_KEY && !e.OPENAI_BASE_URL)
    ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'required with CHANGEDESK_PROVIDER=openai unless OPENAI_BASE_URL names a self-hosted endpoint' });
}

/** The SMTP listener needs to know whom it takes mail for; TLS needs both halves. */
function checkIntakeChannels(e: z.output<typeof envSchema>, ctx: z.RefinementCtx): void {
  if (e.CHANGEDESK_SMTP_PORT !== undefined && !e.CHANGEDESK_SMTP_RECIPIENTS)
    ctx.addIssue({ code: 'custom', path: ['CHANGEDESK_SMTP_RECIPIENTS'], message: 'required with CHANGEDESK_SMTP_PORT (the addresses or @domains it takes mail for)' });
  if (!e.CHANGEDESK_SMTP_TLS_KEY !== !e.CHANGEDESK_SMTP_TLS_CERT)
    ctx.addIssue({ code: 'custom', path: [e.CHANGEDESK_SMTP_TLS_KEY ? 'CHANGEDESK_SMTP_TLS_CERT' : 'CHANGEDESK_SMTP_TLS_KEY'], message: 'give both CHANGEDESK_SMTP_TLS_KEY and CHANGEDESK_SMTP_TLS_CERT, or neither' });
}

/** The parsed configuration: production demands what development can default. */
export const configSchema = envSchema
  .superRefine(checkLlm)
  .superRefine(checkIntakeChannels)
  .superRefine((e, ctx) => {
    if (e.CHANGEDESK_RISK_HISTORY_CSV && !e.CHANGEDESK_RISK_HISTORY_MAPPING)
      ctx.addIssue({ code: 'custom', path: ['CHANGEDESK_RISK_HISTORY_MAPPING'], message: 'required with CHANGEDESK_RISK_HISTORY_CSV (the column mapping)' });
  })
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
    runWorkers: e.CHANGEDESK_RUN_WORKERS,
    jobLockMs: e.CHANGEDESK_JOB_LOCK_S * 1000,
    erpTimeoutMs: e.CHANGEDESK_ERP_TIMEOUT_S * 1000,
    dbConnectTimeoutMs: e.CHANGEDESK_DB_CONNECT_TIMEOUT_S * 1000,
    dbQueryTimeoutMs: e.CHANGEDESK_DB_QUERY_TIMEOUT_S * 1000,
    policyFile: e.CHANGEDESK_POLICY_FILE,
    riskModel: e.CHANGEDESK_RISK_MODEL,
    riskHistory: e.CHANGEDESK_RISK_HISTORY_CSV ? { csv: e.CHANGEDESK_RISK_HISTORY_CSV, mapping: e.CHANGEDESK_RISK_HISTORY_MAPPING } : null,
    escalationWebhookUrl: e.CHANGEDESK_ESCALATION_WEBHOOK_URL,
    slaSweepMs: e.CHANGEDESK_SLA_SWEEP_S * 1000,
    workerConcurrency: e.CHANGEDESK_WORKER_CONCURRENCY,
    postAttempts: e.CHANGEDESK_POST_ATTEMPTS,
    maxMessageBytes: e.CHANGEDESK_MAX_MESSAGE_BYTES,
    intake: {
      imapMailboxesFile: e.CHANGEDESK_IMAP_MAILBOXES ? path.resolve(e.CHANGEDESK_IMAP_MAILBOXES) : null,
      smtp: e.CHANGEDESK_SMTP_PORT === undefined ? null : {
        host: e.CHANGEDESK_SMTP_HOST, port: e.CHANGEDESK_SMTP_PORT, recipients: e.CHANGEDESK_SMTP_RECIPIENTS ?? [],
        tls: e.CHANGEDESK_SMTP_TLS_KEY && e.CHANGEDESK_SMTP_TLS_CERT ? { keyFile: e.CHANGEDESK_SMTP_TLS_KEY, certFile: e.CHANGEDESK_SMTP_TLS_CERT } : null,
      },
      folder: e.CHANGEDESK_INBOX_DIR ? { dir: path.resolve(e.CHANGEDESK_INBOX_DIR), pollMs: e.CHANGEDESK_INBOX_POLL_S * 1000 } : null,
    },
    llm: {
      baseUrl: e.OPENAI_BASE_URL,
      apiKey: e.OPENAI_API_KEY,
      model: e.CHANGEDESK_LLM_MODEL,
      fallbackAfterMs: e.CHANGEDESK_LLM_FALLBACK_AFTER_S * 1000,
      probeEveryMs: e.CHANGEDESK_LLM_PROBE_S * 1000,
      timeoutMs: e.CHANGEDESK_LLM_TIMEOUT_S * 1000,
      maxRetries: e.CHANGEDESK_LLM_MAX_RETRIES,
      requestsPerMinute: e.CHANGEDESK_LLM_RPM,
      tokensPerMinute: e.CHANGEDESK_LLM_TPM,
      pricePerMillion: { input: e.CHANGEDESK_LLM_PRICE_INPUT, output: e.CHANGEDESK_LLM_PRICE_OUTPUT },
      cache: e.CHANGEDESK_LLM_CACHE,
      structuredOutput: e.CHANGEDESK_LLM_STRUCTURED_OUTPUT,
      chunkChars: e.CHANGEDESK_LLM_CHUNK_CHARS,
      maxOutputTokens: e.CHANGEDESK_LLM_MAX_OUTPUT_TOKENS,
    },
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
