/** The firewall as the script leaves it: rules by name, the built-in File and Printer Sharing rules, profiles. */
import type { Protocol, RuleScope } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import type { Stmt, Tok, Val } from './tokens';
import { compileGlob } from '../../text/glob';

/** Where a rule property is written (a parameter value, or a netsh value), for fixes that rewrite it. */
export interface Field {
  val: Val;
  stmt: Stmt;
}

export interface FwRule {
  /** The name as written, for labels. */
  title: string;
  /** Display name (netsh name=, -DisplayName), the -Name id, and the -Group, lower-case. */
  display: string;
  id?: string;
  group?: string;
  dir: 'in' | 'out';
  action: 'allow' | 'deny';
  /** netsh action=bypass / -OverrideBlockRules: wins over block rules, for IPsec-authenticated peers. */
  bypass: boolean;
  protocol: Protocol;
  protocolTok?: Tok;
  /** Local ports inbound, remote ports outbound (the SMB server's side). */
  ports?: Field;
  remote?: Field;
  local?: Field;
  enabled: boolean;
  /** A condition the engine cannot evaluate (authentication, users, an unknowable value): the rule may not apply. */
  conditional: boolean;
  /** Those conditions as written (`-Authentication Required`), for messages. */
  conditions: string[];
  /** Profiles, interfaces, program and service the rule is limited to. */
  where: RuleScope;
  /** What `where.in` holds: interface aliases, or interface types (Wired, Wireless, RemoteAccess). */
  whereIn?: 'alias' | 'type';
  actionTok?: Tok;
  enabledField?: Field;
  /** The command that created the rule, and the last one that changed it. */
  stmt: Stmt;
  touched: Stmt;
  builtin?: Builtin;
  /** Ports a rule has without writing them (built-in and legacy service rules). */
  fixedPorts?: [number, number][];
  /** The remote scope when no address is written: built-ins, legacy `scope=ALL|SUBNET` (with its token). */
  scope?: 'any' | 'local-subnet' | 'unknown';
  scopeTok?: Tok;
}

/** One built-in inbound rule of the "File and Printer Sharing" group. */
export interface Builtin {
  id: string;
  display: string;
  protocol: 'tcp' | 'udp';
  port: number;
  /** Domain profile: no remote restriction; Private/Public: LocalSubnet (see docs/formats/windows-firewall.md). */
  scope: 'any' | 'local-subnet';
}

const FPS: [string, string, 'tcp' | 'udp', number][] = [
  ['FPS-SMB-In-TCP', 'File and Printer Sharing (SMB-In)', 'tcp', 445],
  ['FPS-NB_Session-In-TCP', 'File and Printer Sharing (NB-Session-In)', 'tcp', 139],
  ['FPS-NB_Name-In-UDP', 'File and Printer Sharing (NB-Name-In)', 'udp', 137],
  ['FPS-NB_Datagram-In-UDP', 'File and Printer Sharing (NB-Datagram-In)', 'udp', 138],
];
export const FPS_GROUP = 'file and printer sharing';
/**
 * Every name a script may select the group by, lower-case: its language-independent Group property (the
 * FirewallAPI.dll string resource), and its DisplayGroup as localised Windows shows it. Each localised name is
 * one found in public scripts (`-DisplayGroup "…"`, `netsh … set rule group="…"`) or Microsoft's localised docs.
 */
const FPS_GROUP_NAMES = [
  FPS_GROUP,
  '@firewallapi.dll,-28502',
  'datei- und druckerfreigabe', // German
  "partage de fichiers et d'imprimantes", // French
  'compartir archivos e impresoras', // Spanish
  'condivisione file e stampanti', // Italian
  'compartilhamento de arquivos e impressoras', // Portuguese (Brazil)
  'partilha de ficheiros e impressoras', // Portuguese (Portugal)
  'bestands- en printerdeling', // Dutch
  'udostępnianie plików i drukarek', // Polish
  'общий доступ к файлам и принтерам', // Russian
  'ファイルとプリンターの共有', // Japanese
  '文件和打印机共享', // Chinese (Simplified)
  '檔案及印表機共用', // Chinese (Traditional)
  '파일 및 프린터 공유', // Korean
  'fil- och skrivardelning', // Swedish
  'sdílení souborů a tiskáren', // Czech
  'dosya ve yazıcı paylaşımı', // Turkish
];

