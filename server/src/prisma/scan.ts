/**
 * A tolerant scanner for Prisma schema text. The Prisma grammar is line-oriented: a block header
 * (`model User {`), one member per line (field, enum value, `key = value`, `@@attribute`), and a
 * closing `}`. The scanner follows that shape and recovers at the next line whatever it meets, so a
 * half-typed schema (a field being typed, a missing brace, a garbage line) still yields every block,
 * field and attribute with exact UTF-16 spans. It never throws.
 *
 * It reports what is written, not what it means: resolving types and relations is build.ts's job.
 */
import { lineBreak, lineEndAt, pastLineBreak, type Span } from '../model/text';
import { samePrefix } from '../model/changed';
import { LineCursor } from './lexer';
import type { Argument, Attribute, Block, BlockKind, EnumValue, Expr, Field, ScanComment, ScannedFile } from './syntax';

const BLOCK_KINDS = new Set<string>(['datasource', 'generator', 'model', 'view', 'enum', 'type']);
/** A line that opens a block; inside an unclosed block it means the user forgot the `}`. */
const BLOCK_HEADER = /(?:datasource|generator|model|view|enum|type)[ \t]+[\p{L}\p{N}_-]+[ \t]*\{/uy;

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  /** Start of the next line. */
  next: number;
}

function lineAt(text: string, pos: number): Line {
  const end = lineEndAt(text, pos);
  return { start: pos, end, next: pastLineBreak(text, end) };
}

/**
 * Where the scanner stood at top level with no documentation comment pending, and what it had read by then:
 * what it reads from there depends only on the text from there, so a new version of the text that starts the
 * same way up to that point can be scanned from it.
 */
interface Restart {
  pos: number;
  blocks: number;
  comments: number;
}

const restartsOf = new WeakMap<ScannedFile, Restart[]>();

/**
 * Scans a file. With `previous` (the same file's scan before an edit), what lies before the edit's line is
 * taken from it (the same objects: scans are never changed once made) and only the rest is read again; the
 * result is what a scan from scratch gives.
 */
export function scanPrisma(uri: string, text: string, previous?: ScannedFile): ScannedFile {
  if (previous?.uri === uri && previous.text === text) return previous;
  const bom = text.charCodeAt(0) === 0xfeff;
  const eol = lineBreak(text);
  const out: ScannedFile = { uri, text, blocks: [], comments: [], eol, bom };
  let from = bom ? 1 : 0;
  let restarts: Restart[] = [];
  const before = previous?.uri === uri && previous.bom === bom ? restartsOf.get(previous) : undefined;
  if (previous && before) {
    const same = samePrefix(previous.text, text);
    // The last restart point the edit left alone (the text before it is the same).
    let lo = 0;
    let hi = before.length;
    // (Strictly before the first difference: reading a lone `\r` line break looks one character past it.)
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before[mid].pos < same) lo = mid + 1;
      else hi = mid;
    }
    const r = before[lo - 1];
    if (r) {
      out.blocks = previous.blocks.slice(0, r.blocks);
      out.comments = previous.comments.slice(0, r.comments);
      restarts = before.slice(0, lo - 1);
      from = r.pos;
    }
  }
  new Scanner(text, out, restarts).run(from);
  restartsOf.set(out, restarts);
  return out;
}

class Scanner {
  private docLines: string[] = [];
  /** The last step decided where to go on by reading past the point it returns (no restart point there). */
  private readAhead = false;

  constructor(
    private readonly text: string,
    private readonly out: ScannedFile,
    private readonly restarts: Restart[],
  ) {}

  run(from: number): void {
    let pos = from;
    while (pos < this.text.length) {
      if (this.docLines.length === 0 && !this.readAhead) this.restarts.push({ pos, blocks: this.out.blocks.length, comments: this.out.comments.length });
      this.readAhead = false;
      const line = lineAt(this.text, pos);
      pos = this.topLevel(line);
    }
  }

