/** What the PowerShell and batch lexers hand to the command interpreters. */
import type { ParseProblem, Span } from '../../types';

/** One word or list element, after quote removal and variable expansion. */
export interface Tok {
  text: string;
  /** The element as written (a quoted element: its content, without the quotes). */
  span: Span;
  /** Written exactly as `text` at `span` (no escapes, no variable): safe to edit in place. */
  literal: boolean;
  /** Holds a variable or expression whose value is not knowable from the file. */
  unknown: boolean;
}

/** A parameter value: one element or a list (`445,139`, `@("445","139")`, `$ports`). */
export interface Val {
  items: Tok[];
  /** The whole value as written, quotes and `@( )` included: what an edit replaces. */
  span: Span;
  unknown: boolean;
  /** Every element is written in this command (not through a variable): the value can be rewritten. */
  literal: boolean;
}

export interface Param {
  /** Lower-case name without the dash ("remoteaddress"). */
  name: string;
  key: Tok;
  value?: Val;
  /** Came from a splatted hashtable (`@params`): its spans point into the hashtable. */
  splat?: boolean;
}

/** One command: a cmdlet with parameters, or a native program (netsh, dism) with raw words. */
export interface Stmt {
  style: 'ps' | 'batch';
  head: Tok;
  /** Native programs: the raw argument words. */
  words: Tok[];
  /** Cmdlets: named parameters and positional values. */
  params: Param[];
  positionals: Val[];
  span: Span;
  lineStart: number;
  indent: string;
  /** The pipeline element feeding this one (`Get-NetFirewallRule … | Enable-NetFirewallRule`). */
  piped?: Stmt;
  /** Where a parameter can be appended (the end of the last written argument). */
  end: number;
}

export interface Lexed {
  stmts: Stmt[];
  problems: ParseProblem[];
}

export function spanEnd(s: Span): number {
  return s.offset + s.length;
}

export function param(stmt: Stmt, name: string): Param | undefined {
  for (let i = stmt.params.length - 1; i >= 0; i--) if (stmt.params[i].name === name) return stmt.params[i];
  return undefined;
}

/** The program name without path and ".exe", lower-case: "C:\Windows\System32\netsh.exe" → "netsh". */
export function programOf(head: Tok): string {
  const base = head.text.slice(Math.max(head.text.lastIndexOf('\\'), head.text.lastIndexOf('/')) + 1).toLowerCase();
  return base.endsWith('.exe') ? base.slice(0, -4) : base;
}
