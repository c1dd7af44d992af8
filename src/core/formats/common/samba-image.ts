/** Containers whose ports are not written but known from their image: a Samba server's daemons bind smbd's
 *  TCP 139/445 and nmbd's UDP 137/138. Shared by Compose, `docker run` and Kubernetes (host networking). */
import type { RuleList } from '../../model/rule';
import type { Span } from '../../types';
import { ANY_SOURCE, portItem, portMatch, pushRule } from '../kubernetes/rule-build';

/** Published ports are DNATed by Docker's own rules before the host firewall's input rules see them. */
export const PUBLISHED_NOTE = 'Docker publishes the port on the host and its own iptables rules bypass ufw and firewalld.';
/** Host networking has no DNAT: the daemons bind the host's addresses and its firewall applies. */
export const HOST_NETWORK_NOTE = "With host networking the container's daemons bind every host address; the host firewall applies.";

/** An image that is obviously a Samba server (e.g. dperson/samba, servercontainers/samba): "samba" in the name's
 *  last path segment, before the tag. Read by hand: one pattern with two runs around "samba" is quadratic. */
export function isSambaImage(image: string): boolean {
  if (/\s/.test(image)) return false;
  const colon = image.indexOf(':');
  const name = colon < 0 ? image : image.slice(0, colon);
  return /samba/i.test(name.slice(name.lastIndexOf('/') + 1));
}

/** The ports a Samba image's daemons listen on, as one rule at `span` (for host networking or every exposed port
 *  published). One rule, so one finding names all four: "any" over 137-139 and 445 is exact for the SMB services
 *  (as firewalld's samba service is read), only a watched UDP 445 or TCP 137/138 would be over-reported. */
export function pushSambaPorts(list: RuleList, label: string, span: Span, text: string, native: unknown): void {
  pushRule(list, {
    label: `${label} (Samba: TCP 139/445, UDP 137/138)`,
    protocol: 'any',
    ports: portMatch([portItem([137, 139], '137-139', span), portItem([445, 445], '445', span)]),
    sources: ANY_SOURCE,
    span,
    text,
    native,
  });
}
