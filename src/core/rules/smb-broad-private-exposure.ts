/**
 * Flags rules that accept SMB/NetBIOS from a whole private block or one wider than the threshold: one
 * infected laptop anywhere in that range can reach the share, as WannaCry did inside networks.
 */
import { hasBroadPrivate, publicPart } from '../model/cidr';
import { describeServices } from '../model/ports';
import { arrivalClause, describeGroupPeers, noteOf, peerSpan, policyClause, viaClause } from '../analysis/describe';
import { classifyHint } from '../analysis/ingress';
import { defineRule } from './rule';

export default defineRule({
  meta: { id: 'smb-broad-private-exposure', severity: 'warning', title: 'SMB is reachable from a broad private network', fixable: true },
  check(group, options) {
    // Public sources are smb-internet-exposure's; turning that rule off must not re-label them here.
    if (!group.rule || group.direction === 'out' || !publicPart(group.set).isEmpty) return undefined;
    if (!hasBroadPrivate(group.set, options.broadPrefixV4, options.broadPrefixV6)) return undefined;
    const verb = group.services.length > 1 ? 'are' : 'is';
    return {
      message: `${describeServices(group.services)} ${verb} accepted from the broad private range ${describeGroupPeers(group)} by this rule${viaClause(group)}${arrivalClause(group)}${policyClause(group)}; narrow it to the hosts that need file sharing.${noteOf(group)}${classifyHint(group.ingress)}`,
      span: peerSpan(group.rule.sources, group.rule),
    };
  },
});
