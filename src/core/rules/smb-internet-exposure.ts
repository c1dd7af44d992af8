/**
 * Flags rules that accept SMB/NetBIOS from public addresses: the mistake MS05-027 scanning, Conficker
 * (MS08-067) and WannaCry (MS17-010) fed on. Error: nothing should reach 445/139 from the internet.
 */
import { publicPart } from '../model/cidr';
import { describeServices } from '../model/ports';
import { arrivalClause, describePeers, noteOf, peerSpan, policyClause, viaClause } from '../analysis/describe';
import { classifyHint } from '../analysis/ingress';
import { defineRule } from './rule';

export default defineRule({
  meta: { id: 'smb-internet-exposure', severity: 'error', title: 'SMB is reachable from the internet', fixable: true },
  check(group) {
    if (!group.rule || group.direction === 'out' || publicPart(group.set).isEmpty) return undefined;
    const verb = group.services.length > 1 ? 'are' : 'is';
    return {
      message: `${describeServices(group.services)} ${verb} accepted from ${describePeers(group.set, group.list)} by this rule${viaClause(group)}${arrivalClause(group)}${policyClause(group)}.${noteOf(group)}${classifyHint(group.ingress)}`,
      span: peerSpan(group.rule.sources, group.rule),
    };
  },
});
