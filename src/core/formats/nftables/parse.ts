/** Reads nft statements (nested `table { chain { … } }` blocks and `add …` commands) into a Ruleset. */
import { FAMILIES, type Chain, type Ruleset, type TableFamily } from './doc';
import { elementsOf } from './elements';
import { spanOf, type Tok } from './lexer';
import { stopReading, type Budget } from '../../analysis/budget';
import { LineCursor } from '../../text/lines';
import { pushAll } from '../../text/arrays';

const OBJECTS = new Set(['flowtable', 'counter', 'quota', 'ct', 'limit', 'secmark', 'synproxy', 'tunnel']);
const IGNORED_COMMANDS = new Set(['list', 'monitor', 'describe', 'export', 'import', 'reset', 'rename', 'get', 'include']);

export class Parser {
  i = 0;

  constructor(
    private readonly text: string,
    private readonly toks: Tok[],
    private readonly rs: Ruleset,
    /** The program as written before a command ("nft "), "" in files. */
    private readonly prefix = '',
    /** Lines of `text`, shared by every parser of one file (a shell script runs one per command). */
    private readonly lines = new LineCursor(text),
    private readonly budget?: Budget,
  ) {}

  /** Stops the parse (OutOfTime) once the budget has run out; called once per statement. */
  private checkBudget(t: Tok): void {
    stopReading(this.budget, this.lines.lineStart(t.offset));
  }

