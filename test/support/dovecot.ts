// A real IMAP server for the intake tests: dovecot as a child process on a free loopback port, config in a temp dir,
// any user name with the password "secret"; and a TCP proxy in front of it that a test can cut to drop connections.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/runtime/redis.ts';

export const DOVECOT_PASSWORD = 'secret';

export interface Dovecot {
  host: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const dovecotBinary = () => ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p)) ?? (spawnSync('which', ['dovecot']).stdout?.toString().trim() || null);

/** Why the dovecot tests cannot run here, or null when they can. */
export function dovecotMissing(): string | null {
  return dovecotBinary() ? null : 'dovecot is not installed (apt-get install dovecot-imapd; .ci/run installs it)';
}

export async function startDovecot(): Promise<Dovecot> {
  const bin = dovecotBinary();
  if (!bin) throw new Error(dovecotMissing()!);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cd-dovecot-'));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  // As root, mail is owned by nobody and dovecot's own users run the services; otherwise everything runs as us.
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  const me = os.userInfo().username;
  for (const d of ['run', 'state', 'mail', 'home']) await fs.mkdir(path.join(dir, d), { recursive: true });
  if (root) for (const d of ['mail', 'home']) await fs.chown(path.join(dir, d), uid, gid);
  if (root) await fs.chmod(dir, 0o755);
  const conf = path.join(dir, 'dovecot.conf');
  await fs.writeFile(conf, `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = changedesk-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
first_valid_gid = 1
${root ? '' : `default_internal_user = ${me}\ndefault_login_user = ${me}\n`}
passdb {
  driver = static
  args = password=${DOVECOT_PASSWORD}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`);
  const child: ChildProcess = spawn(bin, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!(await greets(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = await fs.readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
      throw new Error(`dovecot did not start on port ${port}: ${stderr}${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: '127.0.0.1', port, dir,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** Whether an IMAP greeting comes from the port. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(1000, () => done(false));
    s.once('data', (d) => done(d.toString().startsWith('* OK')));
    s.once('error', () => done(false));
  });
}

export interface TcpProxy {
  port: number;
  /** Destroys every open connection (the client sees the server vanish mid-session). */
  dropAll(): void;
  /** While paused, new connections are refused at once. */
  pause(): void;
  resume(): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let paused = false;
  const server = net.createServer((client) => {
    if (paused) return void client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port, dropAll,
    pause: () => void (paused = true),
    resume: () => void (paused = false),
    connections: () => sockets.size / 2,
    close: () => new Promise<void>((resolve) => (dropAll(), server.close(() => resolve()))),
  };
}
