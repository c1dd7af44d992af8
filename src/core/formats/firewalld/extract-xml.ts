/** Reads a firewalld zone file (/etc/firewalld/zones/NAME.xml) into a Zone. */
import type { RuleModel } from '../../model/rule';
import type { ParseProblem } from '../../types';
import { attr, parseXml, type XmlElement } from './xml';
import { fillText, zoneEvidence, zoneToList, type Located, type RichAddress, type RichElement, type RichRule, type Zone } from './zone';

/** What the XML fix writer needs about the zone. */
export interface XmlZoneNative {
  kind: 'xml';
  zone: XmlElement;
}

export interface XmlRuleNative {
  kind: 'xml';
  element: XmlElement;
}

const ELEMENTS = new Set(['service', 'port', 'protocol', 'forward-port', 'source-port', 'icmp-block', 'icmp-type', 'masquerade', 'tcp-mss-clamp']);
const ACTIONS = new Set(['accept', 'reject', 'drop', 'mark']);
const LOGS = new Set(['log', 'nflog', 'audit']);

function located(el: XmlElement, name: string): Located | undefined {
  const a = attr(el, name);
  return a ? { text: a.value, span: a.valueSpan } : undefined;
}

function isTrue(el: XmlElement, name: string): boolean {
  const v = attr(el, name)?.value.toLowerCase();
  return v === 'true' || v === 'yes';
}

function addressOf(el: XmlElement): RichAddress | undefined {
  for (const key of ['address', 'ipset', 'mac'] as const) {
    const value = located(el, key);
    if (value) return { key, value, invert: isTrue(el, 'invert') || isTrue(el, 'not'), span: el.span };
  }
  return undefined;
}

function elementOf(el: XmlElement): RichElement {
  const kind = el.name === 'service' || el.name === 'port' || el.name === 'protocol' || el.name === 'forward-port' || el.name === 'source-port' ? el.name : 'other';
  const value = kind === 'service' ? located(el, 'name') : kind === 'protocol' ? located(el, 'value') : located(el, 'port');
  return { kind, value, protocol: located(el, 'protocol'), toPort: located(el, 'to-port') ?? located(el, 'toport'), toAddr: located(el, 'to-addr') ?? located(el, 'toaddr'), span: el.span };
}

function richRule(el: XmlElement, problems: ParseProblem[]): RichRule {
  const prio = attr(el, 'priority');
  const priority = prio ? Number(prio.value) : 0;
  if (prio && !Number.isInteger(priority)) problems.push({ span: prio.valueSpan, message: `"${prio.value}" is not a rule priority` });
  const rule: RichRule = { simple: false, family: located(el, 'family'), priority: Number.isInteger(priority) ? priority : 0, logs: false, span: el.span, native: { kind: 'xml', element: el } satisfies XmlRuleNative };
  for (const c of el.children) {
    if (c.name === 'source') rule.source = addressOf(c);
    else if (c.name === 'destination') rule.destination = addressOf(c);
    else if (ELEMENTS.has(c.name)) rule.element = elementOf(c);
    else if (LOGS.has(c.name)) rule.logs = true;
    else if (ACTIONS.has(c.name)) rule.action = { kind: c.name as 'accept', span: c.span, limited: c.children.some((l) => l.name === 'limit') };
  }
  return rule;
}

function simple(el: XmlElement): RichRule {
  const element = elementOf(el);
  const accept = el.name === 'forward-port' ? undefined : { kind: 'accept' as const, span: el.span, limited: false };
  return { simple: true, priority: 0, element, logs: false, action: accept, span: el.span, native: { kind: 'xml', element: el } satisfies XmlRuleNative };
}

function zoneName(uri: string): string {
  // Cut at the first '?' or '#' by a search (`/[?#].*$/` is quadratic on a run of '#').
  const base = uri.slice(0, uri.search(/[?#]|$/)).split(/[\\/]/).pop() ?? '';
  const name = decodeURIComponent(base).replace(/\.xml$/i, '');
  return name || 'zone';
}

export function extractXml(text: string, uri: string): RuleModel {
  const doc = parseXml(text);
  const problems = [...doc.problems];
  const root = doc.roots.find((r) => r.name === 'zone');
  if (!root) {
    problems.push({ span: { offset: 0, length: Math.min(text.length, 1) }, message: 'no <zone> element' });
    return { lists: [], problems };
  }
  const name = zoneName(uri);
  const zone: Zone = {
    name,
    isDefault: name === 'public',
    sources: [],
    interfaces: [],
    target: located(root, 'target'),
    entries: [],
    endOffset: root.endTagStart,
    native: { kind: 'xml', zone: root } satisfies XmlZoneNative,
  };
  for (const c of root.children) {
    switch (c.name) {
      case 'interface': {
        const name = located(c, 'name');
        if (name) zone.interfaces.push(name);
        break;
      }
      case 'masquerade':
        zone.masquerade = c.span;
        break;
      case 'source': {
        const a = addressOf(c);
        if (a) zone.sources.push(a);
        break;
      }
      case 'service':
      case 'port':
      case 'forward-port':
      case 'source-port':
      case 'protocol':
        zone.entries.push(simple(c));
        break;
      case 'rich-rule':
        problems.push({ span: { offset: c.span.offset, length: c.name.length + 1 }, message: 'firewalld has no <rich-rule> element (rich rules are written <rule>); read here as <rule>' });
        zone.entries.push(richRule(c, problems));
        break;
      case 'rule':
        zone.entries.push(richRule(c, problems));
        break;
    }
  }
  const target = zone.target?.text;
  if (zone.target && target !== undefined && !['default', 'ACCEPT', 'DROP', '%%REJECT%%', 'REJECT'].includes(target)) {
    problems.push({ span: zone.target.span, message: `"${target}" is not a zone target` });
  }
  const list = zoneToList(zone, `zone/${name}`, problems);
  fillText(list, text);
  const interfaces = zoneEvidence(zone);
  return { lists: [list], problems, ...(interfaces.length ? { interfaces } : {}) };
}
