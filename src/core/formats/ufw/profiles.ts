/** ufw application profiles (/etc/ufw/applications.d) that SMB Guard knows the ports of. */
import type { PortRange } from '../../model/ports';

/** Ports of both protocols together: a profile rule is one rule with protocol "any". Samba and CIFS are
 *  "137,138/udp|139,445/tcp" (Debian's samba package and ufw's ufw-fileserver). The others are common
 *  non-SMB profiles, so rules naming them are known not to touch SMB. */
const PROFILES: Record<string, PortRange[]> = {
  Samba: [[137, 139], [445, 445]],
  CIFS: [[137, 139], [445, 445]],
  OpenSSH: [[22, 22]],
  Apache: [[80, 80]],
  'Apache Secure': [[443, 443]],
  'Apache Full': [[80, 80], [443, 443]],
  'Nginx HTTP': [[80, 80]],
  'Nginx HTTPS': [[443, 443]],
  'Nginx Full': [[80, 80], [443, 443]],
  'Nginx QUIC': [[443, 443]],
  Postfix: [[25, 25]],
  'Postfix SMTPS': [[465, 465]],
  'Postfix Submission': [[587, 587]],
  'Dovecot IMAP': [[143, 143]],
  'Dovecot Secure IMAP': [[993, 993]],
  'Dovecot POP3': [[110, 110]],
  'Dovecot Secure POP3': [[995, 995]],
  WWW: [[80, 80]],
  'WWW Secure': [[443, 443]],
  'WWW Full': [[80, 80], [443, 443]],
  Bind9: [[53, 53]],
  DNS: [[53, 53]],
};

const LOWER = new Map(Object.keys(PROFILES).map((k) => [k.toLowerCase(), k]));

/** A profile by name, ignoring case as ufw does (backend.py find_application_name: the exact name, else the one
 *  profile whose name matches case-insensitively), so "samba" is the Samba profile. No two names here differ
 *  only by case, so the match is never ambiguous. */
export function profileOf(name: string): { name: string; ports: PortRange[] } | undefined {
  const real = Object.hasOwn(PROFILES, name) ? name : LOWER.get(name.toLowerCase());
  return real ? { name: real, ports: PROFILES[real] } : undefined;
}
