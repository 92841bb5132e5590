// An incremental JSON parser: text goes in chunk by chunk, and only the values its handler asks for
// are built, so a file far larger than memory can be read for a few of its parts.

export type JsonPath = ReadonlyArray<string | number>;
export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * What to do with a value outside any kept value: `keep` builds it whole and hands it over,
 * `enter` walks into an object or array to ask again for each member, `skip` passes over it.
 */
export type JsonChoice = 'keep' | 'enter' | 'skip';

export interface JsonStreamHandler {
  select(path: JsonPath, kind: JsonKind): JsonChoice;
  /** A kept value, complete. `dropped`: where (dotted, inside it) strings over the limit were left out. */
  value(path: JsonPath, value: unknown, dropped: readonly string[]): void;
}

export class JsonSyntaxError extends Error {}

/** The message of a text that ends inside a value. */
export const UNEXPECTED_END = 'Unexpected end of JSON input';

export interface JsonStreamOptions {
  /** Strings longer than this, inside kept values, are left out rather than held (a 50 MB body). */
  maxStringLength?: number;
}

// Modes of a value: what becomes of it once complete.
const SKIP = 0; // passed over
const WALK = 1; // an entered container: nothing built, its members asked about
const KEEP = 2; // a kept value: built and handed over
const BUILD = 3; // a part of a kept value: built into its container

// Parser states between tokens, then inside one.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY_OR_CLOSE = 2;
const KEY = 3;
const COLON = 4;
const COMMA_OR_CLOSE = 5;
const END = 6;
const STRING = 7;
const NUMBER = 8;
const LITERAL = 9;

type Mode = typeof SKIP | typeof WALK | typeof KEEP | typeof BUILD;

interface Frame {
  isArray: boolean;
  mode: Mode;
  container: Record<string, unknown> | unknown[] | undefined;
  /** The current member's name; undefined after a name over the limit, whose value is then skipped. */
  key: string | undefined;
  /** The current item's position. */
  index: number;
}

const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS: Record<string, [string, boolean | null]> = { t: ['true', true], f: ['false', false], n: ['null', null] };

/** A string's text as written, escapes and all, to its value; `position` is where it ends. */
function decodeString(raw: string, position: number): string {
  if (!raw.includes('\\') && !CONTROL.test(raw)) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    throw new JsonSyntaxError(`Bad escape or control character in the string ending at position ${position}`);
  }
}

/** Characters JSON allows in a string only as escapes. */
const CONTROL = /[\u0000-\u001f]/;

/** Digits, signs, the decimal point and exponent marks: what a number token is made of. */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

export class JsonStreamParser {
  private readonly maxStringLength: number;
  private readonly frames: Frame[] = [];
  private state = VALUE;
  /** Characters before the current chunk, for error positions. */
  private offset = 0;
  /** Where in `frames` the kept value's container sits; -1 outside one. */
  private keptDepth = -1;
  private dropped: string[] = [];

  // The token being read, across chunks.
  private tokenMode: Mode = SKIP;
  private isKey = false;
  private pieces: string[] = [];
  private length = 0;
  private tooLong = false;
  /** 0, or 1 after a backslash, or 2 inside \uXXXX. */
  /** The last piece ended inside an escape: the next character is escaped. */
  private escaped = false;
  private numberText = '';
  private literal = '';
  private literalValue: boolean | null = null;
  private matched = 0;

  constructor(
    private readonly handler: JsonStreamHandler,
    options: JsonStreamOptions = {},
  ) {
    this.maxStringLength = options.maxStringLength ?? Number.POSITIVE_INFINITY;
  }

