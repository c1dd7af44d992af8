/** What a format plugs into the core: detection, extraction into the rule model, and fix writing. */
import type { RuleModel, AccessRule, RuleList } from '../model/rule';
import type { SmbService, TextEdit } from '../types';

export interface FormatModule {
  id: string;
  displayName: string;
  /** The format's line-comment marker, for suppressions ("#", "!", "//"). */
  lineComment: string;
  /** Claims a document by file name and content. Must be cheap: it runs on every opened file. */
  detect(uri: string, text: string): boolean;
  /** Parse and translate into the rule model. Never throws: problems go into the model. The URI may decide
   *  details the text leaves open (rules.v6 is IPv6). */
  extract(text: string, uri: string): RuleModel;
  fixes: FixWriter;
}

/** Writes fixes in a format's own syntax. A method that returns undefined offers no such fix. */
export interface FixWriter {
  /** Replace the rule's source match with these CIDRs (or a placeholder). */
  restrictSource?(text: string, rule: AccessRule, list: RuleList, sources: string[]): TextEdit[] | undefined;
  /** Drop these services from the rule's ports, splitting ranges and lists. */
  removeServices?(text: string, rule: AccessRule, list: RuleList, services: SmbService[]): TextEdit[] | undefined;
  /** Turn the rule into a deny/drop. */
  deny?(text: string, rule: AccessRule, list: RuleList): TextEdit[] | undefined;
  /** Insert a rule denying these services ahead of `rule`. */
  insertDenyBefore?(text: string, rule: AccessRule, list: RuleList, services: SmbService[]): TextEdit[] | undefined;
  /** Append a rule denying these services at the end of the list (before its default policy applies). */
  appendDeny?(text: string, list: RuleList, services: SmbService[]): TextEdit[] | undefined;
}
