// A private PostgreSQL cluster for fault tests that restart the server (never the machine's shared one): initdb in a
// temp dir as the postgres user, on a free loopback port.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/runtime/redis.ts';

const run = promisify(execFile);
const binDir = (() => {
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort();
    const dir = path.join('/usr/lib/postgresql', versions.at(-1) ?? '', 'bin');
    return fs.existsSync(path.join(dir, 'initdb')) ? dir : null;
  } catch {
    return null;
  }
})();

/** initdb refuses root, so the cluster runs as the postgres user; that needs root to switch to it, and the binaries. */
export const canRunPrivatePostgres = binDir !== null && process.getuid?.() === 0 && fs.existsSync('/usr/sbin/runuser');

export async function startPrivatePostgres() {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cd-pg-'));
  await fsp.chmod(root, 0o777);
  await run('chown', ['postgres', root]);
  const data = path.join(root, 'data');
  const asPostgres = (cmd: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', path.join(binDir!, cmd), ...args], { cwd: root });
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const ctl = (...args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-l', path.join(root, 'log'), '-w', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, ...args]);
  await ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** A fast restart: open connections are cut, as in a failover. */
    restart: () => ctl('-m', 'fast', 'restart'),
    async stop() {
      await ctl('-m', 'immediate', 'stop').catch(() => {});
      await fsp.rm(root, { recursive: true, force: true });
    },
  };
}
