/**
 * Port keywords and protocol names as IOS and ASA write them. They differ where it matters for SMB: IOS has
 * no TCP keyword for 139 or 445 and names UDP 139 "netbios-ss"; ASA names TCP 139 "netbios-ssn" and its
 * "cifs" literal is port 3020, not 445.
 */
import type { Protocol } from '../../model/rule';
import { protocolOfWord } from '../common/protocol';

export type Platform = 'ios' | 'asa';
/** ASA's "tcp-udp" (object-group service … tcp-udp) is both at once. */
export type PortProtocol = 'tcp' | 'udp' | 'tcp-udp';

const SHARED: Record<string, number> = { discard: 9, echo: 7, domain: 53, sunrpc: 111, tacacs: 49, talk: 517, 'pim-auto-rp': 496 };

const IOS_TCP: Record<string, number> = {
  ...SHARED, bgp: 179, chargen: 19, cmd: 514, daytime: 13, drip: 3949, exec: 512, finger: 79, ftp: 21, 'ftp-data': 20,
  gopher: 70, hostname: 101, ident: 113, irc: 194, klogin: 543, kshell: 544, login: 513, lpd: 515, msrpc: 135,
  nntp: 119, pop2: 109, pop3: 110, smtp: 25, syslog: 514, telnet: 23, time: 37, uucp: 540, whois: 43, www: 80,
};

const IOS_UDP: Record<string, number> = {
  ...SHARED, biff: 512, bootpc: 68, bootps: 67, dnsix: 195, isakmp: 500, 'mobile-ip': 434, nameserver: 42,
  'netbios-dgm': 138, 'netbios-ns': 137, 'netbios-ss': 139, 'non500-isakmp': 4500, ntp: 123, rip: 520, snmp: 161,
  snmptrap: 162, syslog: 514, tftp: 69, time: 37, who: 513, xdmcp: 177,
};

/** Literals ASA accepts for both TCP and UDP (hence for tcp-udp). */
const ASA_BOTH: Record<string, number> = { ...SHARED, cifs: 3020, http: 80, kerberos: 750, nfs: 2049, sip: 5060 };

const ASA_TCP: Record<string, number> = {
  ...ASA_BOTH, aol: 5190, bgp: 179, chargen: 19, 'citrix-ica': 1494, cmd: 514, ctiqbe: 2748, daytime: 13, exec: 512,
  finger: 79, ftp: 21, 'ftp-data': 20, gopher: 70, h323: 1720, hostname: 101, https: 443, ident: 113, imap4: 143,
  irc: 194, klogin: 543, kshell: 544, ldap: 389, ldaps: 636, login: 513, lotusnotes: 1352, lpd: 515,
  'netbios-ssn': 139, nntp: 119, 'pcanywhere-data': 5631, pop2: 109, pop3: 110, pptp: 1723, rsh: 514, rtsp: 554,
  smtp: 25, sqlnet: 1521, ssh: 22, telnet: 23, uucp: 540, whois: 43, www: 80,
};

const ASA_UDP: Record<string, number> = {
  ...ASA_BOTH, biff: 512, bootpc: 68, bootps: 67, dnsix: 195, isakmp: 500, 'mobile-ip': 434, nameserver: 42,
  'netbios-dgm': 138, 'netbios-ns': 137, ntp: 123, 'pcanywhere-status': 5632, radius: 1645, 'radius-acct': 1646,
  rip: 520, 'secureid-udp': 5510, snmp: 161, snmptrap: 162, syslog: 514, tftp: 69, time: 37, who: 513, xdmcp: 177,
};

/** The port a number or keyword stands for on this platform and protocol; undefined when it names none. */
export function portNumber(token: string, platform: Platform, protocol: PortProtocol): number | undefined {
  if (/^\d{1,5}$/.test(token)) {
    const n = Number(token);
    return n <= 65535 ? n : undefined;
  }
  const name = token.toLowerCase();
  if (platform === 'asa') {
    const table = protocol === 'tcp' ? ASA_TCP : protocol === 'udp' ? ASA_UDP : ASA_BOTH;
    return Object.hasOwn(table, name) ? table[name] : undefined;
  }
  const tcp = Object.hasOwn(IOS_TCP, name) ? IOS_TCP[name] : undefined;
  const udp = Object.hasOwn(IOS_UDP, name) ? IOS_UDP[name] : undefined;
  if (protocol === 'tcp') return tcp;
  if (protocol === 'udp') return udp;
  return tcp !== undefined && tcp === udp ? tcp : undefined;
}

/** How a service is written on this platform: a keyword where running-config shows one, else the number. */
export function portText(port: number, platform: Platform, protocol: 'tcp' | 'udp'): string {
  if (platform === 'asa') {
    if (protocol === 'udp' && port === 137) return 'netbios-ns';
    if (protocol === 'udp' && port === 138) return 'netbios-dgm';
    if (protocol === 'tcp' && port === 139) return 'netbios-ssn';
    return String(port);
  }
  if (protocol === 'udp' && port === 137) return 'netbios-ns';
  if (protocol === 'udp' && port === 138) return 'netbios-dgm';
  return String(port);
}

const CISCO_ANY = ['ip', 'ipv6', '0'];

/** IP protocol names; `ip`/`ipv6` match every protocol. Anything else that is a word or number is "other". */
export function protocolOf(token: string): Protocol | 'tcp-udp' | undefined {
  const p = token.toLowerCase();
  if (p === 'tcp-udp') return 'tcp-udp';
  const read = protocolOfWord(p, CISCO_ANY);
  if (read !== 'other') return read;
  if (/^\d{1,3}$/.test(p) && Number(p) <= 255) return 'other';
  return OTHER_PROTOCOLS.has(p) ? 'other' : undefined;
}

const OTHER_PROTOCOLS = new Set([
  'ahp', 'ah', 'eigrp', 'esp', 'gre', 'icmp', 'icmp6', 'igmp', 'igrp', 'ipinip', 'ipsec', 'nos', 'ospf', 'pcp',
  'pim', 'pptp', 'sctp', 'snp', 'hbh', 'igmp', 'l2tp',
]);
