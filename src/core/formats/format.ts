/** What a format plugs into the core: detection, extraction into the rule model, and fix writing. */
import type { RuleModel, AccessRule, RuleList } from '../model/rule';
import type { SmbService, TextEdit } from '../types';
import type { FileRequest, ProjectContext } from '../project/project';
import type { Budget } from '../analysis/budget';

export interface FormatModule {
  id: string;
  displayName: string;
  /** The format's line-comment marker, for suppressions ("#", "!", "//"); undefined where the syntax has
   *  none (plain JSON): no suppression comment is read or offered there. */
  lineComment: string | undefined;
  /** Claims a document by file name and content. Must be cheap: it runs on every opened file. */
  detect(uri: string, text: string): boolean;
  /** Names of documents in this format's language (`.nix`, `.md`): when it does not claim one, no other format
   *  may. A script format that finds one `iptables` line in a NixOS module or a README would read a sliver of
   *  it and report the whole file as scanned. */
  owns?(uri: string): boolean;
  /** Parse and translate into the rule model. Never throws: problems go into the model. The URI may decide
   *  details the text leaves open (rules.v6 is IPv6). When `budget` runs out, extraction stops with what it read
   *  so far (`budget.check('extraction', offset)` records how far). `project`: the files around the document as
   *  the host fetched them (after the rounds of `project.needs`); absent when the host analyses the text alone. */
  extract(text: string, uri: string, budget?: Budget, project?: ProjectContext): RuleModel;
  /** For formats whose values live in other files (Helm values, Terraform variables). */
  project?: ProjectSupport;
  fixes: FixWriter;
  /** Loads what extract needs and cannot import synchronously (a wasm grammar). Hosts await `initFormats`
   *  once before analysing; until then extract reports one parse problem instead of findings. */
  init?(load: AssetLoader): Promise<void>;
}

/** How a format reads other files: it names them, the host fetches them (core/project/prepare.ts), extract reads
 *  them synchronously through `ProjectContext.files`. */
export interface ProjectSupport {
  /** Everything the document's analysis would read, given what `ctx.files` knows so far (a listing names the
   *  files to read next): called in rounds until it names nothing the host has not fetched. Cheap and bounded. */
  needs(uri: string, text: string, ctx: ProjectContext): FileRequest;
  /** Documents whose analysis may read `uri`, as far as `ctx.files` knows, including ones never analysed (the
   *  .tf files beside a changed variables.tf). Hosts add the documents whose last analysis read it. */
  dependents?(uri: string, ctx: ProjectContext): string[];
}

/** Reads a packaged asset by file name (e.g. "tree-sitter-terraform.wasm"): from dist/ in the CLI and the
 *  desktop host, through vscode.workspace.fs in the browser, from node_modules in tests. */
export type AssetLoader = (name: string) => Promise<Uint8Array>;

/** Edits, or edits with a title in the format's own words ("Publish only on 127.0.0.1"); undefined offers no fix.
 *  `usesSources: false` marks a restrict fix that ignores the trusted sources (binding to 127.0.0.1), so it
 *  needs no input even when none are configured. */
export type WriterResult = TextEdit[] | { edits: TextEdit[]; title: string; usesSources?: boolean } | undefined;

/** Writes fixes in a format's own syntax. A method that returns undefined offers no such fix. */
export interface FixWriter {
  /** Replace the rule's source match with these CIDRs (or a placeholder). */
  restrictSource?(text: string, rule: AccessRule, list: RuleList, sources: string[]): WriterResult;
  /** Drop these services from the rule's ports, splitting ranges and lists. */
  removeServices?(text: string, rule: AccessRule, list: RuleList, services: SmbService[]): WriterResult;
  /** Turn the rule into a deny/drop. */
  deny?(text: string, rule: AccessRule, list: RuleList): WriterResult;
  /** Insert a rule denying these services ahead of `rule`. */
  insertDenyBefore?(text: string, rule: AccessRule, list: RuleList, services: SmbService[]): WriterResult;
  /** Delete the rule (an allow-only list's rule that opens only SMB); default: its whole lines, when it has
   *  them to itself (`fixes/remove-rule.ts`). */
  removeRule?(text: string, rule: AccessRule, list: RuleList): WriterResult;
  /** Append a rule denying these services at the end of the list (before its default policy applies). */
  appendDeny?(text: string, list: RuleList, services: SmbService[]): WriterResult;
}

/** Detection reads at most this much of a document: claims are decided by the head, so a huge file costs no more. */
const DETECT_HEAD = 65536;

/** The part of a document `detect` looks at. */
export function headOf(text: string): string {
  return text.length > DETECT_HEAD ? text.slice(0, DETECT_HEAD) : text;
}