  /** Handles what starts at `line.start` outside any block; returns where to continue. */
  private topLevel(line: Line): number {
    const cur = new LineCursor(this.text, line.start, line.end);
    cur.skipSpaces();
    if (cur.atEnd) return line.next;
    if (cur.atComment()) {
      this.comment(cur.pos, line.end, true);
      return line.next;
    }
    const keyword = cur.ident();
    if (keyword && BLOCK_KINDS.has(keyword.value)) {
      cur.skipSpaces();
      const name = cur.ident();
      cur.skipSpaces();
      if (name && cur.peek() === '{') return this.block(keyword.value as BlockKind, keyword.span, name, cur.pos, line);
    }
    // A garbage line (or a header still being typed): Prisma reports it; we resume at the next line.
    this.docLines = [];
    return line.next;
  }

  private comment(start: number, end: number, collectDoc: boolean): ScanComment {
    const raw = this.text.slice(start, end);
    const doc = raw.startsWith('///');
    const c: ScanComment = { span: { start, end }, body: raw.slice(doc ? 3 : 2).trim(), doc };
    this.out.comments.push(c);
    if (collectDoc) {
      if (doc) this.docLines.push(c.body);
      else this.docLines = [];
    }
    return c;
  }

  private takeDoc(): string | undefined {
    const doc = this.docLines.length ? this.docLines.join('\n') : undefined;
    this.docLines = [];
    return doc;
  }

  private block(kind: BlockKind, keywordSpan: Span, name: { value: string; span: Span }, open: number, header: Line): number {
    const b: Block = {
      kind,
      keywordSpan,
      name: name.value,
      nameSpan: name.span,
      span: { start: keywordSpan.start, end: header.end },
      bodySpan: { start: open + 1, end: header.end },
      fields: [],
      values: [],
      entries: [],
      attributes: [],
      doc: this.takeDoc(),
    };
    this.out.blocks.push(b);
    let lastMemberEnd = open + 1;

    // Whatever follows `{` on the header line: Prisma wants the body on the next lines; only a comment counts.
    const rest = new LineCursor(this.text, open + 1, header.end);
    rest.skipSpaces();
    if (rest.atComment()) this.comment(rest.pos, header.end, false);

    let pos = header.next;
    while (pos < this.text.length) {
      const line = lineAt(this.text, pos);
      const cur = new LineCursor(this.text, line.start, line.end);
      cur.skipSpaces();
      if (cur.atEnd) {
        pos = line.next;
        continue;
      }
      if (cur.peek() === '}') {
        b.closeSpan = { start: cur.pos, end: cur.pos + 1 };
        b.bodySpan.end = cur.pos;
        b.span.end = cur.pos + 1;
        this.docLines = [];
        // `} model B {` is legal: scanning resumes right after the brace.
        return this.resumeAfterBrace(cur.pos + 1, line);
      }
      BLOCK_HEADER.lastIndex = cur.pos;
      if (BLOCK_HEADER.test(this.text)) {
        // Missing `}`: the block ends with its last member and the new header is read at top level.
        b.bodySpan.end = lastMemberEnd;
        b.span.end = lastMemberEnd;
        this.docLines = [];
        this.readAhead = true;
        return line.start;
      }
      if (cur.atComment()) {
        this.comment(cur.pos, line.end, true);
        pos = line.next;
        continue;
      }
      const end = this.member(b, cur);
      if (end !== undefined) lastMemberEnd = end;
      pos = line.next;
    }
    b.bodySpan.end = lastMemberEnd;
    b.span.end = lastMemberEnd;
    return this.text.length;
  }

  private resumeAfterBrace(after: number, line: Line): number {
    const cur = new LineCursor(this.text, after, line.end);
    cur.skipSpaces();
    if (cur.atEnd) return line.next;
    if (cur.atComment()) {
      this.comment(cur.pos, line.end, true);
      return line.next;
    }
    this.readAhead = true;
    return cur.pos;
  }

  /** One member line of a block; returns the end of what it read (for unclosed blocks). */
  private member(b: Block, cur: LineCursor): number | undefined {
    if (cur.peek() === '@') {
      this.docLines = [];
      return this.blockAttributes(b, cur);
    }
    if (b.kind === 'datasource' || b.kind === 'generator') return this.entry(b, cur);
    if (b.kind === 'enum') return this.enumValue(b, cur);
    return this.field(b, cur);
  }

