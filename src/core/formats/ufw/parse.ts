/** Parses the words of one ufw command (after the program and its --force/--dry-run options). */
import { portOf, type PortRange } from '../../model/ports';
import { isPortProblem, readPortRange, type PortSyntax } from '../common/port-range';
import { protocolOfWord } from '../common/protocol';

const UFW_ANY = ['any'];
import type { Action, AddressItem, Protocol } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { addressValueOf } from '../common/address';
import type { Word } from '../../text/shell/lexer';
import { profileOf } from './profiles';

export interface UfwPorts {
  ranges: PortRange[] | 'unknown';
  /** Each port or range with its offset inside `word` (for piecewise edits of literal words). */
  items: { range: PortRange; offset: number; length: number }[];
  word: Word;
  /** The port came from an application profile ("app Samba" or "ufw allow Samba"). */
  app: boolean;
}

export interface UfwEnd {
  /** The "from"/"to" keyword, the address word, and the port/app words after it. */
  keyword: Word;
  addr?: Word;
  items: AddressItem[];
  port?: UfwPorts;
  portKeyword?: Word;
}

export interface UfwRule {
  kind: 'rule';
  route: boolean;
  /** "insert N" (1-based) or "prepend" (position 1, written differently). */
  position?: number;
  prepend: boolean;
  /** The words that placed the rule ("insert 3", "prepend"): a deny meant to precede the rule repeats them. */
  placeWords: Word[];
  actionWord: Word;
  action: Action;
  direction: 'in' | 'out' | 'forward';
  directionWord?: Word;
  /** `in on IF` / `out on IF` (a route rule may have both): the interfaces the rule applies to. */
  inIface?: Word;
  outIface?: Word;
  /** Where `in on IF` / `out on IF` is written, direction word to name. */
  inSpan?: Span;
  outSpan?: Span;
  protocol: Protocol;
  protoWord?: Word;
  /** Simple syntax: "445/tcp", "Samba". */
  simple?: Word;
  from?: UfwEnd;
  to?: UfwEnd;
  ports?: UfwPorts;
  conditional: boolean;
  /** The conditions behind `conditional`, as written ("from any port 25"). */
  conditions: string[];
  /** The words from the action on, for "ufw delete <rule>" comparisons. */
  spec: string;
}

export type UfwCommand =
  | UfwRule
  | { kind: 'default'; policy: Word; direction: 'in' | 'out' | 'forward' }
  | { kind: 'enable' | 'disable' | 'reset'; word: Word }
  | { kind: 'delete'; number?: number; spec?: string }
  | { kind: 'other' };

const ACTIONS: Record<string, Action> = { allow: 'allow', limit: 'allow', deny: 'deny', reject: 'deny' };
const DEFAULT_DIRECTIONS: Record<string, 'in' | 'out' | 'forward'> = { incoming: 'in', outgoing: 'out', routed: 'forward' };

export function parseUfw(words: Word[], problems: ParseProblem[]): UfwCommand {
  const verb = words[0]?.text;
  if (verb === 'default') {
    const policy = words[1];
    if (!policy || !['allow', 'deny', 'reject'].includes(policy.text)) {
      problems.push({ span: (policy ?? words[0]).span, message: 'ufw default needs allow, deny or reject' });
      return { kind: 'other' };
    }
    return { kind: 'default', policy, direction: DEFAULT_DIRECTIONS[words[2]?.text ?? 'incoming'] ?? 'in' };
  }
  if (verb === 'enable' || verb === 'disable' || verb === 'reset') return { kind: verb, word: words[0] };
  if (verb === 'delete') {
    const rest = words.slice(1);
    if (rest.length === 1 && /^\d+$/.test(rest[0].text)) return { kind: 'delete', number: Number(rest[0].text) };
    return { kind: 'delete', spec: rest.map((w) => w.text).join(' ') };
  }
  let i = 0;
  let route = false;
  if (verb === 'route') {
    route = true;
    i++;
  }
  let position: number | undefined;
  let prepend = false;
  const placeStart = i;
  if (words[i]?.text === 'insert' && /^\d+$/.test(words[i + 1]?.text ?? '')) {
    position = Number(words[i + 1].text);
    i += 2;
  } else if (words[i]?.text === 'prepend') {
    prepend = true;
    position = 1;
    i++;
  }
  const placeWords = words.slice(placeStart, i);
  const actionWord = words[i];
  if (!actionWord || !(actionWord.text in ACTIONS)) {
    if (route || placeWords.length) problems.push({ span: (actionWord ?? words[0]).span, message: 'expected allow, deny, reject or limit' });
    return { kind: 'other' };
  }
  const before = problems.length;
  const rule = parseRule(words, i, { route, position, prepend, placeWords, actionWord }, problems);
  // ufw refuses a command it cannot parse: no rule is added.
  return problems.length > before ? { kind: 'other' } : rule;
}

interface Head {
  route: boolean;
  position?: number;
  prepend: boolean;
  placeWords: Word[];
  actionWord: Word;
}