  private peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }

  private word(k = 0): string {
    return this.peek(k)?.text ?? '';
  }

  private problem(t: Tok | undefined, message: string): void {
    const at = t ?? this.toks[this.toks.length - 1];
    this.rs.problems.push({ span: at ? spanOf(at) : { offset: this.text.length, length: 0 }, message });
  }

  /** Tokens up to the end of the statement (line end or `;` outside braces, or a closing `}`). */
  private statement(): Tok[] {
    const out: Tok[] = [];
    let depth = 0;
    for (let t = this.peek(); t; t = this.peek()) {
      if (depth === 0 && (t.kind === 'nl' || t.text === ';' || t.text === '}')) break;
      if (t.text === '{') depth++;
      else if (t.text === '}') depth--;
      if (t.kind !== 'nl') out.push(t);
      this.i++;
    }
    if (depth > 0) this.problem(out.find((t) => t.text === '{'), 'This "{" is not closed');
    return out;
  }

  private skipSeparators(): void {
    while (this.peek() && (this.peek()?.kind === 'nl' || this.word() === ';')) this.i++;
  }

  /** A block's body until its `}`; returns the brace, or undefined when the text ends first. */
  private block(onStatement: () => void): Tok | undefined {
    for (;;) {
      this.skipSeparators();
      const t = this.peek();
      if (!t) return undefined;
      if (t.text === '}') {
        this.i++;
        return t;
      }
      this.checkBudget(t);
      const before = this.i;
      onStatement();
      if (this.i === before) this.i++;
    }
  }

  parseAll(): void {
    for (;;) {
      this.skipSeparators();
      const t = this.peek();
      if (!t) return;
      if (t.text === '}') {
        this.problem(t, 'This "}" closes nothing');
        this.i++;
        continue;
      }
      this.checkBudget(t);
      const before = this.i;
      this.topStatement();
      if (this.i === before) this.i++;
    }
  }

  private topStatement(): void {
    const head = this.peek() as Tok;
    const w = head.text;
    if (w === 'add' || w === 'create' || w === 'insert' || w === 'replace') {
      this.i++;
      this.command(head, w === 'insert' ? 'insert' : 'add');
    } else if (w === 'table' || w === 'chain' || w === 'rule' || w === 'set' || w === 'map' || w === 'element') {
      this.command(head, 'add');
    } else if (w === 'define' || w === 'redefine') {
      this.define();
    } else if (w === 'undefine') {
      this.i++;
      this.rs.defines.delete(this.word());
      this.statement();
    } else if (w === 'flush' || w === 'delete' || w === 'destroy') {
      this.flushOrDelete(w);
    } else if (IGNORED_COMMANDS.has(w)) {
      this.statement();
    } else {
      this.problem(head, `"${w}" is not an nftables statement here`);
      this.statement();
    }
  }

  private define(): void {
    this.i++;
    const name = this.peek();
    const toks = this.statement();
    if (!name || name.kind !== 'word' || toks[1]?.text !== '=' || toks.length < 3) {
      this.problem(name, 'A define needs "define NAME = value"');
      return;
    }
    this.rs.defines.set(name.text, toks.slice(2));
  }

  /** `table|chain|rule|set|map|element …` after an optional verb. */
  private command(verbTok: Tok, verb: 'add' | 'insert'): void {
    const obj = this.word();
    const objTok = this.peek();
    this.i++;
    const family = this.family();
    if (obj === 'table') {
      const name = this.word();
      this.i++;
      const table = this.rs.table(family, name);
      if (this.word() === '{') this.tableBody(family, table.name, this.peek() as Tok);
      else this.statement();
      return;
    }
    const table = this.word();
    const name = this.word(1);
    if (!table || !name || this.peek()?.kind !== 'word' || this.peek(1)?.kind !== 'word') {
      this.problem(objTok, `"${obj}" needs a table and a name`);
      this.statement();
      return;
    }
    this.i += 2;
    if (obj === 'chain') {
      const chain = this.rs.chain(family, table, name);
      if (this.word() === '{') this.chainBody(chain, this.peek() as Tok);
      else this.statement();
      this.commandEnd(chain, verbTok);
    } else if (obj === 'rule') {
      const chain = this.rs.chain(family, table, name);
      // "position N" / "index N" / "handle N" place a rule among live ones: kept in written order here.
      if (['position', 'index', 'handle'].includes(this.word())) this.i += 2;
      const toks = this.statement();
      if (!toks.length) {
        this.problem(objTok, 'This rule is empty');
        return;
      }
      const line = this.lineOf(verbTok);
      const rule = { toks, span: spanOf(toks[0], toks[toks.length - 1]), source: { style: 'command' as const, prefix: this.prefix, verb, ...line } };
      if (verb === 'insert') chain.rules.unshift(rule);
      else chain.rules.push(rule);
      this.commandEnd(chain, verbTok);
    } else if (obj === 'set' || obj === 'map') {
      const set = this.rs.set(family, table, name);
      if (this.word() === '{') this.setBody(set, this.peek() as Tok);
      else this.statement();
    } else if (obj === 'element') {
      const set = this.rs.set(family, table, name);
      const toks = this.statement();
      if (set.elements) pushAll(set.elements, elementsOf(toks));
    } else {
      this.problem(objTok, `"${obj}" is not something nft can add`);
      this.statement();
    }
  }

  /** A new command for the chain goes after this one's line. */
  private commandEnd(chain: Chain, verbTok: Tok): void {
    const next = this.lines.nextLineStart(this.toks[this.i - 1]?.end ?? verbTok.end);
    const { indent } = this.lineOf(verbTok);
    chain.end = { offset: next, style: 'command', prefix: this.prefix, indent, inline: false };
  }

  private family(): TableFamily {
    const w = this.word();
    // "add table filter" means the ip family; a family word followed by a name is a family.
    if (FAMILIES.has(w) && this.peek(1)?.kind === 'word' && this.word(1) !== '{') {
      this.i++;
      return w as TableFamily;
    }
    return 'ip';
  }

  private flushOrDelete(verb: string): void {
    this.i++;
    const obj = this.word();
    this.i++;
    if (obj === 'ruleset') {
      if (verb === 'flush') this.rs.tables.clear();
      this.statement();
      return;
    }
    const family = this.family();
    const a = this.word();
    const b = this.word(1);
    this.statement();
    const table = this.rs.tables.get(`${family}/${a}`);
    if (!table) return;
    if (obj === 'table') {
      if (verb === 'flush') for (const c of table.chains.values()) c.rules = [];
      else this.rs.tables.delete(`${family}/${a}`);
    } else if (obj === 'chain') {
      if (verb === 'flush') table.chains.get(b)?.rules.splice(0);
      else table.chains.delete(b);
    } else if (obj === 'set' || obj === 'map') {
      const set = table.sets.get(b);
      if (set && verb === 'flush') set.elements = set.dynamic ? undefined : [];
    }
  }

  private tableBody(family: TableFamily, table: string, open: Tok): void {
    this.i++;
    const close = this.block(() => {
      const t = this.peek() as Tok;
      const w = t.text;
      const name = this.word(1);
      if (w === 'chain' || w === 'set' || w === 'map') {
        this.i += 2;
        if (this.word() !== '{') {
          this.statement();
          if (w === 'chain') this.rs.chain(family, table, name);
          return;
        }
        if (w === 'chain') this.chainBody(this.rs.chain(family, table, name), this.peek() as Tok);
        else this.setBody(this.rs.set(family, table, name), this.peek() as Tok);
      } else if (w === 'define' || w === 'redefine') {
        this.define();
      } else if (w === 'flags' || w === 'comment' || OBJECTS.has(w)) {
        this.statement();
      } else {
        this.problem(t, `"${w}" does not belong in a table`);
        this.statement();
      }
    });
    if (!close) this.problem(open, `The table "${table}" is not closed with "}"`);
  }

  private chainBody(chain: Chain, open: Tok): void {
    this.i++;
    let bodyIndent: string | undefined;
    const close = this.block(() => {
      const t = this.peek() as Tok;
      const toks = this.statement();
      if (!toks.length) return;
      const at = this.lineOf(toks[0]);
      if (!at.inline) bodyIndent = at.indent;
      const w = t.text;
      if (w === 'type') {
        chain.type = toks[1]?.text;
        const h = toks.findIndex((x) => x.text === 'hook');
        chain.hook = h > 0 ? toks[h + 1]?.text : undefined;
        chain.hookSpan = spanOf(toks[0], toks[toks.length - 1]);
      } else if (w === 'policy') {
        if (toks[1]) chain.policy = { text: toks[1].text, span: spanOf(toks[0], toks[1]) };
      } else if (w === 'comment' || w === 'devices' || w === 'device') {
        // annotations
      } else {
        chain.rules.push({ toks, span: spanOf(toks[0], toks[toks.length - 1]), source: { style: 'block', prefix: '', verb: 'add', ...at } });
      }
    });
    if (!close) {
      this.problem(open, `The chain "${chain.name}" is not closed with "}"`);
      return;
    }
    const line = this.lineOf(close);
    const indent = bodyIndent ?? `${line.indent}\t`;
    chain.end = line.inline ? { offset: close.offset, style: 'block', prefix: '', indent, inline: true } : { offset: line.lineStart, style: 'block', prefix: '', indent, inline: false };
  }

  private setBody(set: ReturnType<Ruleset['set']>, open: Tok): void {
    this.i++;
    const close = this.block(() => {
      const toks = this.statement();
      const w = toks[0]?.text;
      if (w === 'elements' && set.elements) pushAll(set.elements, elementsOf(toks.slice(2)));
      else if (w === 'flags' && toks.some((x) => x.text === 'dynamic' || x.text === 'timeout')) set.dynamic = true;
      else if (w === 'timeout') set.dynamic = true;
    });
    if (set.dynamic) set.elements = undefined;
    if (!close) this.problem(open, 'This set is not closed with "}"');
  }

  /** Start, indentation, and whether other text precedes the token on its line. */
  /** Where the token's line starts, its indentation, and whether other text precedes the token on it. */
  private lineOf(t: Tok): { lineStart: number; indent: string; inline: boolean } {
    const lineStart = this.lines.lineStart(t.offset);
    const indent = this.lines.indent(t.offset);
    return { lineStart, indent, inline: lineStart + indent.length !== t.offset };
  }
}
