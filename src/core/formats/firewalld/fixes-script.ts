/** Fixes written into firewall-cmd scripts: options replaced or removed in their command, rich rules quoted. */
import type { AccessRule, RuleList } from '../../model/rule';
import { breakBefore, lineBreakOf } from '../../text/eol';
import type { SmbService, Span, TextEdit } from '../../types';
import type { WriterResult } from '../format';
import { SMB_ONLY_SERVICES, deleteSpan, onlySmb, denyPorts, denyPriority, familyOf, fmtRange, isSambaSet, remainingPorts, sourcesFor } from './edit';
import type { ScriptRuleNative, ScriptZoneNative } from './extract-script';
import { parsePortRange } from './services';
import type { RichRule } from './zone';

const nat = (r: RichRule) => r.native as ScriptRuleNative;
const ACTION_OPTION = /^--(?:add|remove|set|change|new|delete|reload|complete-reload|runtime-to-permanent|list|query|get|info)/;

/** The words of the option that wrote the rule. */
function optionSpan(n: ScriptRuleNative): Span {
  const a = n.cmd.words[n.first].span;
  const b = n.cmd.words[n.last].span;
  return { offset: a.offset, length: b.offset + b.length - a.offset };
}

/** Removes the option; a command left with nothing to do goes as a whole (firewall-cmd would fail). */
function removeOption(text: string, n: ScriptRuleNative): TextEdit {
  const others = n.cmd.words.filter((w, i) => (i < n.first || i > n.last) && ACTION_OPTION.test(w.text));
  if (!others.length) return deleteSpan(text, n.cmd.span);
  const span = optionSpan(n);
  let start = span.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { span: { offset: start, length: span.offset + span.length - start }, newText: '' };
}

const quoteRule = (rule: string) => (rule.includes("'") ? `"${rule.replace(/(["\\$`])/g, '\\$1')}"` : `'${rule}'`);
const richOption = (rule: string) => `--add-rich-rule=${quoteRule(rule)}`;

/** The rich-rule words for a plain element: `service name="samba"`, `port port="445" protocol="tcp"`. */
function elementWords(r: RichRule): string | undefined {
  const el = r.element;
  if (!el?.value || el.value.text.includes('"')) return undefined;
  switch (el.kind) {
    case 'service':
      return `service name="${el.value.text}"`;
    case 'protocol':
      return `protocol value="${el.value.text}"`;
    case 'port':
    case 'source-port':
      return el.protocol ? `${el.kind} port="${el.value.text}" protocol="${el.protocol.text}"` : undefined;
    default:
      return undefined;
  }
}

/** The rule's own rich-rule text rewritten for one source (edits on the string, back to front). */
function richWithSource(r: RichRule, n: ScriptRuleNative, cidr: string): string {
  const base = n.value.span.offset;
  let out = n.value.text;
  const edits: { at: number; len: number; s: string }[] = [];
  const src = `source address="${cidr}"`;
  if (r.source) edits.push({ at: r.source.span.offset - base, len: r.source.span.length, s: src });
  else {
    const at = (r.element?.span ?? r.action?.span)?.offset;
    edits.push(at === undefined ? { at: out.length, len: 0, s: ` ${src}` } : { at: at - base, len: 0, s: `${src} ` });
  }
  if (!r.family) edits.push({ at: out.indexOf('rule') + 4, len: 0, s: ` family="${familyOf(cidr)}"` });
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.s + out.slice(e.at + e.len);
  return out;
}

export function scriptRestrictSource(text: string, r: RichRule, sources: string[]): WriterResult {
  const n = nat(r);
  if (!n.exact) return undefined;
  if (!r.simple) {
    const cidrs = sourcesFor(r, sources);
    if (!cidrs.length || r.source?.key === 'ipset' || !/^\s*rule\b/.test(n.value.text)) return undefined;
    return [{ span: optionSpan(n), newText: cidrs.map((c) => richOption(richWithSource(r, n, c))).join(' ') }];
  }
  const words = elementWords(r);
  if (!words || n.braced) return undefined;
  const rules = sources.map((c) => richOption(`rule family="${familyOf(c)}" source address="${c}" ${words} accept`));
  return [{ span: optionSpan(n), newText: rules.join(' ') }];
}

