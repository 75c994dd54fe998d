import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has development defaults that need nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: 'development', port: 3000, provider: 'offline', seedInbox: true, redisUrl: undefined, databaseUrl: undefined });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads the LLM fallback clock in seconds: wait 15 min, then probe the endpoint every 30 s', () => {
    expect(loadConfig({}).llm).toMatchObject({ fallbackAfterMs: 900_000, probeEveryMs: 30_000 });
    expect(loadConfig({ CHANGEDESK_LLM_FALLBACK_AFTER_S: '60', CHANGEDESK_LLM_PROBE_S: '5' }).llm).toMatchObject({ fallbackAfterMs: 60_000, probeEveryMs: 5000 });
    expect(() => loadConfig({ CHANGEDESK_LLM_PROBE_S: '0' })).toThrow(/CHANGEDESK_LLM_PROBE_S/);
  });

  it('names the variable and what it expects', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": expected a TCP port number/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL="localhost:6379": expected a URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL=.*postgres:\/\//);
    expect(() => loadConfig({ CHANGEDESK_PROVIDER: 'gpt' })).toThrow(/CHANGEDESK_PROVIDER="gpt": expected offline or openai/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: '-1', CHANGEDESK_MODE: 'prod' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/CHANGEDESK_MODE/);
    }
  });

  it('demands a users file and a real ERP in production', () => {
    expect(() => loadConfig({ CHANGEDESK_MODE: 'production' })).toThrow(/CHANGEDESK_USERS_FILE.*required in production[\s\S]*CHANGEDESK_ERP_URL/);
    expect(loadConfig({ CHANGEDESK_MODE: 'production', CHANGEDESK_USERS_FILE: '/etc/cd/users.json', CHANGEDESK_ERP_URL: 'https://erp.example' }).seedInbox).toBe(false);
  });
});
