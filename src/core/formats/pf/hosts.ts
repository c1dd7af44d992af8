/** pf host expressions and tables: addresses, CIDRs, lists, <tables>, interface names. */
import type { AddressItem, AddressValue } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { addressValueOf } from '../common/address';
import type { Tok } from './lexer';

export interface Table {
  /** The entries as written in the table definition. */
  entries: { text: string; value: AddressValue }[];
  /** Filled from a file or at run time (pfctl -T add), or holding "!" exclusions: not knowable here. */
  unknown: boolean;
}

export type Tables = Map<string, Table>;

const UNKNOWN: AddressValue = { kind: 'unknown' };

/** One address token: "any", CIDRs, bare addresses; "$if:network" is the interface's own subnet. Interface
 *  names, "self", hostnames and "(if)" addresses depend on the host, so they are unknown. */
export function addressOf(text: string): AddressValue {
  if (text === 'any') return { kind: 'any' };
  if (/:network$/.test(text)) return { kind: 'local-subnet' };
  if (!/^[\d.]+(?:\/\d+)?$|^[0-9a-f]*:[0-9a-f:.]*(?:\/\d+)?$/i.test(text)) return UNKNOWN;
  return addressValueOf(text);
}

/** The address items of one host expression (a single token, "{ … }" list, "( … )" or "a - b" range). */
export function hostItems(toks: Tok[], tables: Tables): AddressItem[] {
  const out: AddressItem[] = [];
  const add = (text: string, span: Span, value: AddressValue) => out.push({ text, span, value });
  if (toks.length === 3 && toks[1].text === '-') {
    const span = { offset: toks[0].span.offset, length: toks[2].span.offset + toks[2].span.length - toks[0].span.offset };
    add(`${toks[0].text}-${toks[2].text}`, span, toks[0].unknown || toks[2].unknown ? UNKNOWN : { kind: 'range', range: `${toks[0].text}-${toks[2].text}` });
    return out;
  }
  if (toks[0]?.text === '(') {
    const last = toks[toks.length - 1];
    add(toks.map((t) => t.text).join(''), { offset: toks[0].span.offset, length: last.span.offset + last.span.length - toks[0].span.offset }, UNKNOWN);
    return out;
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.text === '{' || t.text === '}' || t.text === ',') continue;
    if (t.text === '!') {
      // "{ 10.0.0.0/8 !10.1.2.3 }": pf expands it into several rules; too subtle to model, so unknown.
      const n = toks[++i];
      if (n) add(`!${n.text}`, n.span, UNKNOWN);
      continue;
    }
    if (t.text === '(') {
      let j = i;
      while (j < toks.length && toks[j].text !== ')') j++;
      add(toks.slice(i, j + 1).map((x) => x.text).join(''), t.span, UNKNOWN);
      i = j;
      continue;
    }
    const table = /^<([\w.-]+)>$/.exec(t.text);
    if (table) {
      const def = tables.get(table[1]);
      if (!def || def.unknown) add(t.text, t.span, UNKNOWN);
      else for (const e of def.entries) add(e.text, t.span, e.value);
      continue;
    }
    add(t.text, t.span, t.unknown ? UNKNOWN : addressOf(t.text));
  }
  return out;
}

/** "table <name> [persist] [const] [counters] [{ … }] [file "…"]" */
export function parseTable(toks: Tok[], tables: Tables, problems: ParseProblem[]): void {
  const name = /^<([\w.-]+)>$/.exec(toks[1]?.text ?? '');
  if (!name) {
    problems.push({ span: (toks[1] ?? toks[0]).span, message: 'table needs a <name>' });
    return;
  }
  const table: Table = { entries: [], unknown: false };
  let inList = false;
  for (let i = 2; i < toks.length; i++) {
    const t = toks[i];
    if (t.text === '{') inList = true;
    else if (t.text === '}') inList = false;
    else if (t.text === 'file') {
      table.unknown = true;
      i++;
    } else if (inList && t.text !== ',') {
      const value = t.text === '!' || t.unknown ? UNKNOWN : addressOf(t.text);
      if (value.kind === 'unknown') table.unknown = true;
      table.entries.push({ text: t.text, value });
    }
  }
  // An empty table is filled at run time (pfctl -t name -T add, overload rules).
  if (!table.entries.length) table.unknown = true;
  tables.set(name[1], table);
}