export function scriptRemoveServices(text: string, r: RichRule, access: AccessRule, services: SmbService[]): WriterResult {
  const n = nat(r);
  const el = r.element;
  if (!el || !n.exact || n.braced) return undefined;
  if (el.kind === 'service') {
    if (!el.value || !SMB_ONLY_SERVICES.has(el.value.text)) return undefined;
    return { edits: [removeOption(text, n)], title: r.simple ? `Remove the ${el.value.text} service (drop ${n.option}=${el.value.text})` : 'Remove this rich rule' };
  }
  if (el.kind === 'forward-port') return onlySmb(access, services) ? { edits: [removeOption(text, n)], title: 'Remove this port forwarding' } : undefined;
  if (el.kind !== 'port' || !el.value || (access.protocol !== 'tcp' && access.protocol !== 'udp')) return undefined;
  const range = parsePortRange(el.value.text);
  if (!range) return undefined;
  const left = remainingPorts(range, access.protocol, services);
  if (!left.length) return [removeOption(text, n)];
  if (left.length > 4) return undefined;
  if (left.length === 1) return [{ span: el.value.span, newText: fmtRange(left[0]) }];
  const rel = el.value.span.offset - n.value.span.offset;
  const copies = left.map((p) => n.value.text.slice(0, rel) + fmtRange(p) + n.value.text.slice(rel + el.value!.span.length));
  const newText = r.simple ? copies.map((c) => `${n.option}=${c}`).join(' ') : copies.map((c) => richOption(c)).join(' ');
  return [{ span: optionSpan(n), newText }];
}

export function scriptDeny(r: RichRule): WriterResult {
  const n = nat(r);
  if (r.simple || !n.exact || r.action?.kind !== 'accept') return undefined;
  return [{ span: r.action.span, newText: 'drop' }];
}

function dropRules(head: string, services: SmbService[], protocol: AccessRule['protocol']): string[] {
  return denyPorts(services, protocol).flatMap(({ proto, ports }) => ports.map((p) => `rule${head} port port="${p}" protocol="${proto}" drop`));
}

export function scriptInsertDenyBefore(text: string, r: RichRule, access: AccessRule, services: SmbService[]): WriterResult {
  const n = nat(r);
  const prio = denyPriority(r);
  if (n.braced) return undefined;
  if (prio === undefined || r.element?.kind === 'forward-port') return undefined;
  if (r.source && !n.exact) return undefined;
  const family = r.family ? ` family="${r.family.text}"` : '';
  const source = r.source ? ` ${text.slice(r.source.span.offset, r.source.span.offset + r.source.span.length)}` : '';
  const rules = dropRules(`${family}${prio ? ` priority="${prio}"` : ''}${source}`, services, access.protocol);
  if (!rules.length) return undefined;
  return [{ span: { offset: optionSpan(n).offset, length: 0 }, newText: rules.map((x) => `${richOption(x)} `).join('') }];
}

export function scriptAppendDeny(text: string, list: RuleList, services: SmbService[]): WriterResult {
  const z = list.native as ScriptZoneNative;
  if (list.endOffset === undefined || !z.prefix) return undefined;
  const eol = lineBreakOf(text);
  const rules = isSambaSet(services) ? ['rule service name="samba" drop'] : dropRules('', services, 'any');
  const lead = breakBefore(text, list.endOffset);
  return [{ span: { offset: list.endOffset, length: 0 }, newText: lead + rules.map((x) => `${z.indent}${z.prefix}${richOption(x)}${eol}`).join('') }];
}
