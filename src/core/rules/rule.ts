/** What a rule is: metadata plus a check over one exposure group. Rules read the model, never a format's AST. */
import type { AddressSet } from '../model/cidr';
import type { AccessRule, Direction, HostSetting, RuleList } from '../model/rule';
import type { ResolvedOptions } from '../analysis/options';
import type { Iface } from '../analysis/interfaces';
import type { Ingress } from '../analysis/ingress';
import type { RuleId, Severity, SmbService, Span } from '../types';

/** Everything one rule (or one default policy) admits, across the SMB services. */
export interface ExposureGroup {
  list: RuleList;
  /** Undefined when the default policy is what admits the traffic. */
  rule?: AccessRule;
  entry: RuleList;
  /** The entry list's direction (a user chain has none of its own). */
  direction: Direction;
  services: SmbService[];
  /** Union of the admitted peer addresses over all services. */
  set: AddressSet;
  via: AccessRule[];
  /** The interface the walk was for (null: any interface no rule names). */
  arrival: Iface | null;
  /** That interface or the rule's zone, classified; undefined when nothing scopes the traffic. */
  ingress?: Ingress;
  /** The earlier accept that admits this traffic first: the exposure is latent. */
  latentBy?: AccessRule;
}

export interface RuleMeta {
  id: RuleId;
  severity: Severity;
  /** One line for rule lists, SARIF and the README. */
  title: string;
  fixable: boolean;
}

export interface Report {
  message: string;
  span: Span;
  /** One level below the rule's severity (a few public hosts rather than the internet). */
  lower?: boolean;
}

export interface ExposureRuleDef {
  meta: RuleMeta;
  check(group: ExposureGroup, options: ResolvedOptions): Report | undefined;
}

export function defineRule(def: ExposureRuleDef): ExposureRuleDef {
  return def;
}

/** A rule over a host setting (not over traffic), e.g. SMBv1 switched on. */
export interface SettingRuleDef {
  meta: RuleMeta;
  check(setting: HostSetting): Report | undefined;
}
