// PostgreSQL time limits when nothing configures them: one definition for the query layer and the config schema.
export const dbDefaults = { connectTimeoutMs: 10_000, queryTimeoutMs: 60_000 } as const;
