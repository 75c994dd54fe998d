// A watched folder: every .eml or .msg dropped in is stored, then moved to processed/ (or rejected/ with the reason).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isAppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { AcceptFn, IntakeChannel } from './channel.ts';
import { messageFromFile } from './message-file.ts';
import { ChannelTracker } from './tracker.ts';

export interface FolderWatcherConfig {
  dir: string;
  /** A full scan this often; file-system events only make it sooner. */
  pollMs: number;
  /** A file modified more recently than this may still be being written, and waits for the next scan. */
  settleMs?: number;
}

const WANTED = /^[^.].*\.(eml|msg)$/i;

export class FolderWatcher implements IntakeChannel {
  readonly name = 'folder';
  private readonly tracker: ChannelTracker;
  private readonly log: Logger;
  private readonly processedDir: string;
  private readonly rejectedDir: string;
  private watcher: fs.FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(private readonly config: FolderWatcherConfig, private readonly deps: { accept: AcceptFn; logger: Logger; now?: () => number }) {
    this.processedDir = path.join(config.dir, 'processed');
    this.rejectedDir = path.join(config.dir, 'rejected');
    this.tracker = new ChannelTracker('folder', 'folder', Math.max(10 * config.pollMs, 60_000), deps.now);
    this.tracker.detail.dir = config.dir;
    this.log = deps.logger.child({ channel: this.name });
  }

  async start(): Promise<this> {
    for (const d of [this.config.dir, this.processedDir, this.rejectedDir]) await fsp.mkdir(d, { recursive: true });
    try {
      this.watcher = fs.watch(this.config.dir, () => void this.scan());
      this.watcher.on('error', () => {}); // the poll keeps going
    } catch {
      this.watcher = null; // some network file systems have no events: polling alone
    }
    this.timer = setInterval(() => void this.scan(), this.config.pollMs);
    this.tracker.set('watching');
    await this.scan();
    return this;
  }

  status() {
    return this.tracker.status();
  }

  /** Stops watching; a file being stored is finished (and moved) first. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    await this.scanning;
    this.tracker.set('stopped');
  }

  /** One pass over the folder; calls during a pass make one more pass after it. */
  scan(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
          this.tracker.succeeded();
        } catch (e) {
          this.log.warn({ err: this.tracker.failed(e) }, 'scanning the inbox folder failed');
        }
      } while (this.again && !this.stopping);
    })().finally(() => (this.scanning = null));
    return this.scanning;
  }

  private async pass(): Promise<void> {
    const now = (this.deps.now ?? Date.now)();
    const names = (await fsp.readdir(this.config.dir, { withFileTypes: true })).filter((e) => e.isFile() && WANTED.test(e.name)).map((e) => e.name).sort();
    for (const name of names) {
      if (this.stopping) return;
      const file = path.join(this.config.dir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (!stat || now - stat.mtimeMs < (this.config.settleMs ?? 1000)) continue;
      await this.ingest(file, name);
    }
  }

  /** Stored first, moved after: a crash between the two leaves the file, and the next pass finds it a duplicate. */
  private async ingest(file: string, name: string): Promise<void> {
    try {
      const raw = await messageFromFile(await fsp.readFile(file), name);
      const r = await this.deps.accept(raw, 'folder', { type: 'system', id: 'folder' });
      this.tracker.counted(r.duplicate ? 'duplicate' : 'accepted');
      await moveInto(this.processedDir, file, name);
    } catch (e) {
      if (!isAppError(e) || !e.permanent) throw e; // the database or disk failed: the file stays for the next pass
      this.tracker.counted('rejected');
      const moved = await moveInto(this.rejectedDir, file, name);
      await fsp.writeFile(`${moved}.reason.txt`, `${new Date().toISOString()} ${e.message}\n`);
      this.log.warn({ file: name, reason: e.message }, 'inbox file rejected');
    }
  }
}

/** Moves a file into dir under its name, or a suffixed one when that name is taken; answers the new path. */
async function moveInto(dir: string, file: string, name: string): Promise<string> {
  const ext = path.extname(name);
  for (let i = 0; ; i++) {
    const target = path.join(dir, i === 0 ? name : `${path.basename(name, ext)}.${i}${ext}`);
    if (await fsp.access(target).then(() => true, () => false)) continue;
    await fsp.rename(file, target);
    return target;
  }
}
