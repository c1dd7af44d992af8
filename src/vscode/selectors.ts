/** Cheap pre-filters before the core's content detection: which documents and files could hold a supported format.
 *  No reader is imported here: the activation bundle uses these before any is loaded. */
import { compiledGlob } from './glob';

interface FormatHint {
  /** VS Code language ids the format's files usually get. */
  languages: readonly string[];
  /** Base-name globs the format's files usually have. */
  names: readonly string[];
}

/** Per core format id; a unit test checks that every format of the core's registry has its hints. */
export const HINTS: Readonly<Record<string, FormatHint>> = {
  markdown: { languages: ['markdown', 'restructuredtext', 'mdx'], names: ['*.md', '*.markdown', '*.mdx', '*.rst'] },
  'docker-run': {
    languages: ['shellscript', 'makefile', 'yaml', 'github-actions-workflow', 'systemd-unit-file', 'plaintext'],
    names: ['*.sh', '*.bash', '*.zsh', '*.ksh', '*.mk', 'Makefile', 'makefile', 'GNUmakefile', '*.yml', '*.yaml', '*.service'],
  },
  ufw: { languages: ['shellscript', 'plaintext'], names: ['*.sh', '*.bash', 'user.rules', 'user6.rules', '*ufw*'] },
  iptables: { languages: ['iptables', 'shellscript', 'plaintext'], names: ['rules.v4', 'rules.v6', '*.rules', '*.sh', '*.bash', '*iptables*', '*ip6tables*'] },
  nftables: { languages: ['nftables', 'shellscript', 'plaintext'], names: ['*.nft', 'nftables.conf', '*nftables*', '*.sh', '*.bash'] },
  firewalld: { languages: ['xml', 'shellscript'], names: ['*.xml', '*.sh', '*.bash'] },
  pf: { languages: ['pf', 'plaintext'], names: ['pf.conf', 'pf.conf.*', '*.pf'] },
  'windows-firewall': { languages: ['powershell', 'bat', 'plaintext'], names: ['*.ps1', '*.psm1', '*.bat', '*.cmd'] },
  cisco: { languages: ['cisco', 'plaintext'], names: ['*.cfg', '*.ios', '*.asa', '*.acl', '*-confg', 'running-config', 'startup-config'] },
  terraform: { languages: ['terraform', 'hcl', 'json'], names: ['*.tf', '*.tf.json'] },
  cloudformation: { languages: ['yaml', 'json', 'jsonc'], names: ['*.yaml', '*.yml', '*.json', '*.template'] },
  arm: { languages: ['json', 'jsonc'], names: ['*.json', '*.jsonc'] },
  bicep: { languages: ['bicep'], names: ['*.bicep'] },
  helm: { languages: ['yaml', 'helm'], names: ['*.yaml', '*.yml'] },
  kubernetes: { languages: ['yaml'], names: ['*.yaml', '*.yml'] },
  compose: { languages: ['yaml', 'dockercompose'], names: ['*.yaml', '*.yml'] },
  ansible: { languages: ['yaml', 'ansible'], names: ['*.yaml', '*.yml'] },
  nixos: { languages: ['nix'], names: ['*.nix'] },
  vagrant: { languages: ['ruby'], names: ['Vagrantfile'] },
};

/** Schemes whose documents are views of other documents or editor internals, never files to lint. */
const SKIPPED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode-scm', 'debug', 'vscode-settings', 'comment', 'walkThroughSnippet', 'vscode-notebook-cell-output', 'vscode-chat-code-block']);

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function hintsFor(enabled: readonly string[] | undefined): FormatHint[] {
  return Object.entries(HINTS).flatMap(([id, h]) => (!enabled || enabled.includes(id) ? [h] : []));
}

/** True when some enabled format could claim a document with this language and path; the core decides by content. */
export function isCandidate(scheme: string, languageId: string, path: string, enabled?: readonly string[]): boolean {
  if (SKIPPED_SCHEMES.has(scheme)) return false;
  const name = baseName(path);
  return hintsFor(enabled).some((h) => h.languages.includes(languageId) || h.names.some((g) => compiledGlob(g).test(name)));
}

/** One brace glob over the file names of every core format, for findFiles and the file watcher. */
export function workspaceIncludeGlob(): string {
  const names = [...new Set(hintsFor(undefined).flatMap((h) => h.names))];
  return `**/{${names.join(',')}}`;
}

/** Document filters for the providers: every language and file name some core format hints at. */
export function documentSelector(): { language?: string; pattern?: string }[] {
  const languages = [...new Set(hintsFor(undefined).flatMap((h) => h.languages))];
  return [...languages.map((language) => ({ language })), { pattern: workspaceIncludeGlob() }];
}
