/** firewalld's predefined services (ports with their includes resolved) and port strings. */
import type { PortRange } from '../../model/ports';
import { portProblemIn, portRangeIn, type PortSyntax } from '../common/port-range';

export type ServicePorts = { tcp: PortRange[]; udp: PortRange[] };

const p = (tcp: (number | PortRange)[], udp: (number | PortRange)[] = []): ServicePorts => ({
  tcp: tcp.map((x) => (typeof x === 'number' ? [x, x] : x)),
  udp: udp.map((x) => (typeof x === 'number' ? [x, x] : x)),
});

/** SMB services from /usr/lib/firewalld/services (firewalld 1.3): samba includes samba-client, which includes
 *  netbios-ns; samba-dc includes samba, dns, kerberos, ldap, ldaps and kpasswd. The others are common
 *  services, listed so that rich rules naming them are not mistaken for SMB. Unknown names open nothing SMB. */
const SERVICES: Record<string, ServicePorts> = {
  'netbios-ns': p([], [137]),
  'samba-client': p([], [137, 138]),
  samba: p([139, 445], [137, 138]),
  'samba-dc': p([53, 88, 135, 139, 389, 445, 464, 636, 3268, 3269, [49152, 65535]], [53, 88, 137, 138, 389, 464]),
  ssh: p([22]),
  http: p([80]),
  https: p([443]),
  http3: p([], [443]),
  dns: p([53], [53]),
  'dhcpv6-client': p([], [546]),
  dhcp: p([], [67]),
  mdns: p([], [5353]),
  cockpit: p([9090]),
  nfs: p([2049]),
  nfs3: p([2049], [2049]),
  'rpc-bind': p([111], [111]),
  mountd: p([20048], [20048]),
  ftp: p([21]),
  smtp: p([25]),
  smtps: p([465]),
  'smtp-submission': p([587]),
  imap: p([143]),
  imaps: p([993]),
  pop3: p([110]),
  pop3s: p([995]),
  ntp: p([], [123]),
  kerberos: p([88], [88]),
  kpasswd: p([464], [464]),
  ldap: p([389]),
  ldaps: p([636]),
  mysql: p([3306]),
  postgresql: p([5432]),
  mssql: p([1433]),
  rdp: p([3389]),
  ipp: p([631]),
  'ipp-client': p([], [631]),
  snmp: p([], [161]),
  telnet: p([23]),
  vnc: p([[5900, 5903]]),
  'wireguard': p([], [51820]),
  'openvpn': p([], [1194]),
};

/** The ports a service opens, or undefined for a name SMB Guard does not know (a local service file). */
export function servicePorts(name: string): ServicePorts | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICES, name) ? SERVICES[name] : undefined;
}

/** firewalld's port_parse (firewall/functions.py): "445", "137-139", /etc/services names (getservbyname),
 *  "netbios-ns-netbios-dgm" split at the dash that leaves two ports; a range high to low is swapped. */
export const FIREWALLD_PORTS: PortSyntax = { tool: 'firewalld', separator: '-', names: true, reversed: 'swap' };

/** "445", "137-139", "microsoft-ds"; undefined when firewalld would refuse it (portProblemOf says why). */
export function parsePortRange(text: string): PortRange | undefined {
  return portRangeIn(text, FIREWALLD_PORTS);
}

/** Why firewalld would refuse a port word; undefined when it is a port or a range. */
export function portProblemOf(text: string): string | undefined {
  return portProblemIn(text, FIREWALLD_PORTS);
}

/** "445/tcp" as firewall-cmd writes ports. */
export function splitPortProto(text: string): { port: string; proto: string } | undefined {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return undefined;
  return { port: text.slice(0, slash), proto: text.slice(slash + 1) };
}
