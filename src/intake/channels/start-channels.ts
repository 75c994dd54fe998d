// Starts the inbound channels the configuration names (IMAP mailboxes, SMTP listener, watched folder) and stops them.
import type { BlobStore } from '../../storage/blob-store.ts';
import type { Db } from '../../storage/db.ts';
import type { Config } from '../../shared/config.ts';
import type { Logger } from '../../shared/logger.ts';
import { acceptMessage } from '../accept-message.ts';
import { intakeChannels, type AcceptFn, type IntakeChannel } from './channel.ts';
import { FolderWatcher } from './folder-watcher.ts';
import { loadMailboxes } from './imap-config.ts';
import { ImapIngester } from './imap-ingester.ts';
import { SmtpListener } from './smtp-listener.ts';

export interface ChannelServices {
  db: Db;
  blobs: BlobStore;
  logger: Logger;
  enqueueParse(messageId: string): Promise<void>;
}

export interface RunningChannels {
  channels: IntakeChannel[];
  stop(): Promise<void>;
}

/** Every channel hands messages to the same durable intake as the HTTP upload, so duplicates match across channels. */
export async function startIntakeChannels(config: Pick<Config, 'mode' | 'maxMessageBytes' | 'intake'>, s: ChannelServices): Promise<RunningChannels> {
  const accept: AcceptFn = (raw, channel, actor) => acceptMessage(raw, channel, actor, { ...s, maxMessageBytes: config.maxMessageBytes });
  const mailboxes = config.intake.imapMailboxesFile ? loadMailboxes(config.intake.imapMailboxesFile, config.mode) : []; // fails before anything starts
  const channels: IntakeChannel[] = [];
  const deps = { accept, logger: s.logger };
  try {
    for (const m of mailboxes) channels.push(new ImapIngester(m, { ...deps, db: s.db, maxMessageBytes: config.maxMessageBytes }).start());
    if (config.intake.smtp) channels.push(await new SmtpListener({ ...config.intake.smtp, maxMessageBytes: config.maxMessageBytes }, deps).start());
    if (config.intake.folder) channels.push(await new FolderWatcher(config.intake.folder, deps).start());
  } catch (e) {
    await Promise.all(channels.map((c) => c.stop()));
    throw e;
  }
  for (const c of channels) intakeChannels.add(c);
  return {
    channels,
    async stop() {
      await Promise.all(channels.map((c) => c.stop()));
      for (const c of channels) intakeChannels.remove(c);
    },
  };
}
