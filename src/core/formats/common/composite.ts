/** One document read by several formats (a script with iptables rules and `docker run`; a runbook's code
 *  blocks): their models merged, and each rule's fixes written by the format that read its list. */
import type { RuleList, RuleModel } from '../../model/rule';
import type { Span, TextEdit } from '../../types';
import type { FixWriter, FormatModule, WriterResult } from '../format';

interface Owner {
  module: FormatModule;
  /** The text the module read, when it is not the document (a runbook's blocks with the rest blanked: same
   *  offsets); its fixes are written against it and must stay inside `inside`. */
  text?: string;
  inside?: readonly Span[];
}

/** One composite format's record of which format read which list (each composite keeps its own: a runbook's
 *  block may itself be a composite). */
export class Owners {
  private readonly owners = new WeakMap<RuleList, Owner>();

  /** Marks a model's lists as read by `owner.module`, and returns the model. */
  adopt(model: RuleModel, owner: Owner): RuleModel {
    for (const list of model.lists) this.owners.set(list, owner);
    return model;
  }

  get(list: RuleList): Owner | undefined {
    return this.owners.get(list);
  }
}

/** Merges models: lists and problems in order; the first model's other fields (settings, interfaces, jump
 *  depth, comment syntax) win. */
export function mergeModels(models: RuleModel[]): RuleModel {
  const out: RuleModel = { ...models[0], lists: models.flatMap((m) => m.lists), problems: models.flatMap((m) => m.problems) };
  const settings = models.flatMap((m) => m.settings ?? []);
  const interfaces = models.flatMap((m) => m.interfaces ?? []);
  if (settings.length) out.settings = settings;
  if (interfaces.length) out.interfaces = interfaces;
  return out;
}

function editsOf(r: WriterResult): TextEdit[] {
  return !r ? [] : Array.isArray(r) ? r : r.edits;
}

/** A result whose edits all lie inside the owner's spans, else none. */
function within(r: WriterResult, inside: readonly Span[] | undefined): WriterResult {
  if (!r || !inside) return r;
  const ok = editsOf(r).every((e) => inside.some((s) => s.offset <= e.span.offset && e.span.offset + e.span.length <= s.offset + s.length));
  return ok ? r : undefined;
}

/** Fix writers that hand each rule to the format that read its list (`own` for lists nobody else claimed). */
export function delegatingFixes(owners: Owners, own: FixWriter | undefined): FixWriter {
  const writer = (list: RuleList): { fixes: FixWriter | undefined; owner?: Owner } => {
    const owner = owners.get(list);
    return owner ? { fixes: owner.module.fixes, owner } : { fixes: own };
  };
  return {
    restrictSource: (text, rule, list, sources) => {
      const { fixes, owner } = writer(list);
      return within(fixes?.restrictSource?.(owner?.text ?? text, rule, list, sources), owner?.inside);
    },
    removeServices: (text, rule, list, services) => {
      const { fixes, owner } = writer(list);
      return within(fixes?.removeServices?.(owner?.text ?? text, rule, list, services), owner?.inside);
    },
    deny: (text, rule, list) => {
      const { fixes, owner } = writer(list);
      return within(fixes?.deny?.(owner?.text ?? text, rule, list), owner?.inside);
    },
    insertDenyBefore: (text, rule, list, services) => {
      const { fixes, owner } = writer(list);
      return within(fixes?.insertDenyBefore?.(owner?.text ?? text, rule, list, services), owner?.inside);
    },
    appendDeny: (text, list, services) => {
      const { fixes, owner } = writer(list);
      return within(fixes?.appendDeny?.(owner?.text ?? text, list, services), owner?.inside);
    },
  };
}
