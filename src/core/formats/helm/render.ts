/** Renders a chart template with its values into manifest text, recording where each piece of the output was
 *  written: copied template text (offsets map one to one) or an action's value (its `{{ … }}`, and the values
 *  file that set it). What SMB Guard cannot evaluate renders as an unknown scalar, or not at all. */
import type { ParseProblem } from '../../types';
import { Evaluator, printed, truthy, UNKNOWN, type Dot, type Val } from './pipeline';
import { parseTemplate, type Action, type TNode } from './template';
import type { Origin, Values } from './values';

/** A stretch of the rendered text and where it comes from in the template. */
export interface Segment {
  rStart: number;
  rEnd: number;
  tStart: number;
  tEnd: number;
  /** Copied from the template (offsets map one to one); otherwise the value of the action at tStart…tEnd. */
  verbatim: boolean;
  origins: Origin[];
}

export interface Rendered {
  text: string;
  segments: Segment[];
  problems: ParseProblem[];
}

/** Rendered where a value is unknown and a scalar is expected: no port, address or type matches it. */
export const UNKNOWN_SCALAR = 'smb-guard-unknown-helm-value';

/** Rendering stops past this much output (a `range` over a long list in a loop cannot grow without bound). */
const MAX_OUTPUT = 4_000_000;
/** …and past this many template pieces walked (nested ranges multiply). */
const MAX_STEPS = 200_000;

/** Words that make a branch skipped under an unknown condition worth a problem: it may publish something. */
const RELEVANT = ['port', 'Port', 'hostNetwork', 'externalIPs', 'ipBlock', 'loadBalancer', 'type:'];

export function renderTemplate(template: string, values: Values): Rendered {
  const problems: ParseProblem[] = [];
  const tree = parseTemplate(template, problems);
  const ev = new Evaluator(values);
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let full = false;
  let lineBlank = true;
  let steps = 0;
  /** Where the conditions that let the current text render are written (`if .Values.hostNetwork`). */
  let deciding: Origin[] = [];

  const emit = (s: string, tStart: number, tEnd: number, verbatim: boolean, origins: Origin[] = []) => {
    if (!s || full) return;
    if (length + s.length > MAX_OUTPUT) {
      full = true;
      problems.push({ span: { offset: tStart, length: Math.max(1, tEnd - tStart) }, message: 'the rendered chart grows too large here; the rest was not read' });
      return;
    }
    segments.push({ rStart: length, rEnd: length + s.length, tStart, tEnd, verbatim, origins: deciding.length ? [...origins, ...deciding] : origins });
    parts.push(s);
    length += s.length;
    const nl = s.lastIndexOf('\n');
    lineBlank = (nl < 0 ? lineBlank : true) && /^[ \t]*$/.test(s.slice(nl + 1));
  };

  const output = (action: Action, dot: Dot) => {
    const body = action.body;
    // Variable assignments print nothing (and the variable stays unknown).
    if (/^\$\w*\s*:?=/.test(body)) return;
    const val = body.startsWith('template ') ? undefined : ev.eval(body, dot);
    const text = val && val.v !== UNKNOWN ? printed(val.v) : undefined;
    // Unknown where a scalar goes ("port: {{ … }}"); nothing where whole lines would go (include … | nindent).
    if (text === undefined) emit(lineBlank || /\bn?indent\b/.test(body) ? '' : UNKNOWN_SCALAR, action.start, action.end, false);
    else emit(text, action.start, action.end, false, val!.origins);
  };

  const skipped = (nodes: TNode[]): boolean => nodes.some((n) => (n.kind === 'text' ? RELEVANT.some((w) => template.slice(n.start, n.end).includes(w)) : n.kind === 'block' ? n.branches.some((b) => skipped(b.body)) : false));

  /** Walks a branch; the conditions evaluated to choose it decide what it renders. */
  const enter = (body: TNode[], dot: Dot, conditions: Origin[]) => {
    const outer = deciding;
    deciding = conditions.length ? [...outer, ...conditions] : outer;
    walk(body, dot);
    deciding = outer;
  };

  const block = (node: Extract<TNode, { kind: 'block' }>, dot: Dot) => {
    const conditions: Origin[] = [];
    for (const branch of node.branches) {
      if (branch.cond === undefined) return enter(branch.body, dot, conditions);
      if (node.word === 'range') return range(node, branch.cond, dot);
      const val = /^\$\w*\s*:?=/.test(branch.cond) ? undefined : ev.eval(branch.cond, dot);
      if (!val || val.v === UNKNOWN) {
        if (node.branches.some((b) => skipped(b.body))) problems.push({ span: { offset: node.action.start, length: node.action.end - node.action.start }, message: `SMB Guard cannot evaluate the Helm condition "${branch.cond}"; what it guards was not checked` });
        return;
      }
      conditions.push(...val.origins);
      if (truthy(val.v)) return enter(branch.body, node.word === 'with' ? val : dot, conditions);
    }
  };

  const range = (node: Extract<TNode, { kind: 'block' }>, cond: string, dot: Dot) => {
    const val = cond.includes(':=') ? undefined : ev.eval(cond, dot);
    const v = val?.v;
    if (!val || v === UNKNOWN || (v !== null && v !== undefined && typeof v !== 'object')) {
      if (skipped(node.branches[0].body)) problems.push({ span: { offset: node.action.start, length: node.action.end - node.action.start }, message: `SMB Guard cannot evaluate the Helm range "${cond}"; what it repeats was not checked` });
      return;
    }
    const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : v ? Object.keys(v).sort() : [];
    if (!keys.length) return node.branches[1] && walk(node.branches[1].body, dot);
    for (const k of keys) {
      if (full) return;
      const item: Val = val.path ? ev.field(`.${k}`, val) : { v: (v as Record<string, unknown>)[k], origins: val.origins };
      walk(node.branches[0].body, item);
    }
  };

  const walk = (nodes: TNode[], dot: Dot): void => {
    for (const n of nodes) {
      if (full) return;
      if (++steps > MAX_STEPS) {
        full = true;
        problems.push({ span: { offset: n.kind === 'text' ? n.start : n.action.start, length: 1 }, message: 'the chart repeats this too often to render; the rest was not read' });
        return;
      }
      if (n.kind === 'text') emit(template.slice(n.start, n.end), n.start, n.end, true);
      else if (n.kind === 'output') output(n.action, dot);
      else if (n.kind === 'block') block(n, dot);
    }
  };

  walk(tree, 'root');
  return { text: parts.join(''), segments, problems };
}
