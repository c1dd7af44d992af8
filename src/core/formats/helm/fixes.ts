/** Helm fixes: the Kubernetes fixes, written against the rendered text and kept only when every edit falls in
 *  text copied from the template. A value set in values.yaml is changed there, which no fix here can do: those
 *  findings keep the suppression fix alone. */
import type { AccessRule, RuleList } from '../../model/rule';
import type { TextEdit } from '../../types';
import type { FixWriter, WriterResult } from '../format';
import { kubernetesFixes as k8s } from '../kubernetes/fixes';
import { renders, type RenderInfo } from './extract';

/** A key the edit adds (`loadBalancerSourceRanges:`) that the template writes elsewhere, under a condition that
 *  did not hold: with other values both would render, a duplicate key. */
function addsConditionalKey(template: string, e: TextEdit): boolean {
  const key = /^[ \t]*([A-Za-z][\w-]*):/.exec(e.newText)?.[1];
  return e.span.length === 0 && !!key && template.includes(`${key}:`);
}

function mapped(template: string, result: WriterResult, info: RenderInfo): WriterResult {
  if (!result) return undefined;
  const all = Array.isArray(result) ? result : result.edits;
  if (all.some((e) => addsConditionalKey(template, e))) return undefined;
  const edits = all.map((e) => info.map.edit(e));
  if (!edits.every((e): e is TextEdit => !!e)) return undefined;
  return Array.isArray(result) ? edits : { ...result, edits };
}

/** Runs a Kubernetes writer on the rendered text of the rule's list (on the text itself for `helm template` output). */
function via(text: string, list: RuleList, write: (text: string) => WriterResult): WriterResult {
  const info = renders.get(list);
  return info ? mapped(text, write(info.rendered), info) : write(text);
}

export const helmFixes: FixWriter = {
  restrictSource: (text, rule: AccessRule, list, sources) => via(text, list, (t) => k8s.restrictSource?.(t, rule, list, sources)),
  removeServices: (text, rule, list, services) => via(text, list, (t) => k8s.removeServices?.(t, rule, list, services)),
  deny: (text, rule, list) => via(text, list, (t) => k8s.deny?.(t, rule, list)),
};
