/**
 * Commands that switch SMBv1 on: `Set-SmbServerConfiguration -EnableSMB1Protocol $true`, the optional
 * feature (`Enable-WindowsOptionalFeature`, `dism /enable-feature`) and the server feature
 * (`Install-WindowsFeature FS-SMB1`). Each gives a host setting whose fix is the command that turns it off.
 * `Set-SmbClientConfiguration` has no SMB1 parameter: the client side is the SMB1Protocol-Client feature.
 */
import type { HostSetting } from '../../model/rule';
import type { Span, TextEdit } from '../../types';
import type { Param, Stmt, Tok } from './tokens';
import { param, programOf, spanEnd } from './tokens';
import { boolOf } from './values';

const OPTIONAL_FEATURES = new Set(['smb1protocol', 'smb1protocol-server', 'smb1protocol-client']);
const SERVER_FEATURES = new Set(['fs-smb1', 'fs-smb1-client', 'fs-smb1-server']);

function setting(text: string, stmt: Stmt, span: Span, turnOff: TextEdit[] | undefined): HostSetting {
  return { kind: 'smbv1-enabled', span, ruleSpan: stmt.span, text: text.slice(stmt.span.offset, spanEnd(stmt.span)), turnOff };
}

/** Deletes a token (or a parameter with its value) and the blanks before it on its line. */
function removal(text: string, from: Span, to: Span = from): TextEdit {
  let start = from.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { span: { offset: start, length: spanEnd(to) - start }, newText: '' };
}

function removeParams(text: string, stmt: Stmt, names: string[]): TextEdit[] {
  return stmt.params
    .filter((p: Param) => !p.splat && names.includes(p.name))
    .map((p) => removal(text, p.key.span, p.value ? p.value.span : p.key.span));
}

export function smb1Setting(text: string, stmt: Stmt): HostSetting | undefined {
  const name = stmt.head.text.toLowerCase();
  if (programOf(stmt.head) === 'dism') return dism(text, stmt);
  if (name === 'set-smbserverconfiguration') {
    const v = param(stmt, 'enablesmb1protocol')?.value;
    const tok = v?.items[0];
    if (!v || !tok || boolOf(tok) !== true) return undefined;
    const off = tok.text.startsWith('$') ? '$false' : tok.text === '1' ? '0' : 'False';
    return setting(text, stmt, tok.span, tok.literal && v.literal ? [{ span: tok.span, newText: off }] : undefined);
  }
  const optional = name === 'enable-windowsoptionalfeature';
  const server = name === 'install-windowsfeature' || name === 'add-windowsfeature';
  if (!optional && !server) return undefined;
  const known = optional ? OPTIONAL_FEATURES : SERVER_FEATURES;
  const features = (param(stmt, optional ? 'featurename' : 'name')?.value ?? stmt.positionals[0])?.items ?? [];
  if (!features.some((f) => known.has(f.text.toLowerCase()))) return undefined;
  // Turning off a list that also names other features would remove those too: no automatic fix then.
  if (!features.every((f) => known.has(f.text.toLowerCase())) || !stmt.head.literal) return setting(text, stmt, stmt.head.span, undefined);
  const verb = optional ? 'Disable-WindowsOptionalFeature' : name === 'add-windowsfeature' ? 'Remove-WindowsFeature' : 'Uninstall-WindowsFeature';
  // Parameters the "off" cmdlet does not take.
  const drop = optional ? ['all', 'source', 'limitaccess'] : ['includeallsubfeature', 'source'];
  return setting(text, stmt, stmt.head.span, [{ span: stmt.head.span, newText: verb }, ...removeParams(text, stmt, drop)]);
}

function dism(text: string, stmt: Stmt): HostSetting | undefined {
  const words = stmt.words;
  const enable = words.find((w) => w.text.toLowerCase() === '/enable-feature');
  if (!enable) return undefined;
  const features = words.filter((w) => /^\/featurename:/i.test(w.text)).map((w) => w.text.slice(13).toLowerCase());
  if (!features.some((f) => OPTIONAL_FEATURES.has(f))) return undefined;
  if (!features.every((f) => OPTIONAL_FEATURES.has(f)) || !enable.literal) return setting(text, stmt, enable.span, undefined);
  const drop = words.filter((w: Tok) => /^\/(?:all|limitaccess|source:.*)$/i.test(w.text));
  const off = enable.text === enable.text.toUpperCase() ? '/DISABLE-FEATURE' : enable.text.startsWith('/E') ? '/Disable-Feature' : '/disable-feature';
  return setting(text, stmt, enable.span, [{ span: enable.span, newText: off }, ...drop.map((w) => removal(text, w.span))]);
}
