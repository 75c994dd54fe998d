// SMTP inbound (smtp-server): accepts mail for the allowed recipients and answers 250 only once it is stored.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { isAppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { AcceptFn, IntakeChannel } from './channel.ts';
import { ChannelTracker } from './tracker.ts';

export interface SmtpListenerConfig {
  host: string;
  port: number;
  /** Full addresses (`orders@example.com`) or whole domains (`@example.com`), case-insensitive. */
  recipients: string[];
  maxMessageBytes: number;
  /** Offer STARTTLS with this key and certificate (PEM files); without them the listener speaks plain SMTP. */
  tls?: { keyFile: string; certFile: string } | null;
}

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode: code });

export const recipientAllowed = (allowed: string[], address: string): boolean => {
  const a = address.trim().toLowerCase();
  return allowed.some((r) => (r.startsWith('@') ? a.endsWith(r.toLowerCase()) : a === r.toLowerCase()));
};

export class SmtpListener implements IntakeChannel {
  readonly name = 'smtp';
  private readonly tracker = new ChannelTracker('smtp', 'smtp', null);
  private readonly server: SMTPServer;
  private readonly log: Logger;
  private listeningPort = 0;

  constructor(private readonly config: SmtpListenerConfig, private readonly deps: { accept: AcceptFn; logger: Logger }) {
    this.log = deps.logger.child({ channel: this.name });
    const tls = config.tls ? { key: fs.readFileSync(config.tls.keyFile), cert: fs.readFileSync(config.tls.certFile) } : null;
    this.server = new SMTPServer({
      banner: 'changedesk inbound',
      size: config.maxMessageBytes,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ?? {}),
      logger: false,
      socketTimeout: 60_000,
      onRcptTo: (address, _session, callback) => {
        if (recipientAllowed(config.recipients, address.address)) return callback();
        this.tracker.counted('rejected');
        callback(smtpError(550, `5.1.1 <${address.address}>: this server takes mail only for its configured recipients`));
      },
      onData: (stream, session, callback) => void this.receive(stream, session.id).then((reply) => callback(null, reply), callback),
    });
    this.server.on('error', (err) => this.log.warn({ err: err.message }, 'SMTP listener error'));
  }

  get port(): number {
    return this.listeningPort;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.config.port, this.config.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listeningPort = (this.server.server.address() as AddressInfo).port;
    this.tracker.detail.address = `${this.config.host}:${this.listeningPort}`;
    this.tracker.set('listening');
    this.tracker.succeeded();
    return this;
  }

  status() {
    return this.tracker.status();
  }

  /** Stops taking connections; a delivery in progress is stored (and answered) before the sockets close. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.tracker.set('stopped');
  }

  /** Reads the message and stores it; the promise settles with the 250 text, or an SMTP error the sender acts on. */
  private async receive(stream: SMTPServerDataStream, session: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) {
      this.tracker.counted('rejected');
      throw smtpError(552, `5.3.4 the message is larger than ${this.config.maxMessageBytes} bytes`);
    }
    try {
      const r = await this.deps.accept(Buffer.concat(chunks), 'smtp', { type: 'system', id: 'smtp' });
      this.tracker.counted(r.duplicate ? 'duplicate' : 'accepted');
      this.tracker.succeeded();
      return `2.0.0 stored as ${r.messageId}${r.duplicate ? ' (a duplicate of a message already received)' : ''}`;
    } catch (e) {
      const message = this.tracker.failed(e);
      this.log.warn({ session, err: message }, 'SMTP delivery not stored');
      // Refused for good: the sender gets a bounce. Anything else: 451, and the sending server retries later.
      if (isAppError(e) && e.permanent) throw smtpError(e.kind === 'too_large' ? 552 : 554, `5.6.0 ${message}`);
      throw smtpError(451, '4.3.0 the message could not be stored just now; try again later');
    }
  }
}
