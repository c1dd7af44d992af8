/** What EC2 refuses in a security-group or network-ACL port range, shared by the Terraform and CloudFormation
 *  readers: -1 stands for "every ICMP type" with ICMP and is ignored with protocol "-1", but with TCP or UDP the
 *  API answers InvalidPermission.Malformed "TCP/UDP port (-1) out of range" (the FromPort/ToPort docs of
 *  AWS::EC2::SecurityGroupIngress: "If the protocol is TCP or UDP, this is the start of the port range"). */
import type { Protocol } from '../../model/rule';

/** Why AWS would refuse `from`–`to` for the protocol; undefined when it takes them. `names`: the two fields as
 *  the format spells them (from_port/to_port, FromPort/ToPort). */
export function awsPortProblem(protocol: Protocol, protocolText: string, from: number, to: number, names: readonly [string, string]): string | undefined {
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  const bad = from < 0 || from > 65535 ? [names[0], from] : to < 0 || to > 65535 ? [names[1], to] : undefined;
  if (!bad) return undefined;
  return `AWS refuses ${bad[0]} ${bad[1]} with protocol "${protocolText}" (TCP/UDP ports are 0–65535; -1 is only for ICMP types and protocol "-1")`;
}
