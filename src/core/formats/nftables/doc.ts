/** The ruleset as nft would build it from a file or a run of commands: tables, chains, sets, defines. */
import type { ParseProblem, Span } from '../../types';
import type { Tok } from './lexer';

export type TableFamily = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';
export const FAMILIES = new Set<string>(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);

/** How a rule was written, so a fix can write a new one the same way. */
export interface RuleSource {
  /** 'block': a line inside `chain x { … }`; 'command': `add rule fam table chain …` (in a file or after `nft`). */
  style: 'block' | 'command';
  /** For commands: "nft " or "" (the program as written), and the verb used. */
  prefix: string;
  verb: 'add' | 'insert';
  /** Where the rule's line starts, its indentation, and whether other text precedes it on the line. */
  lineStart: number;
  indent: string;
  inline: boolean;
}

export interface RawRule {
  toks: Tok[];
  span: Span;
  source: RuleSource;
}

/** Where an appended rule goes: before a closing brace, or as a new command after the chain's last one. */
export interface ChainEnd {
  offset: number;
  style: 'block' | 'command';
  prefix: string;
  indent: string;
  /** A `}` that shares its line with other text: the rule goes in front of it, on the same line. */
  inline: boolean;
}

export interface Chain {
  family: TableFamily;
  table: string;
  name: string;
  type?: string;
  hook?: string;
  /** The `type … hook …` statement: where an implicit accept policy is reported. */
  hookSpan?: Span;
  policy?: { text: string; span: Span };
  rules: RawRule[];
  end?: ChainEnd;
}

export interface NamedSet {
  /** Element tokens as written (braces stripped), or undefined when filled at run time. */
  elements: Tok[][] | undefined;
  dynamic: boolean;
}

export interface Table {
  family: TableFamily;
  name: string;
  chains: Map<string, Chain>;
  sets: Map<string, NamedSet>;
}

export class Ruleset {
  tables = new Map<string, Table>();
  readonly defines = new Map<string, Tok[]>();
  /** Shell variables of a script (`NFT=/usr/sbin/nft`, `LAN="10.0.0.0/8"`), lexed as nft text. */
  readonly shellVars = new Map<string, Tok[]>();
  readonly problems: ParseProblem[] = [];

  table(family: TableFamily, name: string): Table {
    const key = `${family}/${name}`;
    let t = this.tables.get(key);
    if (!t) {
      t = { family, name, chains: new Map(), sets: new Map() };
      this.tables.set(key, t);
    }
    return t;
  }

  chain(family: TableFamily, table: string, name: string): Chain {
    const t = this.table(family, table);
    let c = t.chains.get(name);
    if (!c) {
      c = { family, table, name, rules: [] };
      t.chains.set(name, c);
    }
    return c;
  }

  set(family: TableFamily, table: string, name: string): NamedSet {
    const t = this.table(family, table);
    let s = t.sets.get(name);
    if (!s) {
      s = { elements: [], dynamic: false };
      t.sets.set(name, s);
    }
    return s;
  }

  /** A `$name`: an nft define first, then a shell variable. */
  variable(name: string): Tok[] | undefined {
    return this.defines.get(name) ?? this.shellVars.get(name);
  }
}