  /** Reads the next piece of text. Throws JsonSyntaxError where the text stops being JSON. */
  write(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      switch (this.state) {
        case STRING:
          i = this.readString(chunk, i);
          break;
        case NUMBER:
          i = this.readNumber(chunk, i);
          break;
        case LITERAL:
          i = this.readLiteral(chunk, i);
          break;
        default: {
          const c = chunk.charCodeAt(i);
          // Whitespace between tokens: space, tab, line feed, carriage return.
          if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
          else i = this.readStructure(chunk, i);
        }
      }
    }
    this.offset += n;
  }

  /** The end of the text: throws JsonSyntaxError unless one whole value was read. */
  end(): void {
    if (this.state === NUMBER) this.endNumber(this.offset);
    if (this.state !== END) throw new JsonSyntaxError(UNEXPECTED_END);
  }

  private readStructure(chunk: string, i: number): number {
    const char = chunk[i]!;
    switch (this.state) {
      case VALUE_OR_CLOSE:
        if (char === ']') return this.close(i);
        return this.beginValue(chunk, i);
      case VALUE:
        return this.beginValue(chunk, i);
      case KEY_OR_CLOSE:
      case KEY:
        if (char === '}' && this.state === KEY_OR_CLOSE) return this.close(i);
        if (char !== '"') this.fail(char, i);
        // A name is read whenever its object is not skipped: it is part of a path or of a value.
        this.beginString(this.top()!.mode === SKIP ? SKIP : WALK, true);
        return i + 1;
      case COLON:
        if (char !== ':') this.fail(char, i);
        this.state = VALUE;
        return i + 1;
      case COMMA_OR_CLOSE: {
        const top = this.top()!;
        if (char === ',') this.state = top.isArray ? VALUE : KEY;
        else if (char === (top.isArray ? ']' : '}')) return this.close(i);
        else this.fail(char, i);
        return i + 1;
      }
      default:
        return this.fail(char, i);
    }
  }

  private beginValue(chunk: string, i: number): number {
    const char = chunk[i]!;
    if (char === '{' || char === '[') {
      const isArray = char === '[';
      const mode = this.modeOf(isArray ? 'array' : 'object');
      if (mode === KEEP) this.keptDepth = this.frames.length;
      const container = mode === KEEP || mode === BUILD ? (isArray ? [] : {}) : undefined;
      this.frames.push({ isArray, mode, container, key: undefined, index: 0 });
      this.state = isArray ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
      return i + 1;
    }
    if (char === '"') {
      this.beginString(this.modeOf('string'), false);
      return i + 1;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      this.tokenMode = this.modeOf('number');
      this.numberText = '';
      this.state = NUMBER;
      return i;
    }
    const literal = LITERALS[char];
    if (literal) {
      this.tokenMode = this.modeOf(literal[1] === null ? 'null' : 'boolean');
      [this.literal, this.literalValue] = literal;
      this.matched = 0;
      this.state = LITERAL;
      return i;
    }
    return this.fail(char, i);
  }

  /** What becomes of a value starting here, asking the handler only outside kept values. */
  private modeOf(kind: JsonKind): Mode {
    const parent = this.top();
    if (parent && (parent.mode === SKIP || (!parent.isArray && parent.key === undefined))) return SKIP;
    if (parent && parent.mode !== WALK) return BUILD;
    const choice = this.handler.select(this.path(0), kind);
    if (choice === 'keep') return KEEP;
    return choice === 'enter' && (kind === 'object' || kind === 'array') ? WALK : SKIP;
  }

  private close(i: number): number {
    const frame = this.frames.pop()!;
    this.endValue(frame.mode, frame.container);
    return i + 1;
  }

  /** A value is complete: into its container, to the handler, or nowhere. */
  private endValue(mode: Mode, value: unknown, tooLong = false): void {
    if (tooLong && (mode === KEEP || mode === BUILD)) this.dropped.push(mode === KEEP ? '' : this.path(this.keptDepth).join('.'));
    else if (mode === BUILD) this.attach(value);
    if (mode === KEEP) {
      this.handler.value(this.path(0), tooLong ? undefined : value, this.dropped);
      this.dropped = [];
      this.keptDepth = -1;
    }
    const parent = this.top();
    if (!parent) {
      this.state = END;
      return;
    }
    if (parent.isArray) parent.index++;
    this.state = COMMA_OR_CLOSE;
  }

  private attach(value: unknown): void {
    const parent = this.top()!;
    const key = parent.key!;
    if (parent.isArray) (parent.container as unknown[]).push(value);
    // As JSON.parse does: "__proto__" is a member like any other, not the object's prototype.
    else if (key === '__proto__') Object.defineProperty(parent.container, key, { value, writable: true, enumerable: true, configurable: true });
    else (parent.container as Record<string, unknown>)[key] = value;
  }

  /** Where the parser is, from frame `from` on: names and positions. */
  private path(from: number): Array<string | number> {
    const path: Array<string | number> = [];
    for (let d = Math.max(0, from); d < this.frames.length; d++) {
      const frame = this.frames[d]!;
      path.push(frame.isArray ? frame.index : frame.key!);
    }
    return path;
  }

  private top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  private beginString(mode: Mode, isKey: boolean): void {
    this.tokenMode = mode;
    this.isKey = isKey;
    this.pieces = [];
    this.length = 0;
    this.tooLong = false;
    this.escaped = false;
    this.state = STRING;
  }

  /**
   * Finds the closing quote: one after an even run of backslashes. The text between is kept as
   * written, and its escapes decoded once at the end by JSON.parse, far faster than here.
   */
  private readString(chunk: string, i: number): number {
    // Backslashes are counted from here on: a character escaped across pieces is none.
    const floor = this.escaped ? i + 1 : i;
    this.escaped = false;
    for (let from = floor; ; ) {
      const quote = chunk.indexOf('"', from);
      const end = quote === -1 ? chunk.length : quote;
      let backslashes = 0;
      while (end - backslashes > floor && chunk.charCodeAt(end - backslashes - 1) === 0x5c) backslashes++;
      if (quote === -1) {
        this.append(chunk, i, end);
        this.escaped = backslashes % 2 === 1;
        return end;
      }
      if (backslashes % 2 === 0) {
        this.append(chunk, i, quote);
        this.endString(this.offset + quote);
        return quote + 1;
      }
      from = quote + 1;
    }
  }

  private append(text: string, from: number, to: number): void {
    if (this.tokenMode === SKIP || this.tooLong || to === from) return;
    this.length += to - from;
    if (this.length > this.maxStringLength) {
      this.tooLong = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(text.slice(from, to));
  }

  private endString(position: number): void {
    const value = this.tokenMode === SKIP || this.tooLong ? '' : decodeString(this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join(''), position);
    this.pieces = [];
    if (!this.isKey) {
      this.endValue(this.tokenMode, value, this.tooLong);
      return;
    }
    const frame = this.top()!;
    if (this.tooLong && (frame.mode === KEEP || frame.mode === BUILD))
      this.dropped.push([...this.path(this.keptDepth).slice(0, -1), '(a member name)'].join('.'));
    frame.key = this.tooLong ? undefined : value;
    this.state = COLON;
  }

  private readNumber(chunk: string, i: number): number {
    let j = i;
    while (j < chunk.length && isNumberChar(chunk.charCodeAt(j))) j++;
    this.numberText += chunk.slice(i, j);
    if (j < chunk.length) this.endNumber(this.offset + j);
    return j;
  }

  private endNumber(position: number): void {
    if (!NUMBER_TEXT.test(this.numberText)) throw new JsonSyntaxError(`Bad number ${JSON.stringify(this.numberText.slice(0, 40))} before position ${position}`);
    this.endValue(this.tokenMode, Number(this.numberText));
  }

  private readLiteral(chunk: string, i: number): number {
    while (i < chunk.length && this.matched < this.literal.length) {
      if (chunk[i] !== this.literal[this.matched]) this.fail(chunk[i]!, i);
      this.matched++;
      i++;
    }
    if (this.matched === this.literal.length) this.endValue(this.tokenMode, this.literalValue);
    return i;
  }

  private fail(char: string, i: number, what = 'Unexpected token'): never {
    // JSON.stringify shows a control character as an escape, never raw.
    throw new JsonSyntaxError(`${what} ${JSON.stringify(char)} at position ${this.offset + i}`);
  }
}
