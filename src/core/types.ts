/** Public types of the SMB Guard language service. Offsets are UTF-16 code units into the analysed text. */
import type { AdvisoryCatalog } from './advisories/catalog';

/** A stretch of the document: `offset` from the start, `length` code units long. */
export interface Span {
  offset: number;
  length: number;
}

/** Replace the text under `span` with `newText` (an insertion has length 0). */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** What a fix does, so editors can order and label them. */
export type FixKind = 'restrict-source' | 'remove-ports' | 'remove-rule' | 'deny' | 'insert-deny' | 'turn-off' | 'suppress';

/** A fix is plain data: a title and the edits that make it. Rules never apply edits. */
export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
  /** The safest fix of a finding; editors offer it first and "fix all" applies it. */
  isPreferred?: boolean;
  /** Set when the edit holds a placeholder the user still has to fill in. */
  needsInput?: 'trusted-sources' | 'reason';
  /** A suppression of the rule in the whole file (a `smb-guard-ignore-file` comment), not at this rule. */
  scope?: 'file';
}

export type Severity = 'error' | 'warning' | 'info';

/** Stable rule ids: they live in suppression comments, settings, SARIF and documentation URLs. */
export type RuleId =
  | 'smb-internet-exposure'
  | 'smb-broad-private-exposure'
  | 'smb-default-policy-exposure'
  | 'smb-outbound-internet'
  | 'smb-smbv1-enabled'
  | 'smb-parse-error';

export interface RelatedLocation {
  span: Span;
  message: string;
  /** Set when the place is in another file (a Helm chart's values.yaml): `span` is then into that file's text. */
  uri?: string;
}

/** Another file and its text (a Helm values file a related location points into), as a host hands it on. */
export interface Companion {
  uri: string;
  text: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  /** The most telling token: the source address, the port, or the policy. */
  span: Span;
  /** The whole rule (or policy line) the finding is about. */
  ruleSpan: Span;
  related: RelatedLocation[];
  /** Advisory ids from the catalog, most relevant first. */
  advisories: string[];
  fixes: Fix[];
  /** Facts behind the message, for the side panel and JSON output. */
  details: FindingDetails;
}

export interface FindingDetails {
  format: string;
  /** e.g. "TCP 445 (SMB)" */
  services: string[];
  /** e.g. "anywhere", "10.0.0.0/8" */
  source: string;
  /** e.g. "filter/INPUT rule 3" */
  place: string;
  /** e.g. "INPUT policy DROP"; absent where the list has no default. */
  policy?: string;
  ruleText: string;
  /** Where the traffic enters, when an interface or zone scopes it: what it faces and why. */
  ingress?: {
    /** The interface as written in smbGuard.interfaces ("eth1", "br-*"), "zone NAME", or the match as written. */
    interface: string;
    class: 'internet' | 'internal' | 'unknown';
    reason: string;
    /** What `interface` names: an interface (the setting can classify it), a firewalld zone, or an interface
     *  match the file leaves undefined (an unset variable). */
    kind: 'interface' | 'zone' | 'undefined';
  };
}

/** Something the parser could not understand; analysis carries on without it. */
export interface ParseProblem {
  span: Span;
  message: string;
}

/** An SMB service: protocol and port, with the name people know it by. */
export interface SmbService {
  protocol: 'tcp' | 'udp';
  port: number;
  name: string;
}

/** Settings that change what counts as exposure. All optional; defaults in `analysis/options.ts`. */
export interface AnalysisOptions {
  /** Services that count as SMB (default TCP 445, TCP 139, UDP 137, UDP 138). */
  services?: SmbService[];
  /** Private ranges with a prefix shorter than this are "broad" (default 16: wider than a /16). */
  broadPrefixV4?: number;
  /** The same threshold for IPv6 (default 48). */
  broadPrefixV6?: number;
  /** CIDRs that fixes restrict sources to; empty means a placeholder. */
  trustedSources?: string[];
  /** Per-rule severity overrides; 'off' disables the rule. */
  severities?: Partial<Record<RuleId, Severity | 'off'>>;
  /** Stop the analysis after about this many milliseconds (at least 100), reporting what was found until then
   *  (editors stay responsive); unlimited when unset. */
  timeBudgetMs?: number;
  /** The user's word on interfaces: a name or glob (`eth0`, `wg*`, `br-*`) → what it faces. It wins over
   *  evidence in the file and over conventional names. */
  interfaces?: Record<string, 'internet' | 'internal'>;
  /** A public source no wider than this prefix is "public hosts", not "the internet" (default 24 for IPv4). */
  publicHostPrefixV4?: number;
  /** The same for IPv6 (default 56). */
  publicHostPrefixV6?: number;
  /** The advisory catalog findings name advisories from: the built-in one, or it merged with an organisation's
   *  overlay (see advisories/overlay.ts). */
  advisoryCatalog?: AdvisoryCatalog;
}

export interface AnalysisResult {
  /** The format the text was analysed as, or undefined when no format claimed it. */
  format: string | undefined;
  findings: Finding[];
  problems: ParseProblem[];
  /** Set when the time budget ran out: the findings are those found until then. `stage` is the one that was
   *  cut first ('extraction': the text was read only up to `analysedTo`; 'walk': not every rule was walked;
   *  'fixes': later findings carry only the suppression fix). */
  incomplete?: { afterMs: number; stage: 'extraction' | 'walk' | 'fixes'; analysedTo?: number };
  /** The other files the analysis read (with a project): related locations with a `uri` point into them, and
   *  a change to one of them changes this result. */
  reads?: string[];
}
