/** Every id the extension declares (commands, view, settings section, docs links), each in one place. */

export const EXTENSION_SECTION = 'smbGuard';
export const DIAGNOSTIC_SOURCE = 'SMB Guard';

export const Commands = {
  scanWorkspace: 'smbGuard.scanWorkspace',
  showAdvisory: 'smbGuard.showAdvisory',
  fixAll: 'smbGuard.fixAll',
  openPanel: 'smbGuard.openPanel',
  /** Owned by the activation bundle (src/vscode/main.ts): works before any reader is loaded. */
  showOutput: 'smbGuard.showOutput',
  /** Internal: asks for a reason, then applies a suppression fix. Not in the command palette. */
  applyFixWithInput: 'smbGuard.applyFixWithInput',
  /** Internal: writes smbGuard.interfaces for an interface a finding could not classify (a quick fix). */
  classifyInterface: 'smbGuard.classifyInterface',
  /** The findings tree's item actions and title menu (src/vscode/findings-tree.ts). */
  applyPreferredFix: 'smbGuard.applyPreferredFix',
  suppressFinding: 'smbGuard.suppressFinding',
  filterSeverity: 'smbGuard.filterSeverity',
  revealFinding: 'smbGuard.revealFinding',
} as const;

export const VIEW_CONTAINER_ID = 'smbGuard';
export const ADVISORY_VIEW_ID = 'smbGuard.advisories';
export const OUTPUT_CHANNEL_NAME = 'SMB Guard';
export const FINDINGS_VIEW_ID = 'smbGuard.findings';
/** Context key: the active editor holds an SMB Guard finding (the palette's `when` for editor-only commands). */
export const EDITOR_HAS_FINDINGS = 'smbGuard.editorHasFindings';
/** Appended to `source.fixAll`, so `editor.codeActionsOnSave` can name it. */
export const FIX_ALL_KIND_SUFFIX = 'smbGuard';

/** Rule ids link to their documentation page. */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/smb-guard/smb-guard/blob/main/docs/rules/${ruleId}.md`;
}
