/** Filling the placeholders the core writes where a fix needs the user's input. Pure, so unit tests run it
 *  without VS Code. */
import { parseCidr, REASON_PLACEHOLDER, TRUSTED_PLACEHOLDER, type Fix, type TextEdit } from '../core/index';

/** The reason as one line, so it cannot end the comment or start a new rule. */
export function cleanReason(reason: string): string {
  return reason.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The core writes REASON_PLACEHOLDER into suppression edits; this puts the user's reason in its place. */
export function fillReason(edits: readonly TextEdit[], reason: string): TextEdit[] {
  return fill(edits, REASON_PLACEHOLDER, cleanReason(reason));
}

/** "Restrict the source" without smbGuard.trustedSources: the network the user entered replaces the core's
 *  TRUSTED_SMB_SOURCES, which would otherwise break the file. */
export function fillTrustedSource(edits: readonly TextEdit[], network: string): TextEdit[] {
  return fill(edits, TRUSTED_PLACEHOLDER, network.trim());
}

function fill(edits: readonly TextEdit[], placeholder: string, value: string): TextEdit[] {
  return edits.map((e) => ({ span: e.span, newText: e.newText.split(placeholder).join(value) }));
}

/** A fix's title as the editor offers it (Ctrl+. menu and detail panel alike): without smbGuard.trustedSources
 *  "Restrict the source" asks for the network instead of writing the core's placeholder. */
export function editorFixTitle(fix: Pick<Fix, 'title' | 'needsInput'>): string {
  return fix.needsInput === 'trusted-sources' ? 'Restrict the source to a network you enter…' : fix.title;
}

/** Why `value` is not a network, or undefined when it is one (an address or CIDR, IPv4 or IPv6). */
export function networkProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the network allowed to reach SMB, for example 10.20.0.0/24.';
  if (/[\s,]/.test(v)) return 'One network at a time: an address or a CIDR such as 10.20.0.0/24.';
  return parseCidr(v) ? undefined : `"${v}" is not an IPv4 or IPv6 address or CIDR.`;
}