export const BUILTINS: Builtin[] = FPS.flatMap(([id, display, protocol, port]) => [
  { id: `${id}-NoScope`, display, protocol, port, scope: 'any' as const },
  { id, display, protocol, port, scope: 'local-subnet' as const },
]);

export type ProfileName = 'domain' | 'private' | 'public';
export const PROFILES: ProfileName[] = ['domain', 'private', 'public'];

/** A written setting: the command and the token that says it (`off`, `False`, `Allow`). */
export interface Written {
  stmt: Stmt;
  tok: Tok;
  /** The profiles that command named, for the message. */
  profiles: ProfileName[];
}

export interface ProfileState {
  off?: Written;
  allowInbound?: Written;
}

export type Selector = { by: 'name' | 'display' | 'group'; pattern: string };

/** A `*` wildcard over lower-cased names, by the core's linear glob matcher (never a RegExp built from the file). */
function matcher(pattern: string): (s: string | undefined) => boolean {
  const p = pattern.toLowerCase();
  if (!p.includes('*')) return (s) => s === p;
  const glob = compileGlob(p, 'wildcard');
  return (s) => s !== undefined && glob.test(s);
}

export class Firewall {
  readonly rules: FwRule[] = [];
  readonly profiles: Record<ProfileName, ProfileState> = { domain: {}, private: {}, public: {} };
  readonly problems: ParseProblem[] = [];
  /** The end of the last firewall command: where an appended block rule goes. */
  lastEnd = 0;
  lastStmt?: Stmt;

  note(stmt: Stmt, end: number): void {
    if (end >= this.lastEnd) {
      this.lastEnd = end;
      this.lastStmt = stmt;
    }
  }

  problem(span: Span, message: string): void {
    this.problems.push({ span, message });
  }

  /** Rules a selector names, the built-in ones included (created, disabled, on first mention). */
  select(sel: Selector, touching: Stmt): FwRule[] {
    const match = matcher(sel.pattern);
    const out = this.rules.filter((r) => match(sel.by === 'name' ? r.id : sel.by === 'display' ? r.display : r.group));
    for (const b of BUILTINS) {
      const hit = sel.by === 'name' ? match(b.id.toLowerCase()) : sel.by === 'display' ? match(b.display.toLowerCase()) : FPS_GROUP_NAMES.some(match);
      if (!hit || out.some((r) => r.builtin === b)) continue;
      let rule = this.rules.find((r) => r.builtin === b);
      if (!rule) {
        const fixedPorts: [number, number][] = [[b.port, b.port]];
        // The built-in copies differ by profile: Domain without a remote restriction, Private and Public LocalSubnet.
        const profiles = { names: b.scope === 'any' ? ['domain'] : ['private', 'public'], span: touching.head.span };
        rule = { title: b.display, display: b.display.toLowerCase(), id: b.id.toLowerCase(), group: FPS_GROUP, dir: 'in', action: 'allow', bypass: false, protocol: b.protocol, enabled: false, conditional: false, conditions: [], where: { profiles }, stmt: touching, touched: touching, builtin: b, fixedPorts, scope: b.scope };
        this.rules.push(rule);
      }
      out.push(rule);
    }
    return out;
  }

  /** One pass whatever the count: removing a wildcard's thousands of rules one by one is quadratic. */
  remove(rules: FwRule[]): void {
    const gone = new Set(rules);
    let kept = 0;
    for (const r of this.rules) if (!gone.has(r)) this.rules[kept++] = r;
    this.rules.length = kept;
  }

  setOff(profiles: ProfileName[], w: Written | undefined): void {
    for (const p of profiles) this.profiles[p].off = w;
  }

  setInbound(profiles: ProfileName[], w: Written | undefined): void {
    for (const p of profiles) this.profiles[p].allowInbound = w;
  }
}

/** Profile names as netsh and the cmdlets write them; "any"/"all" is every profile. */
export function profilesOf(items: string[]): ProfileName[] | undefined {
  const out = new Set<ProfileName>();
  for (const raw of items) {
    const t = raw.trim().toLowerCase().replace(/profiles?$/, '');
    // The file cannot say which profile is current: it counts as every one.
    if (t === 'all' || t === 'any' || t === '' || t === 'current') PROFILES.forEach((p) => out.add(p));
    else if (t === 'domain' || t === 'private' || t === 'public') out.add(t);
    else if (t === 'standard') out.add('private').add('public');
    else return undefined;
  }
  return [...out];
}
