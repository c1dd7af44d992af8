/**
 * Notes rules that explicitly allow SMB/NetBIOS out to public addresses: an infected host can spread
 * outwards, and Windows sends NTLM credentials to any SMB server it is lured to.
 */
import { publicPart } from '../model/cidr';
import { describeServices } from '../model/ports';
import { describePeers, peerSpan } from '../analysis/describe';
import { outboundClause } from '../analysis/ingress';
import { defineRule } from './rule';

export default defineRule({
  meta: { id: 'smb-outbound-internet', severity: 'info', title: 'SMB is allowed out to the internet', fixable: true },
  check(group) {
    const rule = group.rule;
    // Only rules that name SMB ports: a general "allow all outbound" is a policy choice, not this mistake.
    if (!rule || group.direction !== 'out' || !Array.isArray(rule.ports.ranges) || rule.ports.negated) return undefined;
    if (publicPart(group.set).isEmpty) return undefined;
    const verb = group.services.length > 1 ? 'are' : 'is';
    return {
      message: `${describeServices(group.services)} ${verb} allowed out to ${describePeers(group.set, group.list)} by this rule${outboundClause(group.ingress)}; hosts can reach SMB servers on the internet and leak credentials to them.`,
      span: peerSpan(rule.destinations, rule),
    };
  },
});
