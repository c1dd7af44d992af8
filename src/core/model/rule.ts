/** The normalised access-rule model every format is translated into. Every field keeps its source span. */
import type { ParseProblem, RelatedLocation, Span, TextEdit } from '../types';
import type { AddressSet } from './cidr';
import type { PortRange } from './ports';

export type Direction = 'in' | 'out' | 'forward';
export type Action = 'allow' | 'deny' | 'jump' | 'return' | 'log';
export type Protocol = 'tcp' | 'udp' | 'any' | 'other';
export type Families = 'ipv4' | 'ipv6' | 'both';

/** What an address token means, before set math. */
export type AddressValue =
  | { kind: 'cidr'; cidr: string }
  | { kind: 'range'; range: string }
  | { kind: 'any' }
  /** Every public address (Azure's and Windows' "Internet" tag). */
  | { kind: 'internet' }
  /** All private space (e.g. Azure VirtualNetwork). */
  | { kind: 'private' }
  /** The host's own subnet (Windows LocalSubnet): narrow and private. */
  | { kind: 'local-subnet' }
  | { kind: 'loopback' }
  /** A name or variable whose value is not knowable from the file. */
  | { kind: 'unknown' };

export interface AddressItem {
  text: string;
  span: Span;
  value: AddressValue;
}

/** A source or destination match. No items means "any"; `negated` inverts the union of the items. */
export interface AddressMatch {
  items: AddressItem[];
  negated: boolean;
  /** The whole match (e.g. `-s 10.0.0.0/8` or `ip saddr { … }`), for edits that replace it. */
  span?: Span;
  /** The union of the items' addresses, before negation, when the format worked it out while reading (the
   *  iptables-save reader does, from the digits): the engine then does not parse the items' text again. */
  readonly set?: AddressSet;
}

export interface PortItem {
  range: PortRange;
  text: string;
  span: Span;
}

/** Destination ports. `ranges` undefined = every port; 'unknown' = a name or variable we cannot resolve. */
export interface PortMatch {
  ranges: PortRange[] | undefined | 'unknown';
  items: PortItem[];
  negated: boolean;
  span?: Span;
}

/** One interface name in a rule, after variables, defines and macros are resolved. */
export interface InterfaceItem {
  /** The name, without its wildcard: "eth0", "br-" for iptables `br-+` or nft `"br-*"`. */
  name: string;
  /** A trailing wildcard (iptables `+`, nft/firewalld `*`): every name that starts with `name`. */
  prefix?: boolean;
  span: Span;
}

/** Interfaces a rule (or a whole list) is bound to. Absent means every interface. */
export interface InterfaceMatch {
  items: InterfaceItem[];
  /** `! -i eth0`, `iifname != "eth0"`: every interface except the items. */
  negated: boolean;
  /** The whole match (`-i br0`, `iifname { "a", "b" }`, `on $lan_if`), for messages and copied denies. */
  span?: Span;
  /** The file names an interface it does not define (an unset variable, a set it cannot read): matches some
   *  interfaces, nobody knows which. Such a rule is a condition the engine cannot evaluate. */
  unknown?: boolean;
}

/** Where a rule applies beyond addresses and ports: where traffic enters and leaves, and host-side scopes. */
export interface RuleScope {
  /** Interfaces packets arrive on: iptables `-i`, nft `iif`/`iifname`, pf `pass in on`, an ACL applied `in` on
   *  a Cisco interface, the interfaces bound to a firewalld zone. */
  in?: InterfaceMatch;
  /** Interfaces packets leave by: iptables `-o`, nft `oif`/`oifname`, pf `pass out on`. */
  out?: InterfaceMatch;
  /** A firewalld zone (its name decides its class when no interface or source is bound to it). */
  zone?: { name: string; span?: Span };
  /** Windows Firewall profiles the rule is limited to (lower case: domain, private, public); absent = all. */
  profiles?: { names: string[]; span: Span };
  /** Windows `-Program` / `program=`: only that program's traffic matches. */
  program?: { path: string; span: Span };
  /** Windows `-Service` / `service=`: only that service's traffic matches. */
  service?: { name: string; span: Span };
}

/** Where a file itself says what an interface faces, with the reason in words that follow "on eth1, ":
 *  "the interface this file masquerades out of", "marked `ip nat outside`", "nameif outside, security-level 0". */
export interface InterfaceEvidence {
  name: string;
  /** `name` is a prefix (an evidence line written with a wildcard). */
  prefix?: boolean;
  class: InterfaceClass;
  reason: string;
  /** Where the file says it. */
  span?: Span;
}

/** What an interface faces. Anything with no evidence, setting or conventional name is unknown. */
export type InterfaceClass = 'internet' | 'internal';

