/** Ports, addresses, protocols and switches as Windows Firewall writes them, into the rule model. */
import { literalSet } from '../../analysis/addresses';
import type { AddressItem, AddressValue, PortItem, Protocol } from '../../model/rule';
import type { PortRange } from '../../model/ports';
import type { ParseProblem } from '../../types';
import { addressValueOf, netmaskPrefix } from '../common/address';
import type { Tok, Val } from './tokens';
import { protocolOfWord } from '../common/protocol';
import { portRangeIn, type PortSyntax } from '../common/port-range';

/** Numbers and "start-end" ranges (New-NetFirewallRule -LocalPort, netsh localport=); no service names. */
const WINDOWS_PORTS: PortSyntax = { tool: 'Windows Firewall', separator: '-', names: false, reversed: 'swap' };

/** Port keywords of the firewall; none of them is an SMB port. */
const PORT_KEYWORDS: Record<string, PortRange> = {
  rpc: [49152, 65535],
  'rpc-epmap': [135, 135],
  rpcepmap: [135, 135],
  iphttps: [443, 443],
  iphttpsin: [443, 443],
  iphttpsout: [443, 443],
  teredo: [3544, 3544],
};

export interface Ports {
  /** undefined = every port; 'unknown' = a variable or a keyword we do not know. */
  ranges: PortRange[] | undefined | 'unknown';
  items: PortItem[];
}

export function portsOf(val: Val | undefined): Ports {
  if (!val) return { ranges: undefined, items: [] };
  const ranges: PortRange[] = [];
  const items: PortItem[] = [];
  let unknown = val.unknown;
  let all = false;
  for (const tok of val.items) {
    const text = tok.text.trim().toLowerCase();
    let range: PortRange | undefined;
    if (text === 'any' || text === '*') all = true;
    else range = portRangeIn(text, WINDOWS_PORTS) ?? PORT_KEYWORDS[text];
    if (!range && !all) unknown = true;
    if (range) {
      ranges.push(range);
      items.push({ range, text: tok.text, span: tok.span });
    }
  }
  if (unknown) return { ranges: 'unknown', items };
  return { ranges: all ? undefined : ranges, items };
}

/** Address keywords of the firewall beyond the common ones: each is a host-specific set we cannot know. */
const UNKNOWN_KEYWORDS = new Set(['dns', 'dhcp', 'wins', 'defaultgateway', 'intranet', 'intranetremoteaccess', 'remotecorpnetwork', 'playtodevice', 'captiveportaladdresses', 'localhost']);

/** "10.0.0.0/255.0.0.0" → "10.0.0.0/8"; undefined for a mask that is not contiguous. */
function maskToPrefix(text: string): string | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  const prefix = m ? netmaskPrefix(m[2]) : undefined;
  return prefix === undefined ? undefined : `${m![1]}/${prefix}`;
}

export function addressItemsOf(val: Val | undefined, problems: ParseProblem[]): AddressItem[] {
  if (!val) return [];
  return val.items.map((tok) => {
    const text = tok.text.trim();
    let value: AddressValue;
    if (tok.unknown || UNKNOWN_KEYWORDS.has(text.toLowerCase())) value = { kind: 'unknown' };
    else {
      const masked = maskToPrefix(text);
      value = masked ? { kind: 'cidr', cidr: masked } : addressValueOf(text);
      if (value.kind === 'cidr' && !literalSet(value.cidr)) {
        problems.push({ span: tok.span, message: `"${text}" is not a valid address` });
        value = { kind: 'unknown' };
      } else if (value.kind === 'range' && !literalSet(value.range, true)) {
        problems.push({ span: tok.span, message: `"${text}" is not a valid address range` });
        value = { kind: 'unknown' };
      }
    }
    return { text: tok.text, span: tok.span, value };
  });
}

/** TCP/UDP by name or number; anything else (ICMP, GRE) is 'other'; a variable is undefined. */
export function protocolOf(tok: Tok | undefined): Protocol | undefined {
  if (!tok) return 'any';
  if (tok.unknown) return undefined;
  return tok.text.trim() === '' ? 'any' : protocolOfWord(tok.text);
}

/** True/False, $true/$false, yes/no, 1/0; undefined when unknown. */
export function boolOf(tok: Tok | undefined): boolean | undefined {
  if (!tok || tok.unknown) return undefined;
  const t = tok.text.toLowerCase().replace(/^\$/, '');
  if (t === 'true' || t === 'yes' || t === '1' || t === 'enable' || t === 'on') return true;
  if (t === 'false' || t === 'no' || t === '0' || t === 'disable' || t === 'off') return false;
  return undefined;
}

/** A netsh "key=value" word as a value whose elements carry their own spans where the source allows. */
export function netshValue(text: string, word: Tok): Val | undefined {
  const eq = word.text.indexOf('=');
  if (eq < 0) return undefined;
  const value = word.text.slice(eq + 1);
  const raw = text.slice(word.span.offset, word.span.offset + word.span.length);
  const rawEq = raw.indexOf('=');
  // "name = x": the value starts after the blanks that follow the "=".
  const blanks = /^[ \t]*/.exec(raw.slice(rawEq + 1))![0].length;
  let start = word.span.offset + rawEq + 1 + blanks;
  let rawVal = raw.slice(rawEq + 1 + blanks);
  const span = { offset: start, length: rawVal.length };
  if (rawVal.length >= 2 && rawVal.startsWith('"') && rawVal.endsWith('"')) {
    start++;
    rawVal = rawVal.slice(1, -1);
  }
  const plain = !word.unknown && rawVal === value && !/["%^$`!]/.test(rawVal);
  if (!plain) {
    const items = value.split(',').map((v) => ({ text: v.trim(), span, literal: false, unknown: word.unknown }));
    return { items, span, unknown: word.unknown, literal: false };
  }
  const items: Tok[] = [];
  let at = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    items.push({ text: part.trim(), span: { offset: start + at + lead, length: part.trim().length }, literal: true, unknown: false });
    at += part.length + 1;
  }
  return { items, span, unknown: false, literal: true };
}
