// Limits on what one message may expand into (attachments, containers inside containers), and the budget that counts it.

export const defaultIntakeLimits = {
  /** Attachments a message may carry at its top level; more and the message is quarantined. */
  maxAttachments: 100,
  /** Documents one message may produce once containers (forwards, .msg, winmail.dat, zip) are opened. */
  maxDocuments: 250,
  /** Bytes one file may have once extracted from a container. */
  maxFileBytes: 40 * 1024 * 1024,
  /** Bytes all containers of one message may expand into together (zip bombs stop here). */
  maxExpandedBytes: 200 * 1024 * 1024,
  /** Containers inside containers: a forward of a forward inside a .msg is depth 3. */
  maxDepth: 6,
  /** Entries one archive may hold. */
  maxArchiveEntries: 500,
  /** Rows read per spreadsheet sheet; the rest is flagged as not read. */
  maxSheetRows: 5000,
};

export type IntakeLimits = typeof defaultIntakeLimits;

/** Counts what a message has expanded into so far; each `take…` answers null, or why the next step is refused. */
export class ExpansionBudget {
  documents = 0;
  expandedBytes = 0;
  private exhaustedReason: string | null = null;
  private exhaustionNoted = false;

  constructor(readonly limits: IntakeLimits = defaultIntakeLimits) {}

  /** Set once the document limit is hit: later attachments are skipped without another document each. */
  get exhausted(): string | null {
    return this.exhaustedReason;
  }

  /** True once only: the one document that tells the reviewer the rest was not read. */
  claimExhaustionNotice(): boolean {
    if (this.exhaustionNoted || !this.exhaustedReason) return false;
    this.exhaustionNoted = true;
    return true;
  }

  takeDocument(): string | null {
    if (this.documents >= this.limits.maxDocuments) {
      this.exhaustedReason ??= `not read: the message already produced ${this.limits.maxDocuments} documents, the limit per message`;
      return this.exhaustedReason;
    }
    this.documents++;
    return null;
  }

  /** Charges `n` expanded bytes; `largest` is the biggest single file among them (all of `n` when one file). */
  takeBytes(n: number, largest = n): string | null {
    if (largest > this.limits.maxFileBytes) return `a file inside is ${largest} bytes; the limit is ${this.limits.maxFileBytes}`;
    if (this.expandedBytes + n > this.limits.maxExpandedBytes)
      return `the message's containers expand to more than ${this.limits.maxExpandedBytes} bytes, the limit per message`;
    this.expandedBytes += n;
    return null;
  }
}
