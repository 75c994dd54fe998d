// CI's regression gate: the offline provider on the held-out split must meet the committed thresholds.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const testSplit = path.join(root, 'fixtures/cases/test');

describe('eval gate (evals/gates/offline-test.json)', () => {
  it.skipIf(!existsSync(testSplit))('offline on fixtures/cases/test passes the committed gate', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'eval-gate-'));
    const args = ['evals/cli.ts', '--fixtures', 'fixtures/cases/test', '--provider', 'offline', '--gate', 'evals/gates/offline-test.json', '--out', path.join(out, 'eval'), '--quiet'];
    const r = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(path.join(root, 'node_modules/.bin/tsx'), args, { cwd: root }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr })));
    await rm(out, { recursive: true, force: true });
    expect(r.code, r.output).toBe(0);
  }, 120_000);
});
