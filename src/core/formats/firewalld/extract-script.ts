/** Replays firewall-cmd / firewall-offline-cmd calls in a shell script into zones, in order. */
import type { InterfaceEvidence, RuleModel } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { lexShell, type Command, type ShellVar, type Word } from '../../text/shell/lexer';
import { parseRichRule } from './rich';
import { splitPortProto } from './services';
import { fillText, zoneEvidence, zoneToList, type Located, type RichAddress, type RichRule, type Zone } from './zone';
import { LineCursor } from '../../text/lines';

/** Options that take no value (firewall-cmd(1)). */
const FLAGS = new Set(['--add-masquerade', '--remove-masquerade', '--add-icmp-block-inversion', '--remove-icmp-block-inversion', '--add-forward', '--remove-forward']);

export const TOOL = /^(?:.*\/)?firewall-(?:offline-)?cmd$/;

/** The option word that wrote a rule, and its command, for the script fix writer. */
export interface ScriptRuleNative {
  kind: 'script';
  cmd: Command;
  /** Index in cmd.words of the option (and of its value when written as a separate word). */
  first: number;
  last: number;
  option: string;
  /** The value as written and its span (inside quotes when the value was quoted plainly). */
  value: Located;
  /** The value maps onto the document character for character (no escapes or variables). */
  exact: boolean;
  /** One of several values in a `{a,b}` list: the word holds other entries too. */
  braced: boolean;
}

export interface ScriptZoneNative {
  kind: 'script';
  /** "firewall-cmd --permanent --zone=trusted " as the zone's last command wrote it. */
  prefix: string;
  indent: string;
}

interface ScriptZone extends Zone {
  prefix: string;
  indent: string;
}

/** The value of `--opt=value` or `--opt value`, with a span inside plain quotes where possible. */
function optionValue(text: string, words: Word[], i: number, name: string): { value: Located; exact: boolean; last: number } | undefined {
  const w = words[i];
  if (w.text === name) {
    const v = words[i + 1];
    if (!v) return undefined;
    const m = plainValue(text, v.span.offset, v.span.offset + v.span.length);
    return { value: { text: v.text, span: m ?? v.span }, exact: !!m && !v.unknown, last: i + 1 };
  }
  const raw = text.slice(w.span.offset, w.span.offset + w.span.length);
  const eq = w.text.indexOf('=');
  const value = w.text.slice(eq + 1);
  let span: Span | undefined;
  if (raw.startsWith(`${name}=`)) span = plainValue(text, w.span.offset + name.length + 1, w.span.offset + w.span.length);
  return { value: { text: value, span: span ?? w.span }, exact: !!span && !w.unknown, last: i };
}

