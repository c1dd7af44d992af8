/**
 * What an interface faces: the user's word (smbGuard.interfaces), then what the file says, then conventional
 * names; anything else is unknown. Also the names firewalld gives its zones.
 */
import { compileGlob } from '../text/glob';
import type { InterfaceClass, InterfaceEvidence } from '../model/rule';

/** An interface a walk is done for: a name, or every name that starts with `name` (`br-+`, `"br-*"`). */
export interface Iface {
  name: string;
  prefix?: boolean;
}

export type IfaceClass = InterfaceClass | 'unknown';

export interface Classification {
  class: IfaceClass;
  /** Completes "on eth1, …": "a bridge by its name", "the interface this file masquerades out of". */
  reason: string;
}

/** The reason an unknown interface gets; it says how to classify it. */
export const UNKNOWN_REASON = 'which nothing in this file or in smbGuard.interfaces classifies';

/** `eth0`, `br-+` → "br-*": how the interface is written in messages and settings. */
export function ifaceName(i: Iface): string {
  return i.prefix ? `${i.name}*` : i.name;
}

/** Conventional names, first match wins: what kind of interface, and what it faces. */
const CONVENTIONS: readonly [glob: string, cls: InterfaceClass, reason: string][] = [
  ['lo', 'internal', 'the loopback interface'],
  ['docker0', 'internal', "Docker's bridge by its name"],
  ['virbr*', 'internal', "a libvirt bridge by its name"],
  ['lxcbr*', 'internal', 'an LXC bridge by its name'],
  ['br*', 'internal', 'a bridge by its name'],
  ['cni*', 'internal', 'a container network by its name'],
  ['veth*', 'internal', 'a container link by its name'],
  ['wg*', 'internal', 'a WireGuard VPN by its name'],
  ['tun*', 'internal', 'a VPN tunnel by its name'],
  ['tap*', 'internal', 'a VPN or VM tap by its name'],
  ['tailscale*', 'internal', 'a Tailscale VPN by its name'],
  ['zt*', 'internal', 'a ZeroTier VPN by its name'],
  ['ppp*', 'internet', 'a PPP uplink by its name'],
  ['wan*', 'internet', 'a WAN interface by its name'],
];

/** firewalld zones by name: which face outward and which inward (firewalld.zones(5)). */
const ZONES: Record<string, InterfaceClass> = {
  public: 'internet',
  external: 'internet',
  dmz: 'internet',
  drop: 'internet',
  block: 'internet',
  internal: 'internal',
  home: 'internal',
  work: 'internal',
  trusted: 'internal',
  libvirt: 'internal',
  docker: 'internal',
};

/** The class of a firewalld zone by its name; unknown for a zone the user named. */
export function classifyZone(zone: string): Classification {
  const cls = ZONES[zone.toLowerCase()];
  if (cls) return { class: cls, reason: `the zone ${zone}, which faces ${cls === 'internet' ? 'outward' : 'inward'} by its name` };
  return { class: 'unknown', reason: `the zone ${zone}, which nothing in this file or in smbGuard.interfaces classifies` };
}

/** True when `glob` (gitignore syntax: `*`, `?`, `[…]`; interface names hold no `/`) matches `name`, with the
 *  project's one linear matcher. */
export function globMatches(glob: string, name: string): boolean {
  return compileGlob(glob, 'git').test(name);
}

/** A glob covers an interface: the name itself, or for a wildcard interface every name it stands for (the
 *  glob must end in `*` and match the prefix). */
function globCovers(glob: string, i: Iface): boolean {
  if (!i.prefix) return globMatches(glob, i.name);
  return glob.endsWith('*') && globMatches(glob, i.name);
}

/** Evidence about `e` applies to `i`: the same name, or `e` a prefix of it. */
function evidenceCovers(e: InterfaceEvidence, i: Iface): boolean {
  if (e.prefix) return i.name.startsWith(e.name);
  return !i.prefix && e.name === i.name;
}

/** Classifies interfaces once per analysis. */
export class InterfaceClassifier {
  private readonly cache = new Map<string, Classification>();
  constructor(
    private readonly user: Readonly<Record<string, 'internet' | 'internal'>>,
    private readonly evidence: readonly InterfaceEvidence[] = [],
  ) {}

  classify(i: Iface): Classification {
    const key = ifaceName(i);
    let c = this.cache.get(key);
    if (!c) {
      c = this.decide(i);
      this.cache.set(key, c);
    }
    return c;
  }

  private decide(i: Iface): Classification {
    // The most specific user entry wins: an exact name over a glob, a longer glob over a shorter one.
    let best: [string, 'internet' | 'internal'] | undefined;
    for (const [glob, cls] of Object.entries(this.user)) {
      if ((cls === 'internet' || cls === 'internal') && globCovers(glob, i) && (!best || glob.length > best[0].length)) best = [glob, cls];
    }
    if (best) return { class: best[1], reason: best[0] === i.name ? `${best[1] === 'internet' ? 'internet-facing' : 'internal'} by smbGuard.interfaces` : `${best[1] === 'internet' ? 'internet-facing' : 'internal'} by smbGuard.interfaces (${best[0]})` };
    // Evidence that the interface faces the internet outweighs evidence that it is internal.
    const said = this.evidence.filter((e) => evidenceCovers(e, i));
    const evidence = said.find((e) => e.class === 'internet') ?? said[0];
    if (evidence) return { class: evidence.class, reason: evidence.reason };
    for (const [glob, cls, reason] of CONVENTIONS) if (globCovers(glob, i)) return { class: cls, reason };
    return { class: 'unknown', reason: UNKNOWN_REASON };
  }
}
