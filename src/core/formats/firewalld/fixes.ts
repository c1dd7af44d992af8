/** Picks the zone-file or the script writer by where the rule came from. */
import type { AccessRule } from '../../model/rule';
import type { FixWriter } from '../format';
import { richOf } from './edit';
import { xmlAppendDeny, xmlDeny, xmlInsertDenyBefore, xmlRemoveServices, xmlRestrictSource } from './fixes-xml';
import { scriptAppendDeny, scriptDeny, scriptInsertDenyBefore, scriptRemoveServices, scriptRestrictSource } from './fixes-script';

function kindOf(rule: AccessRule): { r: NonNullable<ReturnType<typeof richOf>>; xml: boolean } | undefined {
  const r = richOf(rule);
  const kind = (r?.native as { kind?: string } | undefined)?.kind;
  return r && kind ? { r, xml: kind === 'xml' } : undefined;
}

export const firewalldFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const k = kindOf(rule);
    if (!k) return undefined;
    return k.xml ? xmlRestrictSource(text, k.r, sources) : scriptRestrictSource(text, k.r, sources);
  },
  removeServices(text, rule, list, services) {
    const k = kindOf(rule);
    if (!k) return undefined;
    return k.xml ? xmlRemoveServices(text, k.r, rule, services) : scriptRemoveServices(text, k.r, rule, services);
  },
  deny(text, rule) {
    const k = kindOf(rule);
    if (!k) return undefined;
    return k.xml ? xmlDeny(text, k.r) : scriptDeny(k.r);
  },
  insertDenyBefore(text, rule, list, services) {
    const k = kindOf(rule);
    if (!k) return undefined;
    return k.xml ? xmlInsertDenyBefore(text, k.r, rule, services) : scriptInsertDenyBefore(text, k.r, rule, services);
  },
  appendDeny(text, list, services) {
    const kind = (list.native as { kind?: string } | undefined)?.kind;
    if (kind === 'xml') return xmlAppendDeny(text, list, services);
    return kind === 'script' ? scriptAppendDeny(text, list, services) : undefined;
  },
};
