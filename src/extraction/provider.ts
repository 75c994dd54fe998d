// The extraction provider interface: offline (deterministic, embedded) and openai (LLM) implement it.
import type { MessageDocument } from '../intake/schema.ts';
import type { Extraction, ProviderInfo } from './schema.ts';

export interface ExtractionInput {
  messageId: string;
  subject: string | null;
  /** The message's Date header (ISO 8601); relative dates ("next Friday") resolve against it. */
  sentAt: string | null;
  /** Index 0 is the body; then the attachments, each with per-page text (none when unreadable). */
  documents: MessageDocument[];
}

export interface ExtractionProvider {
  info: ProviderInfo;
  extract(input: ExtractionInput): Promise<Extraction>;
}