function parseRule(words: Word[], at: number, head: Head, problems: ParseProblem[]): UfwRule {
  // Every field from the start: rules then share one shape, which the model building and the walk read fast.
  const rule: UfwRule = {
    kind: 'rule',
    route: head.route,
    position: head.position,
    prepend: head.prepend,
    placeWords: head.placeWords,
    actionWord: head.actionWord,
    action: ACTIONS[head.actionWord.text],
    direction: head.route ? 'forward' : 'in',
    directionWord: undefined,
    inIface: undefined,
    outIface: undefined,
    inSpan: undefined,
    outSpan: undefined,
    protocol: 'any',
    protoWord: undefined,
    simple: undefined,
    from: undefined,
    to: undefined,
    ports: undefined,
    conditional: false,
    conditions: [],
    spec: words.slice(at).map((w) => w.text).join(' '),
  };
  let end: UfwEnd | undefined;
  const rest = words.slice(at + 1);
  /** The direction word just before "on": ufw(8) writes "in on eth0", "out on eth1". */
  let side: Word | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    const next = rest[i + 1];
    switch (w.text) {
      case 'in':
      case 'out':
        if (!head.route) rule.direction = w.text;
        rule.directionWord ??= w;
        side = w;
        break;
      case 'on': {
        i++;
        if (!next) break;
        // Interfaces are where the rule applies, not conditions (see extract.ts, scopeOf).
        const out = side?.text === 'out';
        const from = side && rest[i - 2] === side ? side : w;
        const span = { offset: from.span.offset, length: next.span.offset + next.span.length - from.span.offset };
        if (out) {
          rule.outIface ??= next;
          rule.outSpan ??= span;
        } else {
          rule.inIface ??= next;
          rule.inSpan ??= span;
        }
        break;
      }
      case 'log':
      case 'log-all':
        break;
      case 'proto':
        i++;
        rule.protoWord = next;
        rule.protocol = protocolOfWord(next?.text ?? '', UFW_ANY);
        break;
      case 'from':
      case 'to': {
        i++;
        if (!next) problems.push({ span: w.span, message: `"${w.text}" needs an address` });
        end = { keyword: w, addr: next, items: next ? addressItems(next) : [] };
        if (w.text === 'from') rule.from = end;
        else rule.to = end;
        break;
      }
      case 'port':
      case 'app': {
        i++;
        if (!next || !end) {
          problems.push({ span: w.span, message: next ? `"${w.text}" needs "from" or "to" before it` : `"${w.text}" needs a value` });
          break;
        }
        end.portKeyword = w;
        end.port = w.text === 'app' ? appPorts(next) : portList(next, next.text, problems);
        break;
      }
      case 'comment':
        i++;
        break;
      default:
        if (rule.simple || rule.from || rule.to) {
          problems.push({ span: w.span, message: `unexpected "${w.text}" in a ufw rule` });
          break;
        }
        rule.simple = w;
        rule.ports = simplePorts(w, rule, problems);
    }
  }
  if (rule.from?.port) {
    rule.conditional = true;
    rule.conditions.push(`from ${rule.from.addr?.text ?? 'any'} port ${rule.from.port.word.text}`);
  }
  if (rule.to?.port) rule.ports = rule.to.port;
  if (rule.ports?.app && rule.protoWord) problems.push({ span: rule.protoWord.span, message: 'ufw does not take "proto" with an application profile' });
  if (!rule.simple && !rule.from && !rule.to && !rule.inIface && !rule.outIface) problems.push({ span: head.actionWord.span, message: `"ufw ${head.actionWord.text}" needs a port, a profile or from/to` });
  return rule;
}

function addressItems(word: Word): AddressItem[] {
  return [{ text: word.text, span: word.span, value: word.unknown ? { kind: 'unknown' } : addressValueOf(word.text) }];
}

/** "445", "445/tcp", "139,445/tcp", "137:139/udp", "ssh", or an application profile. */
function simplePorts(word: Word, rule: UfwRule, problems: ParseProblem[]): UfwPorts {
  const slash = word.text.lastIndexOf('/');
  const proto = slash < 0 ? '' : word.text.slice(slash + 1);
  const body = slash < 0 ? word.text : word.text.slice(0, slash);
  if (proto === 'tcp' || proto === 'udp') rule.protocol = proto;
  else if (slash >= 0) {
    rule.protocol = 'other';
    problems.push({ span: word.span, message: `unknown protocol "${proto}"` });
  }
  if (slash < 0 && !/^[\d,:]+$/.test(body) && portOf(body) === undefined) return appPorts(word);
  return portList(word, body, problems);
}

/** ufw(8) / common.py UFWRule.set_port: ports 1–65535, a name through getservbyname, a range "low:high" that
 *  must rise ("Bad port" otherwise). */
export const UFW_PORTS: PortSyntax = { tool: 'ufw', separator: ':', names: true, reversed: 'reject', min: 1, rising: true };
const NUMERIC_RANGE = /^\d+:\d+$/;

function portList(word: Word, body: string, problems: ParseProblem[]): UfwPorts {
  if (word.unknown) return { ranges: 'unknown', items: [], word, app: false };
  const items: UfwPorts['items'] = [];
  let offset = 0;
  for (const part of body.split(',')) {
    // ufw takes a service name alone; a range is two numbers (common.py UFWRule.set_port).
    const read = part.includes(':') && !NUMERIC_RANGE.test(part) ? { problem: `"${part}" is not a range of two port numbers: ufw would refuse it` } : readPortRange(part, UFW_PORTS);
    if (!Array.isArray(read)) {
      problems.push({ span: word.span, message: isPortProblem(read) ? read.problem : `"${part}" is not a port` });
      return { ranges: 'unknown', items: [], word, app: false };
    }
    items.push({ range: read as PortRange, offset, length: part.length });
    offset += part.length + 1;
  }
  return { ranges: items.map((x) => x.range), items, word, app: false };
}

function appPorts(word: Word): UfwPorts {
  const found = word.unknown ? undefined : profileOf(word.text);
  const ranges = found ? found.ports : 'unknown';
  return { ranges, items: [], word, app: true };
}
