/**
 * Fixes in the script's own syntax: netsh "key=value" words or cmdlet parameters, edited where the value is
 * written (a later Set-NetFirewallRule or a splatted hashtable included). Block rules win over allow rules in
 * Windows Firewall, so an added block rule works wherever it goes; it is placed before the rule it answers.
 */
import { breakBefore, lineBreakOf } from '../../text/eol';
import { removePorts, type PortRange } from '../../model/ports';
import type { AccessRule, RuleList } from '../../model/rule';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter } from '../format';
import type { ListNative, RuleNative } from './extract';
import type { FwRule } from './state';
import type { Stmt } from './tokens';
import { programOf, spanEnd } from './tokens';

const rulesOf = (rule: AccessRule): FwRule[] => (rule.native as RuleNative).rules;
const isNetsh = (stmt: Stmt) => programOf(stmt.head) === 'netsh';
const anchorOf = (r: FwRule) => (r.builtin ? r.touched : r.stmt);
const hasSplat = (stmt: Stmt) => stmt.params.some((p) => p.splat || p.name === '@splat');
const insertAt = (offset: number, newText: string): TextEdit => ({ span: { offset, length: 0 }, newText });
const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}-${b}`);

/** Keeps the case style of the word it replaces: "DISABLE" for "ENABLE", "disable" for "enable". */
function likeCase(original: string, word: string): string {
  if (original === original.toUpperCase()) return word.toUpperCase();
  if (original === original.toLowerCase()) return word.toLowerCase();
  return word;
}

/** Block rules for the services, one line per protocol, in the style of `like`. */
function blockLines(like: Stmt, services: SmbService[], direction: RuleList['direction'], protocol: AccessRule['protocol'], remote?: string, where = ''): string[] {
  const out: string[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    if (protocol !== 'any' && protocol !== proto) continue;
    const ports = [...new Set(services.filter((s) => s.protocol === proto).map((s) => s.port))];
    if (!ports.length) continue;
    const name = `Block ${proto === 'tcp' ? 'SMB' : 'NetBIOS'}${direction === 'out' ? ' out' : ''}`;
    if (isNetsh(like)) {
      const dir = direction === 'out' ? 'out' : 'in';
      const key = direction === 'out' ? 'remoteport' : 'localport';
      const prefix = `${like.head.literal ? like.head.text : 'netsh'} advfirewall firewall`;
      out.push(`${prefix} add rule name="${name}" dir=${dir} action=block protocol=${proto.toUpperCase()} ${key}=${ports.join(',')}${remote ? ` remoteip=${remote}` : ''}${where}`);
    } else {
      const dir = direction === 'out' ? 'Outbound' : 'Inbound';
      const key = direction === 'out' ? '-RemotePort' : '-LocalPort';
      out.push(`New-NetFirewallRule -DisplayName "${name}" -Direction ${dir} -Action Block -Protocol ${proto.toUpperCase()} ${key} ${ports.join(',')}${remote ? ` -RemoteAddress ${remote}` : ''}${where}`);
    }
  }
  return out;
}

/** The remote address list as written, when it is plain enough to copy into a new rule. */
function remoteText(text: string, r: FwRule): string | undefined {
  if (!r.remote || !r.remote.val.literal || r.remote.val.items.every((i) => /^(?:any|\*)$/i.test(i.text))) return undefined;
  const raw = text.slice(r.remote.val.span.offset, spanEnd(r.remote.val.span));
  return /^[\w.:/,\- "'@()]+$/.test(raw) ? raw : undefined;
}

const PS_TYPES: Record<string, string> = { Wired: 'lan', Wireless: 'wireless', RemoteAccess: 'ras' };
const quoted = (v: string) => (/^[\w.-]+$/.test(v) ? v : `"${v.replace(/[`"$]/g, '`$&')}"`);

/**
 * The allow's interfaces (alias or type) as parameters of a new rule; netsh has no interface names. Profiles are
 * not copied: the engine cannot tell that a block limited to the allow's profiles covers it (a profile is not
 * walked), so such a block would not clear the finding (docs/formats/windows-firewall.md).
 */
function scopeText(text: string, r: FwRule, netsh: boolean): string {
  const iface = r.where.in;
  if (!iface) return '';
  if (r.whereIn === 'type') {
    const names = iface.items.map((i) => i.name);
    if (!netsh) return ` -InterfaceType ${names.join(',')}`;
    return names.length === 1 ? ` interfacetype=${PS_TYPES[names[0]]}` : '';
  }
  if (netsh) return '';
  // A variable is copied as written: it holds the same interfaces in the new command.
  if (iface.unknown) return iface.span ? ` -InterfaceAlias ${text.slice(iface.span.offset, spanEnd(iface.span))}` : '';
  return ` -InterfaceAlias ${iface.items.map((i) => quoted(i.name + (i.prefix ? '*' : ''))).join(',')}`;
}

