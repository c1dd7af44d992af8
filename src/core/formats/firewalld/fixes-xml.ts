/** Fixes written into zone files: elements replaced or removed in place, rich rules as <rule> elements. */
import type { AccessRule, RuleList } from '../../model/rule';
import { lineBreakOf } from '../../text/eol';
import type { SmbService, TextEdit } from '../../types';
import type { WriterResult } from '../format';
import { SMB_ONLY_SERVICES, deleteSpan, onlySmb, denyPorts, denyPriority, familyOf, fmtRange, isSambaSet, remainingPorts, replaceWithLines, sourcesFor } from './edit';
import type { XmlRuleNative, XmlZoneNative } from './extract-xml';
import { parsePortRange } from './services';
import { attr, type XmlElement } from './xml';
import type { RichRule } from './zone';
import { indentOf, lineStartOf } from '../../text/lines';

const el = (r: RichRule) => (r.native as XmlRuleNative).element;
/** Only elements read cleanly are edited: a cut-off tag stays as the user left it. */
const sound = (e: XmlElement): boolean => !e.broken && (e.selfClosing || e.endTagStart !== undefined) && e.children.every(sound);
const slice = (text: string, e: { span: { offset: number; length: number } }) => text.slice(e.span.offset, e.span.offset + e.span.length);
const q = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The rule element rewritten for one source: <source> replaced or added, family set. Edits run on the
 *  element's own text, back to front. */
function withSource(text: string, rule: XmlElement, cidr: string): string {
  const base = rule.span.offset;
  let out = slice(text, rule);
  const edits: { at: number; len: number; s: string }[] = [];
  const source = rule.children.find((c) => c.name === 'source');
  const src = `<source address="${q(cidr)}"/>`;
  if (source) edits.push({ at: source.span.offset - base, len: source.span.length, s: src });
  else {
    const first = rule.children[0];
    const at = first ? first.span.offset - base : rule.startTagEnd - base;
    const multiLine = first && text.slice(rule.startTagEnd, first.span.offset).includes('\n');
    edits.push({ at, len: 0, s: multiLine ? `${src}${lineBreakOf(text)}${indentOf(text, first.span.offset)}` : src });
  }
  if (!attr(rule, 'family')) edits.push({ at: rule.name.length + 1, len: 0, s: ` family="${familyOf(cidr)}"` });
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.s + out.slice(e.at + e.len);
  return out;
}

function portElementWith(text: string, port: XmlElement, range: string): string {
  const v = attr(port, 'port');
  if (!v) return slice(text, port);
  const own = slice(text, port);
  const at = v.valueSpan.offset - port.span.offset;
  return own.slice(0, at) + range + own.slice(at + v.valueSpan.length);
}

export function xmlRestrictSource(text: string, rule: RichRule, sources: string[]): WriterResult {
  if (!sound(el(rule))) return undefined;
  const e = el(rule);
  const eol = lineBreakOf(text);
  if (!rule.simple) {
    const cidrs = sourcesFor(rule, sources);
    if (!cidrs.length || rule.source?.key === 'ipset') return undefined;
    return [replaceWithLines(text, e.span, cidrs.map((c) => withSource(text, e, c)), eol)];
  }
  const kind = rule.element?.kind;
  if (kind !== 'service' && kind !== 'port' && kind !== 'protocol' && kind !== 'forward-port') return undefined;
  const inner = slice(text, e);
  const action = kind === 'forward-port' ? '' : '<accept/>';
  const rules = sources.map((c) => `<rule family="${familyOf(c)}"><source address="${q(c)}"/>${inner}${action}</rule>`);
  return [replaceWithLines(text, e.span, rules, eol)];
}

