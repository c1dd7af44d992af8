/** Helm → the Kubernetes reader: a template rendered with its values (spans mapped back to the template, values
 *  files named as related places), or `helm template` output (each list naming its source template). */
import type { Budget } from '../../analysis/budget';
import type { AccessRule, RuleList, RuleModel } from '../../model/rule';
import type { Companion, RelatedLocation, Span } from '../../types';
import { spanOf, get } from '../common/yaml';
import { extractKubernetes } from '../kubernetes/extract';
import type { ServicePortNative } from '../kubernetes/service';
import type { HostPortNative } from '../kubernetes/workload';
import { renderTemplate } from './render';
import { SpanMap } from './span-map';
import { Values, type Origin } from './values';

/** What the fix writer needs to turn edits of the rendered text into edits of the template. */
export interface RenderInfo {
  rendered: string;
  map: SpanMap;
}

/** Lists read from a rendered template (absent for `helm template` output, whose text is the manifest). */
export const renders = new WeakMap<RuleList, RenderInfo>();

const fileName = (uri: string) => uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);

/** Rendered text beyond the rule's own span that decides it: the Service type, the pod's hostNetwork. */
function decidingSpans(rule: AccessRule): (Span | undefined)[] {
  const n = rule.native as ServicePortNative | HostPortNative | { kind: string };
  const spans = [rule.ports.span, rule.sources.span, rule.protocolSpan, ...rule.ports.items.map((i) => i.span), ...rule.sources.items.map((i) => i.span)];
  if (n.kind === 'service-port') spans.push(spanOf(get((n as ServicePortNative).spec, 'type')));
  return spans;
}

function mapRule(rule: AccessRule, map: SpanMap, hostNetwork: Span | undefined): void {
  const origins = map.origins([...decidingSpans(rule), (rule.native as HostPortNative).hostNetwork ? hostNetwork : undefined]);
  const m = (s: Span) => map.span(s);
  rule.span = m(rule.span);
  rule.actionSpan = m(rule.actionSpan);
  if (rule.protocolSpan) rule.protocolSpan = m(rule.protocolSpan);
  for (const match of [rule.ports, rule.sources, rule.destinations]) {
    if (match.span) match.span = m(match.span);
    for (const item of match.items) item.span = m(item.span);
  }
  if (origins.length) rule.related = origins.map(relatedOf);
}

function relatedOf(o: Origin): RelatedLocation {
  return { uri: o.uri, span: o.span, message: `${o.path || 'the values'} is set here (${fileName(o.uri)})` };
}

/** The `hostNetwork` line of the pod a host-port rule belongs to (the last one before it in its document). */
function hostNetworkSpan(rendered: string, rule: AccessRule): Span | undefined {
  const at = rendered.lastIndexOf('hostNetwork:', rule.span.offset);
  if (at < 0 || rendered.lastIndexOf('\n---', rule.span.offset) > at) return undefined;
  const eol = rendered.indexOf('\n', at);
  return { offset: at, length: (eol < 0 ? rendered.length : eol) - at };
}

export function extractTemplate(text: string, budget: Budget | undefined, companions: readonly Companion[]): RuleModel {
  const rendered = renderTemplate(text, new Values(companions));
  const model = extractKubernetes(rendered.text, budget);
  const map = new SpanMap(rendered.segments);
  for (const list of model.lists) {
    for (const rule of list.rules) mapRule(rule, map, hostNetworkSpan(rendered.text, rule));
    // The note is the list's: only when every rule's values come from a values file.
    const files = [...new Set(list.rules.flatMap((r) => r.related ?? []).map((r) => fileName(r.uri!)))];
    if (files.length && list.rules.every((r) => r.related?.length)) list.note = `Its values are set in ${files.join(', ')}: change them there (see the related places).`;
    renders.set(list, { rendered: rendered.text, map });
  }
  const problems = [...rendered.problems, ...model.problems.map((p) => ({ ...p, span: map.span(p.span) }))];
  return { ...model, problems: problems.sort((a, b) => a.span.offset - b.span.offset) };
}

/** `helm template` output: the Kubernetes reading, each list naming the template its object came from. */
export function extractRendered(text: string, budget: Budget | undefined): RuleModel {
  const model = extractKubernetes(text, budget);
  const sources: { at: number; name: string }[] = [];
  const re = /^# Source: ([^\r\n]{1,300})/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) sources.push({ at: m.index, name: m[1].trim() });
  for (const list of model.lists) {
    const at = list.rules[0]?.span.offset ?? 0;
    let source: string | undefined;
    for (const s of sources) if (s.at <= at) source = s.name;
    if (source) list.note = `Rendered from the chart template ${source}.`;
  }
  return model;
}
