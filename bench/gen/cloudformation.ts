/** A large CloudFormation template for the benchmark: security groups with inline rules, standalone ingress
 *  resources and network-ACL entries, mostly ordinary services, a few SMB ones (deterministic). */
import { bareParseYaml, rng } from './shared';

export const BENCH_URI = 'network-stack.yaml';

const PORTS = [22, 25, 53, 80, 443, 587, 993, 3306, 5432, 6379, 8080, 8443, 9090];

export function generate(rules: number): string {
  const r = rng(445);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const cidr = () => (r() < 0.2 ? '0.0.0.0/0' : `${10 + Math.floor(r() * 200)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.0/24`);
  const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Description: Generated network stack', 'Parameters:', '  AdminCidr:', '    Type: String', '    Default: 81.2.69.160/27', 'Resources:'];
  let n = 0;
  for (let g = 0; n < rules; g++) {
    out.push(`  AppSG${g}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      GroupDescription: app tier ${g}`, '      VpcId: !ImportValue shared-vpc', '      SecurityGroupIngress:');
    for (let i = 0; i < 8 && n < rules; i++, n++) {
      const smb = r() < 0.02;
      const port = smb ? 445 : pick(PORTS);
      const source = smb ? '10.20.0.0/24' : r() < 0.1 ? '!Ref AdminCidr' : cidr();
      out.push(`        - IpProtocol: tcp`, `          FromPort: ${port}`, `          ToPort: ${port}`, `          CidrIp: ${source}`, `          Description: rule ${n}`);
    }
    if (g % 4 === 0 && n < rules) {
      n++;
      out.push(`  AppSG${g}Extra:`, '    Type: AWS::EC2::SecurityGroupIngress', '    Properties:', `      GroupId: !GetAtt AppSG${g}.GroupId`, '      IpProtocol: udp', '      FromPort: 53', '      ToPort: 53', `      CidrIp: ${cidr()}`);
    }
    if (g % 10 === 0 && n < rules) {
      n++;
      out.push(`  Acl${g}Entry:`, '    Type: AWS::EC2::NetworkAclEntry', '    Properties:', '      NetworkAclId: !Ref PublicAcl', `      RuleNumber: ${100 + g}`, '      Protocol: 6', `      RuleAction: ${r() < 0.5 ? 'allow' : 'deny'}`, '      Egress: false', `      CidrBlock: ${cidr()}`, `      PortRange: {From: ${pick(PORTS)}, To: ${pick(PORTS)}}`);
    }
  }
  out.push('  PublicAcl:', '    Type: AWS::EC2::NetworkAcl', '    Properties:', '      VpcId: vpc-0abc1234', '');
  return out.join('\n');
}

export { bareParseYaml as bareParse };
