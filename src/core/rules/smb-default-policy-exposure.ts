/**
 * Flags lists whose default policy admits SMB/NetBIOS that no rule decides: exposure nobody wrote down,
 * the kind the 2005 advice ("block 445 in every firewall") was about.
 */
import { hasBroadPrivate, publicPart } from '../model/cidr';
import { describeServices } from '../model/ports';
import { arrivalClause, describePeers } from '../analysis/describe';
import { classifyHint } from '../analysis/ingress';
import { defineRule } from './rule';

export default defineRule({
  meta: { id: 'smb-default-policy-exposure', severity: 'warning', title: 'SMB is admitted by a default-accept policy', fixable: true },
  check(group, options) {
    const { list } = group;
    // FORWARD's policy matters only on routers (forwarding is off on most hosts), so only INPUT-like lists count.
    if (group.rule || group.direction !== 'in' || !list.policySpan) return undefined;
    const reachable = !publicPart(group.set).isEmpty || hasBroadPrivate(group.set, options.broadPrefixV4, options.broadPrefixV6);
    if (!reachable) return undefined;
    const verb = group.services.length > 1 ? 'are' : 'is';
    return {
      message: `${describeServices(group.services)} ${verb} accepted from ${describePeers(group.set, list)} by the ${list.name} ${list.policyText ?? 'default policy'}${arrivalClause(group)}: no rule in ${list.name} decides ${group.services.length > 1 ? 'them' : 'it'}.${classifyHint(group.ingress)}`,
      span: list.policySpan,
    };
  },
});