/** The inside of a raw word that is plain or wholly quoted once, with no escapes or expansions. */
function plainValue(text: string, start: number, end: number): Span | undefined {
  const raw = text.slice(start, end);
  const q = raw[0];
  if ((q === "'" || q === '"') && raw.length >= 2 && raw.endsWith(q) && !raw.slice(1, -1).includes(q)) {
    if (q === '"' && /[$`\\]/.test(raw)) return undefined;
    return { offset: start + 1, length: raw.length - 2 };
  }
  return /^[^'"$`\\]*$/.test(raw) ? { offset: start, length: raw.length } : undefined;
}

/** `{samba,nfs}` (bash brace expansion) lists several values in one word. */
function splitBraces(v: Located, exact: boolean): Located[] {
  const m = /^\{([^{}]*)\}$/.exec(v.text);
  if (!m || !m[1].includes(',')) return [v];
  let off = 1;
  return m[1].split(',').map((part) => {
    const span = exact ? { offset: v.span.offset + off, length: part.length } : v.span;
    off += part.length + 1;
    return { text: part, span };
  });
}

function sub(v: Located, exact: boolean, start: number, length: number): Located {
  return { text: v.text.slice(start, start + length), span: exact ? { offset: v.span.offset + start, length } : v.span };
}

export function extractScript(text: string): RuleModel {
  const problems: ParseProblem[] = [];
  const zones = new Map<string, ScriptZone>();
  let defaultZone = 'public';
  const zoneNamed = (name: string): ScriptZone => {
    let z = zones.get(name);
    if (!z) {
      z = { name, isDefault: false, sources: [], interfaces: [], entries: [], prefix: '', indent: '' };
      zones.set(name, z);
    }
    return z;
  };
  // One cursor for the whole script: thousands of commands on one line must not each rescan it.
  const lines = new LineCursor(text);
  const expansion = lexShell(text, new Map<string, ShellVar>(), (cmd) => {
    const k = cmd.head.program;
    if (k >= cmd.words.length || !TOOL.test(cmd.words[k].text)) return;
    const words = cmd.words;
    let zoneName: string | undefined;
    let permanent = false;
    for (let i = k + 1; i < words.length; i++) {
      const t = words[i].text;
      if (t === '--zone' || t.startsWith('--zone=')) zoneName = optionValue(text, words, i, '--zone')?.value.text;
      if (t === '--permanent') permanent = true;
    }
    const zone = () => zoneNamed(zoneName ?? defaultZone);
    let touched: ScriptZone | undefined;
    for (let i = k + 1; i < words.length; i++) {
      const t = words[i].text;
      const m = /^--((?:add|remove|set|change|new|delete)-[a-z-]+)(?:=|$)/.exec(t);
      if (!m) continue;
      const option = `--${m[1]}`;
      if (FLAGS.has(option)) {
        const z = zone();
        if (option === '--add-masquerade') z.masquerade = words[i].span;
        else if (option === '--remove-masquerade') z.masquerade = undefined;
        touched = z;
        continue;
      }
      const got = optionValue(text, words, i, option);
      if (!got) {
        problems.push({ span: words[i].span, message: `${option} needs a value` });
        continue;
      }
      const { value, exact, last } = got;
      const native = (v: Located): ScriptRuleNative => ({ kind: 'script', cmd, first: i, last, option, value: v, exact, braced: v !== value });
      const span: Span = { offset: words[i].span.offset, length: words[last].span.offset + words[last].span.length - words[i].span.offset };
      i = last;
      const global = option === '--set-default-zone' || option === '--new-zone' || option === '--delete-zone';
      const z = global ? zoneNamed(value.text) : zone();
      touched = z;
      switch (option) {
        case '--add-service':
        case '--add-port':
        case '--add-protocol':
        case '--add-source-port':
        case '--add-forward-port':
          for (const v of splitBraces(value, exact)) z.entries.push(simpleEntry(option, v, exact, span, native(v), problems));
          break;
        case '--add-rich-rule':
          z.entries.push(parseRichRule(value.text, exact ? (s, l) => ({ offset: value.span.offset + s, length: l }) : () => value.span, span, problems, native(value)));
          break;
        case '--remove-service':
        case '--remove-port':
        case '--remove-protocol':
        case '--remove-source-port':
        case '--remove-forward-port':
        case '--remove-rich-rule':
          for (const v of splitBraces(value, exact)) removeEntry(z, option.replace('--remove-', '--add-'), v.text);
          break;
        case '--add-source':
          z.sources.push(sourceOf(value, span));
          break;
        case '--remove-source':
          z.sources = z.sources.filter((s) => `${s.key === 'address' ? '' : `${s.key}:`}${s.value.text}` !== value.text);
          break;
        case '--add-interface':
        case '--change-interface':
        case '--change-zone':
          // An interface is in one zone at a time: binding it here takes it from any other.
          for (const other of zones.values()) other.interfaces = other.interfaces.filter((x) => x.text !== value.text);
          z.interfaces.push(value);
          break;
        case '--remove-interface':
          z.interfaces = z.interfaces.filter((x) => x.text !== value.text);
          break;
        case '--set-target':
          z.target = value;
          break;
        case '--set-default-zone':
          defaultZone = value.text;
          touched = undefined;
          break;
        case '--new-zone':
          break;
        case '--delete-zone':
          zones.delete(value.text);
          touched = undefined;
          break;
      }
    }
    if (touched) {
      touched.indent = lines.indent(cmd.span.offset);
      const program = text.slice(words[0].span.offset, words[k].span.offset + words[k].span.length);
      touched.prefix = `${program}${permanent ? ' --permanent' : ''} --zone=${touched.name} `;
      touched.endOffset = lines.nextLineStart(cmd.span.offset + cmd.span.length);
    }
  });
  problems.push(...expansion);
  const interfaces: InterfaceEvidence[] = [];
  const lists = [...zones.values()].map((z) => {
    z.isDefault = z.name === defaultZone;
    z.native = { kind: 'script', prefix: z.prefix, indent: z.indent } satisfies ScriptZoneNative;
    const list = zoneToList(z, `zone/${z.name}`, problems);
    fillText(list, text);
    interfaces.push(...zoneEvidence(z));
    return list;
  });
  return { lists, problems, ...(interfaces.length ? { interfaces } : {}) };
}

function sourceOf(v: Located, span: Span): RichAddress {
  const m = /^(ipset|mac):/.exec(v.text);
  if (m) return { key: m[1] as 'ipset', value: { text: v.text.slice(m[0].length), span: v.span }, invert: false, span };
  if (/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(v.text)) return { key: 'mac', value: v, invert: false, span };
  return { key: 'address', value: v, invert: false, span };
}

function simpleEntry(option: string, v: Located, exact: boolean, span: Span, native: ScriptRuleNative, problems: ParseProblem[]): RichRule {
  const accept = { kind: 'accept' as const, span, limited: false };
  const base: RichRule = { simple: true, priority: 0, logs: false, action: accept, span, native };
  if (option === '--add-service') return { ...base, element: { kind: 'service', value: v, span } };
  if (option === '--add-protocol') return { ...base, element: { kind: 'protocol', value: v, span } };
  if (option === '--add-forward-port') {
    const el: NonNullable<RichRule['element']> = { kind: 'forward-port', span };
    let off = 0;
    for (const part of v.text.split(':')) {
      const eq = part.indexOf('=');
      const key = part.slice(0, eq);
      const val = sub(v, exact, off + eq + 1, part.length - eq - 1);
      if (key === 'port') el.value = val;
      else if (key === 'proto') el.protocol = val;
      else if (key === 'toport') el.toPort = val;
      else if (key === 'toaddr') el.toAddr = val;
      off += part.length + 1;
    }
    return { ...base, action: undefined, element: el };
  }
  const pp = splitPortProto(v.text);
  if (!pp) {
    problems.push({ span: v.span, message: `"${v.text}" is not port/protocol` });
    return { ...base, element: { kind: 'port', span } };
  }
  const kind = option === '--add-source-port' ? 'source-port' : 'port';
  return { ...base, element: { kind, value: sub(v, exact, 0, pp.port.length), protocol: sub(v, exact, pp.port.length + 1, pp.proto.length), span } };
}

/** Removes the entry an earlier --add-* made (the same value, spacing aside for rich rules). */
function removeEntry(z: Zone, addOption: string, value: string): void {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  const at = z.entries.findIndex((e) => {
    const n = e.native as ScriptRuleNative | undefined;
    return n?.option === addOption && norm(n.value.text) === norm(value);
  });
  if (at >= 0) z.entries.splice(at, 1);
}
