// A HAR file read as it arrives, entry by entry: only one entry is built at a time and long strings
// in it (a 50 MB body in `content.text`) can be left out, so a file of any size reads in bounded memory.
import { JsonStreamParser, JsonSyntaxError, type JsonChoice, type JsonKind, type JsonPath, UNEXPECTED_END } from './json-stream-parser';

export interface HarReaderHandler {
  /** Each of `log.entries`, in file order; `dropped` names its strings left out for their length. */
  entry(index: number, value: unknown, dropped: readonly string[]): void;
  /** Each other member of `log`: version, creator, pages, comment, a tool's own fields. */
  logField?(name: string, value: unknown): void;
}

export interface HarReaderOptions {
  /** Longer strings are left out of the entries handed over; none by default. */
  maxStringLength?: number;
}

/**
 * The length past which a file read in pieces drops a string: far beyond any URL, header or form
 * Consent Lens reads, well below the bodies real exports carry.
 */
export const MAX_HAR_STRING = 1 << 20;

/**
 * A HAR, or why not. A file that stops being JSON after some entries (a download cut off, a
 * export that crashed) is still read: `brokenAt` is the entry where it broke, and why.
 */
export type HarReadResult = { ok: true; brokenAt?: { index: number; reason: string } } | { ok: false; message: string };

const NO_ENTRIES = 'not a HAR file: no "log.entries" array';
const ENTRIES_NOT_ARRAY = 'not a HAR file: "log.entries" is not an array';

/** Thrown from the parser's handler to stop reading a file that cannot be a HAR. */
class NotHar extends Error {}

export class HarReader {
  private readonly parser: JsonStreamParser;
  private started = false;
  private sawLog = false;
  private sawEntries = false;
  private entriesRead = 0;
  private failure: string | undefined;
  private brokenAt: { index: number; reason: string } | undefined;

  constructor(handler: HarReaderHandler, options: HarReaderOptions = {}) {
    this.parser = new JsonStreamParser(
      {
        select: (path, kind) => this.select(path, kind, handler.logField !== undefined),
        value: (path, value, dropped) => {
          if (path.length === 3) {
            this.entriesRead++;
            handler.entry(path[2] as number, value, dropped);
          } else handler.logField?.(path[1] as string, value);
        },
      },
      options,
    );
  }

  /** Reads the next piece of text; false once the file is known to be no HAR, so the rest need not be read. */
  write(chunk: string): boolean {
    if (this.failure !== undefined || this.brokenAt !== undefined) return false;
    if (!this.started && chunk !== '') {
      this.started = true;
      // Some tools write a byte-order mark; JSON has none.
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    try {
      this.parser.write(chunk);
    } catch (error) {
      this.fail(error);
    }
    return this.failure === undefined && this.brokenAt === undefined;
  }

  /** The end of the file: whether it was a HAR, or why not, in one line. */
  end(): HarReadResult {
    if (this.brokenAt !== undefined) return { ok: true, brokenAt: this.brokenAt };
    if (this.failure === undefined) {
      try {
        this.parser.end();
        if (!this.sawEntries) this.failure = this.sawLog ? ENTRIES_NOT_ARRAY : NO_ENTRIES;
      } catch (error) {
        this.fail(error);
      }
    }
    if (this.brokenAt !== undefined) return { ok: true, brokenAt: this.brokenAt };
    return this.failure === undefined ? { ok: true } : { ok: false, message: this.failure };
  }

  private select(path: JsonPath, kind: JsonKind, wantsLogFields: boolean): JsonChoice {
    const [top, member] = path;
    switch (path.length) {
      case 0:
        // A list is no HAR, however long: stop there. A word may be no JSON either: read it to say which.
        if (kind === 'array') throw new NotHar(NO_ENTRIES);
        return kind === 'object' ? 'enter' : 'skip';
      case 1:
        if (top !== 'log') return 'skip';
        this.sawLog = true;
        return kind === 'object' ? 'enter' : 'skip';
      case 2:
        if (member !== 'entries') return wantsLogFields ? 'keep' : 'skip';
        if (kind !== 'array') throw new NotHar(ENTRIES_NOT_ARRAY);
        this.sawEntries = true;
        return 'enter';
      default:
        return 'keep';
    }
  }

  private fail(error: unknown): void {
    // Entries already handed over are kept: the file is a HAR that broke off, not no HAR.
    if (error instanceof JsonSyntaxError && this.entriesRead > 0) {
      const where = error.message === UNEXPECTED_END ? 'the file breaks off here' : 'the file stops being JSON here';
      this.brokenAt = { index: this.entriesRead, reason: `${where} (${error.message}): this entry and any after it are lost` };
    } else if (error instanceof NotHar) this.failure = error.message;
    else if (error instanceof JsonSyntaxError) this.failure = `not JSON (${error.message}): a HAR file is JSON, as saved by the browser's network panel`;
    else throw error;
  }
}
