/** Helm fixes: the Kubernetes fixes, written against the rendered text and kept only when every edit falls in
 *  text copied from the template. A value set in values.yaml is changed there, which no fix here can do: those
 *  findings keep the suppression fix alone. */
import type { AccessRule, RuleList } from '../../model/rule';
import type { TextEdit } from '../../types';
import type { FixWriter, WriterResult } from '../format';
import { kubernetesFixes as k8s } from '../kubernetes/fixes';
import { renders, type RenderInfo } from './extract';

function mapped(result: WriterResult, info: RenderInfo): WriterResult {
  if (!result) return undefined;
  const edits = (Array.isArray(result) ? result : result.edits).map((e) => info.map.edit(e));
  if (!edits.every((e): e is TextEdit => !!e)) return undefined;
  return Array.isArray(result) ? edits : { ...result, edits };
}

/** Runs a Kubernetes writer on the rendered text of the rule's list (on the text itself for `helm template` output). */
function via(text: string, list: RuleList, write: (text: string) => WriterResult): WriterResult {
  const info = renders.get(list);
  return info ? mapped(write(info.rendered), info) : write(text);
}

export const helmFixes: FixWriter = {
  restrictSource: (text, rule: AccessRule, list, sources) => via(text, list, (t) => k8s.restrictSource?.(t, rule, list, sources)),
  removeServices: (text, rule, list, services) => via(text, list, (t) => k8s.removeServices?.(t, rule, list, services)),
  deny: (text, rule, list) => via(text, list, (t) => k8s.deny?.(t, rule, list)),
};