/** A new value list in the style of the one it replaces (`@("a","b")`, quoted, or bare). */
function listLike(raw: string, values: string[]): string {
  const quote = /["']/.exec(raw)?.[0];
  const items = quote ? values.map((v) => `${quote}${v}${quote}`) : values;
  return raw.startsWith('@(') ? `@(${items.join(', ')})` : items.join(',');
}

export const windowsFirewallFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const r = rulesOf(rule)[0];
    const value = sources.join(',');
    if (r.remote) {
      if (!r.remote.val.literal) return undefined;
      const raw = text.slice(r.remote.val.span.offset, spanEnd(r.remote.val.span));
      const netsh = isNetsh(r.remote.stmt);
      return [{ span: r.remote.val.span, newText: netsh ? (raw.startsWith('"') ? `"${value}"` : value) : listLike(raw, sources) }];
    }
    if (r.scopeTok) {
      // Legacy "netsh firewall": its scope keywords, not CIDRs.
      if (!r.scopeTok.literal) return undefined;
      return { edits: [{ span: r.scopeTok.span, newText: likeCase(r.scopeTok.text, 'subnet') }], title: 'Restrict the scope to the local subnet (scope=SUBNET)' };
    }
    const stmt = anchorOf(r);
    if (isNetsh(stmt)) return [insertAt(stmt.end, ` remoteip=${value}`)];
    if (hasSplat(stmt)) return undefined;
    const name = stmt.head.text.toLowerCase();
    if (name === 'enable-netfirewallrule') {
      return [{ span: stmt.head.span, newText: 'Set-NetFirewallRule' }, insertAt(stmt.end, ` -Enabled True -RemoteAddress ${value}`)];
    }
    if (name !== 'new-netfirewallrule' && name !== 'set-netfirewallrule') return undefined;
    return [insertAt(stmt.end, ` -RemoteAddress ${value}`)];
  },

  removeServices(text, rule, list, services) {
    const r = rulesOf(rule)[0];
    if (r.fixedPorts || !r.ports || !r.ports.val.literal || (rule.protocol !== 'tcp' && rule.protocol !== 'udp')) return undefined;
    if (!Array.isArray(rule.ports.ranges)) return undefined;
    const left = removePorts(rule.ports.ranges, services.filter((s) => s.protocol === rule.protocol).map((s) => s.port));
    if (!left.length) return undefined;
    const raw = text.slice(r.ports.val.span.offset, spanEnd(r.ports.val.span));
    const values = left.map(fmt);
    const newText = isNetsh(r.ports.stmt) ? (raw.startsWith('"') ? `"${values.join(',')}"` : values.join(',')) : listLike(raw, values);
    return [{ span: r.ports.val.span, newText }];
  },

  deny(text, rule) {
    const r = rulesOf(rule)[0];
    if (rule.action !== 'allow') return undefined;
    if (r.builtin || r.fixedPorts || r.display.startsWith('legacy:')) return disable(r);
    if (r.actionTok) {
      if (!r.actionTok.literal) return undefined;
      return [{ span: r.actionTok.span, newText: isNetsh(r.stmt) ? likeCase(r.actionTok.text, 'block') : 'Block' }];
    }
    if (isNetsh(r.stmt) || hasSplat(r.stmt)) return undefined;
    return [insertAt(r.stmt.end, ' -Action Block')];
  },

  insertDenyBefore(text, rule, list, services) {
    const r = rulesOf(rule)[0];
    const stmt = anchorOf(r);
    // The block copies the allow's interfaces: it clears this finding without blocking SMB on the interfaces
    // the allow never applied to.
    const lines = blockLines(stmt, services, list.direction, rule.protocol, remoteText(text, r), scopeText(text, r, isNetsh(stmt)));
    if (!lines.length) return undefined;
    const eol = lineBreakOf(text);
    return [insertAt(stmt.lineStart, lines.map((l) => `${stmt.indent}${l}${eol}`).join(''))];
  },

  appendDeny(text, list, services) {
    const ln = list.native as ListNative;
    const w = ln.written;
    if (ln.kind === 'off') {
      if (!w || !w.tok.literal) return undefined;
      const t = w.tok.text;
      const on = t.startsWith('$') ? '$true' : t === '0' ? '1' : /^(?:off|disable)$/i.test(t) ? likeCase(t, t.toLowerCase() === 'off' ? 'on' : 'enable') : 'True';
      return { edits: [{ span: w.tok.span, newText: on }], title: 'Switch the Windows Firewall back on' };
    }
    const like = ln.last ?? w?.stmt;
    if (!like || list.endOffset === undefined) return undefined;
    const eol = lineBreakOf(text);
    const lines = blockLines(like, services, list.direction, 'any');
    const lead = breakBefore(text, list.endOffset);
    const body = lines.map((l) => `${like.indent}${l}${eol}`).join('');
    return { edits: [insertAt(list.endOffset, lead + body)], title: 'Add rules blocking the SMB ports (block rules win over every allow rule)' };
  },
};

/** Built-in and legacy rules have no action to flip: leave them switched off instead. */
function disable(r: FwRule): { edits: TextEdit[]; title: string } | undefined {
  const stmt = r.touched;
  const title = r.builtin ? 'Leave the File and Printer Sharing rules disabled' : 'Disable this firewall exception';
  const f = r.enabledField;
  if (f) {
    const tok = f.val.items[0];
    if (!tok || !tok.literal || !f.val.literal) return undefined;
    const t = tok.text;
    const off = t.startsWith('$') ? '$false' : /^(?:yes|no)$/i.test(t) ? likeCase(t, 'no') : /^(?:enable|disable)$/i.test(t) ? likeCase(t, 'disable') : 'False';
    return { edits: [{ span: tok.span, newText: off }], title };
  }
  if (stmt.head.text.toLowerCase() === 'enable-netfirewallrule' && stmt.head.literal) return { edits: [{ span: stmt.head.span, newText: 'Disable-NetFirewallRule' }], title };
  return undefined;
}
