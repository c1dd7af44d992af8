/**
 * Flags rules that accept SMB/NetBIOS from public addresses: the mistake MS05-027 scanning, Conficker
 * (MS08-067) and WannaCry (MS17-010) fed on. Error: nothing should reach 445/139 from the internet; a warning
 * when the sources are a few public hosts (no more than publicHostPrefix holds).
 */
import { publicPart } from '../model/cidr';
import { describeServices } from '../model/ports';
import { publicHostsOnly } from '../analysis/addresses';
import { arrivalClause, describeGroupPeers, noteOf, peerSpan, policyClause, viaClause } from '../analysis/describe';
import { classifyHint } from '../analysis/ingress';
import { defineRule } from './rule';

export default defineRule({
  meta: { id: 'smb-internet-exposure', severity: 'error', title: 'SMB is reachable from the internet', fixable: true },
  check(group, options) {
    if (!group.rule || group.direction === 'out' || publicPart(group.set).isEmpty) return undefined;
    const verb = group.services.length > 1 ? 'are' : 'is';
    // A few public hosts (a partner, an office) are a narrower mistake than the whole internet: a warning.
    const few = publicHostsOnly(group.set, options.publicHostPrefixV4, options.publicHostPrefixV6);
    const peers = describeGroupPeers(group);
    return {
      lower: few,
      message: `${describeServices(group.services)} ${verb} accepted from ${few ? `the public host(s) ${peers}` : peers} by this rule${viaClause(group)}${arrivalClause(group)}${policyClause(group)}.${noteOf(group)}${classifyHint(group.ingress)}`,
      span: peerSpan(group.rule.sources, group.rule),
    };
  },
});