export interface AccessRule {
  /** 0-based position in its list's evaluation order. */
  index: number;
  /** How people name the place: "rule 3", "priority 100", "rule_no 110". */
  label: string;
  action: Action;
  /** The list a jump goes to. */
  target?: string;
  protocol: Protocol;
  ports: PortMatch;
  sources: AddressMatch;
  destinations: AddressMatch;
  /** Other match conditions SMB Guard cannot evaluate (mark, rate, time): the rule may not always match.
   *  Interfaces, zones, profiles and programs are not conditions: they go into `scope`. */
  conditional: boolean;
  /** Where the rule applies (interfaces, zone, profile, program); absent = everywhere. */
  scope?: RuleScope;
  /** The conditions behind `conditional`, as the file writes them (`--sport 25`, `-m mark --mark 1`), so a
   *  message can name what decides whether the rule matches. */
  conditions?: string[];
  /** Matches only packets of existing connections (ct state established/related): admits no new session. */
  establishedOnly: boolean;
  /** The whole rule, its action token, and its protocol token. */
  span: Span;
  actionSpan: Span;
  protocolSpan?: Span;
  text: string;
  /** Anything the format's fix writer needs later (parsed tokens, command prefix). */
  native?: unknown;
  /** Places elsewhere that decide the rule (a Helm value in values.yaml), added to its findings' related. */
  related?: RelatedLocation[];
}

/** An ordered list of rules: an iptables chain, an ACL, a security group. */
export interface RuleList {
  /** Unique within the document, e.g. "filter/INPUT". */
  id: string;
  /** The name people see, e.g. "INPUT". */
  name: string;
  direction: Direction;
  families: Families;
  /** Entry point (INPUT, an applied ACL) rather than a list reached only by jumps. */
  entry: boolean;
  /** What happens to packets no rule decides; undefined for lists that return to their caller. */
  policy?: 'allow' | 'deny';
  policySpan?: Span;
  /** The policy written as the tool writes it, e.g. "policy DROP". */
  policyText?: string;
  rules: AccessRule[];
  /** Allows do not shadow one another: a security group or published ports (only allows, order means
   *  nothing), or Windows Firewall (blocks first, then every allow on its own). Two allows opening the same
   *  port are both reported; denies still shadow what follows them. */
  independentAllows?: boolean;
  /** A sentence about this list that findings in it append, in the format's own terms (e.g. that Docker's
   *  published ports bypass the host firewall). */
  note?: string;
  /** Where a rule can be appended at the end of the list (for "deny at the end" fixes). */
  endOffset?: number;
  /** Where the whole list applies (a Cisco ACL applied `in` on an interface, a firewalld zone with its
   *  interfaces); every rule's own scope narrows it further. */
  scope?: RuleScope;
  /** A list a full configuration defines but applies nowhere (a Cisco ACL with no access-group): its allows
   *  are latent, reported at information level. */
  unapplied?: boolean;
  native?: unknown;
}

/** A host setting that weakens SMB whatever the rules say (SMBv1 switched on). */
export interface HostSetting {
  kind: 'smbv1-enabled';
  /** The token that switches it on (e.g. `$true`), and the whole command. */
  span: Span;
  ruleSpan: Span;
  text: string;
  /** The edit that switches it off, in the format's own syntax. */
  turnOff?: TextEdit[];
}

/** What a format extracts from a document. */
export interface RuleModel {
  lists: RuleList[];
  problems: ParseProblem[];
  /** The deepest nesting of jumps the firewall itself accepts (nftables: 16, the kernel's jump stack); undefined
   *  where it sets none (iptables). The engine never follows a jump past it, and reports the jump it stops at. */
  maxJumpDepth?: number;
  settings?: HostSetting[];
  /** What the file says about its interfaces (masquerade/SNAT out of one, `ip nat outside`, a public address,
   *  a define named WAN); the engine weighs it after the user's settings and before conventional names. */
  interfaces?: InterfaceEvidence[];
  /** Overrides the format's line comment for this document: null where the document has no comment syntax
   *  (a `.tf.json` or CloudFormation JSON file, while the format's other files do). */
  lineComment?: string | null;
  /** Every marker a suppression comment may start with in this document (batch files: `REM` and `::`);
   *  default: the line comment alone. */
  commentMarkers?: readonly string[];
  /** Closes a comment opened by `lineComment` (XML's `-->`), so a written suppression stays well-formed. */
  commentClose?: string;
  /** Where the block holding `offset` starts (a runbook's code fence), if any: a suppression comment on the
   *  line above it covers every rule of the block. */
  blockStart?: (offset: number) => number | undefined;
}