  private blockAttributes(b: Block, cur: LineCursor): number {
    let end = cur.pos;
    while (!cur.atEnd) {
      cur.skipSpaces();
      if (cur.atEnd) break;
      if (cur.atComment()) {
        this.comment(cur.pos, cur.end, false);
        break;
      }
      if (cur.peek() !== '@') {
        cur.expr(); // stray text after an attribute: skip it
        continue;
      }
      const attr = cur.attribute();
      b.attributes.push(attr);
      end = attr.span.end;
    }
    return end;
  }

  /** Attributes after a field's type or an enum value's name, then an optional trailing comment. */
  private trailing(cur: LineCursor): { attributes: Attribute[]; end: number; comment?: ScanComment } {
    const attributes: Attribute[] = [];
    let end = cur.pos;
    let comment: ScanComment | undefined;
    while (!cur.atEnd) {
      cur.skipSpaces();
      if (cur.atEnd) break;
      if (cur.atComment()) {
        comment = this.comment(cur.pos, cur.end, false);
        break;
      }
      if (cur.peek() === '@') {
        const attr = cur.attribute();
        attributes.push(attr);
        end = attr.span.end;
      } else {
        const junk = cur.expr();
        if (junk) end = junk.span.end;
      }
    }
    return { attributes, end, comment };
  }

  private field(b: Block, cur: LineCursor): number | undefined {
    const name = cur.ident();
    if (!name) {
      this.docLines = [];
      return undefined;
    }
    const doc = this.takeDoc();
    cur.skipSpaces();
    const typeStart = cur.pos;
    const typeName = cur.dottedIdent();
    let typeArgs: Argument[] | undefined;
    if (typeName && cur.peek() === '(') typeArgs = cur.argList().args;
    const typeNameEnd = cur.pos;
    let optional = false;
    let list = false;
    if (typeName) {
      if (cur.peek() === '[' && cur.peek(1) === ']') {
        list = true;
        cur.pos += 2;
      }
      if (cur.peek() === '?') {
        optional = true;
        cur.pos++;
      }
    }
    const typeSpan = { start: typeStart, end: cur.pos };
    const rest = this.trailing(cur);
    const field: Field = {
      name: name.value,
      nameSpan: name.span,
      type: typeName?.value ?? '',
      typeSpan: typeName ? typeSpan : { start: name.span.end, end: name.span.end },
      typeNameSpan: typeName ? { start: typeStart, end: typeNameEnd } : { start: name.span.end, end: name.span.end },
      typeArgs,
      optional,
      list,
      attributes: rest.attributes,
      span: { start: name.span.start, end: Math.max(rest.end, typeName ? typeSpan.end : name.span.end) },
      trailingComment: rest.comment,
      doc,
    };
    b.fields.push(field);
    return field.span.end;
  }

  private enumValue(b: Block, cur: LineCursor): number | undefined {
    const name = cur.ident();
    if (!name) {
      this.docLines = [];
      return undefined;
    }
    const doc = this.takeDoc();
    const rest = this.trailing(cur);
    const value: EnumValue = {
      name: name.value,
      nameSpan: name.span,
      attributes: rest.attributes,
      span: { start: name.span.start, end: Math.max(rest.end, name.span.end) },
      doc,
    };
    b.values.push(value);
    return value.span.end;
  }

  private entry(b: Block, cur: LineCursor): number | undefined {
    this.docLines = [];
    const key = cur.ident();
    if (!key) return undefined;
    cur.skipSpaces();
    let value: Expr | undefined;
    if (cur.peek() === '=') {
      cur.pos++;
      value = cur.expr();
    }
    const end = value?.span.end ?? key.span.end;
    b.entries.push({ key: key.value, keySpan: key.span, value, span: { start: key.span.start, end } });
    cur.skipSpaces();
    if (cur.atComment()) this.comment(cur.pos, cur.end, false);
    return end;
  }
}
