/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * tabstops (`$1`, `${1}`), placeholders (`${1:default}`, nested), choices (`${1|a,b|}`, the first
 * wins), variables (`$TM_FILENAME`, `${TM_FILENAME:default}`), and escapes (`\$`, `\}`, `\\`, and
 * `\,` `\|` inside choices). A tabstop mirrors the value of the first occurrence that has one.
 * Transforms (`${1/regex/format/}`) are not supported and throw, so a snippet using one fails loudly
 * rather than being tested as something it is not.
 */

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[] }
  | { kind: 'variable'; name: string; children?: Node[] };

export class SnippetSyntaxError extends Error {}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw this.error('unexpected "}"');
    return nodes;
  }

  /** Text and elements until the end, or (inside a placeholder) until its closing `}`. */
  private sequence(nested: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length && '$}\\'.includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const element = this.element();
        if (element) {
          flush();
          nodes.push(element);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** `$1`, `$NAME`, `${...}` at the current `$`, or undefined when the `$` is plain text. */
  private element(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    let m = /^(\d+)/.exec(rest);
    if (m) {
      this.pos += 1 + m[1].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.pos += 1 + m[1].length;
      return { kind: 'variable', name: m[1] };
    }
    if (!rest.startsWith('{')) return undefined;
    this.pos += 2;
    m = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.src.slice(this.pos));
    if (!m) throw this.error('expected a tabstop number or variable name after "${"');
    this.pos += m[1].length;
    const isTabstop = /^\d/.test(m[1]);
    const next = this.src[this.pos];
    let node: Node;
    if (next === '}') {
      node = isTabstop ? { kind: 'tabstop', index: Number(m[1]) } : { kind: 'variable', name: m[1] };
    } else if (next === ':') {
      this.pos++;
      const children = this.sequence(true);
      node = isTabstop ? { kind: 'tabstop', index: Number(m[1]), children } : { kind: 'variable', name: m[1], children };
    } else if (next === '|' && isTabstop) {
      this.pos++;
      node = { kind: 'tabstop', index: Number(m[1]), choices: this.choices() };
    } else if (next === '/') {
      throw this.error('transforms are not supported');
    } else {
      throw this.error(`unexpected "${next ?? 'end of snippet'}"`);
    }
    if (this.src[this.pos] !== '}') throw this.error('missing "}"');
    this.pos++;
    return node;
  }

  private choices(): string[] {
    const out: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        out.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        out.push(current);
        this.pos++;
        return out;
      } else {
        current += c;
        this.pos++;
      }
    }
    throw this.error('unterminated choice');
  }

  private error(message: string): SnippetSyntaxError {
    return new SnippetSyntaxError(`${message} at offset ${this.pos} of ${JSON.stringify(this.src)}`);
  }
}

export interface ExpandContext {
  /** Values of `$TM_*` and other variables; an unknown variable expands to its default, or its name. */
  variables?: Record<string, string>;
}

export function expandSnippet(body: string | string[], ctx: ExpandContext = {}): string {
  const source = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(source).parse();
  const values = new Map<number, string>();

  // Pass 1: the first occurrence with a default (placeholder or choice) gives the tabstop its value.
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && !values.has(n.index)) {
        if (n.choices) values.set(n.index, n.choices[0] ?? '');
        else if (n.children) values.set(n.index, render(n.children));
      }
      if (n.kind !== 'text' && n.children) collect(n.children);
    }
  };
  const render = (list: Node[]): string =>
    list
      .map((n) => {
        if (n.kind === 'text') return n.value;
        if (n.kind === 'tabstop') return n.index === 0 ? (n.children ? render(n.children) : '') : values.get(n.index) ?? (n.children ? render(n.children) : '');
        const v = ctx.variables?.[n.name];
        return v !== undefined ? v : n.children ? render(n.children) : n.name;
      })
      .join('');
  collect(nodes);
  return render(nodes);
}