export function xmlRemoveServices(text: string, rule: RichRule, access: AccessRule, services: SmbService[]): WriterResult {
  if (!sound(el(rule))) return undefined;
  const e = el(rule);
  const element = rule.element;
  if (!element) return undefined;
  if (element.kind === 'service') {
    if (!element.value || !SMB_ONLY_SERVICES.has(element.value.text)) return undefined;
    const title = rule.simple ? `Remove the ${element.value.text} service from this zone` : `Remove this rich rule (it only admits ${element.value.text})`;
    return { edits: [deleteSpan(text, e.span)], title };
  }
  if (element.kind === 'forward-port') return onlySmb(access, services) ? { edits: [deleteSpan(text, e.span)], title: 'Remove this port forwarding' } : undefined;
  if (element.kind !== 'port' || (access.protocol !== 'tcp' && access.protocol !== 'udp')) return undefined;
  const range = element.value ? parsePortRange(element.value.text) : undefined;
  const portEl = rule.simple ? e : e.children.find((c) => c.name === 'port');
  if (!range || !portEl) return undefined;
  const left = remainingPorts(range, access.protocol, services);
  if (!left.length) return [deleteSpan(text, e.span)];
  if (left.length > 4) return undefined;
  const eol = lineBreakOf(text);
  if (rule.simple) return [replaceWithLines(text, e.span, left.map((r) => portElementWith(text, e, fmtRange(r))), eol)];
  const rel = portEl.span.offset - e.span.offset;
  const own = slice(text, e);
  const copies = left.map((r) => own.slice(0, rel) + portElementWith(text, portEl, fmtRange(r)) + own.slice(rel + portEl.span.length));
  return [replaceWithLines(text, e.span, copies, eol)];
}

export function xmlDeny(text: string, rule: RichRule): WriterResult {
  if (!sound(el(rule))) return undefined;
  if (rule.simple || rule.action?.kind !== 'accept') return undefined;
  const accept = el(rule).children.find((c) => c.name === 'accept');
  if (!accept) return undefined;
  if (accept.selfClosing) return [{ span: accept.span, newText: '<drop/>' }];
  const edits: TextEdit[] = [{ span: { offset: accept.span.offset + 1, length: 'accept'.length }, newText: 'drop' }];
  if (accept.endTagStart !== undefined) edits.push({ span: { offset: accept.endTagStart + 2, length: 'accept'.length }, newText: 'drop' });
  return edits;
}

function dropRules(head: string, source: string, services: SmbService[], protocol: AccessRule['protocol']): string[] {
  return denyPorts(services, protocol).flatMap(({ proto, ports }) => ports.map((p) => `<rule${head}>${source}<port port="${p}" protocol="${proto}"/><drop/></rule>`));
}

export function xmlInsertDenyBefore(text: string, rule: RichRule, access: AccessRule, services: SmbService[]): WriterResult {
  if (!sound(el(rule))) return undefined;
  if (rule.element?.kind === 'forward-port') return undefined;
  const prio = denyPriority(rule);
  if (prio === undefined) return undefined;
  const e = el(rule);
  const source = rule.simple ? undefined : e.children.find((c) => c.name === 'source');
  const family = rule.family ? ` family="${q(rule.family.text)}"` : '';
  const head = `${family}${prio ? ` priority="${prio}"` : ''}`;
  const lines = dropRules(head, source ? slice(text, source) : '', services, access.protocol);
  if (!lines.length) return undefined;
  const indent = indentOf(text, e.span.offset);
  const eol = lineBreakOf(text);
  return [{ span: { offset: e.span.offset, length: 0 }, newText: lines.map((l) => `${l}${eol}${indent}`).join('') }];
}

export function xmlAppendDeny(text: string, list: RuleList, services: SmbService[]): WriterResult {
  const zone = (list.native as XmlZoneNative).zone;
  if (zone.endTagStart === undefined) return undefined;
  const lines = isSambaSet(services) ? ['<rule><service name="samba"/><drop/></rule>'] : dropRules('', '', services, 'any');
  const eol = lineBreakOf(text);
  const child = zone.children[0];
  const indent = child ? indentOf(text, child.span.offset) : '  ';
  const closeLine = lineStartOf(text, zone.endTagStart);
  const ownLine = /^[ \t]*$/.test(text.slice(closeLine, zone.endTagStart));
  const body = lines.map((l) => `${indent}${l}${eol}`).join('');
  if (ownLine) return [{ span: { offset: closeLine, length: 0 }, newText: body }];
  return [{ span: { offset: zone.endTagStart, length: 0 }, newText: `${eol}${body}` }];
}
