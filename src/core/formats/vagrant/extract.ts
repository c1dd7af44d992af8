/**
 * Vagrantfile forwarded ports: `config.vm.network "forwarded_port", guest: 445, host: 4445` (or `:forwarded_port`,
 * `:guest => 445`, `protocol: "udp"`, `host_ip: "127.0.0.1"`). Vagrant binds a forwarded port on every host
 * address unless `host_ip` says otherwise (developer.hashicorp.com/vagrant/docs/networking/forwarded_ports): the
 * guest's SMB is then reachable from the network, from any source. The rule's port is the host port (what the
 * network reaches); it is reported when the guest port is SMB, or the host port is.
 * Only the call's own line (and lines continued after a trailing comma) is read: Ruby beyond that is not.
 */
import type { AddressMatch, RuleList, RuleModel } from '../../model/rule';
import type { Span } from '../../types';
import { addressMatch, allowList, ANY_SOURCE, portItem, portMatch, pushRule } from '../kubernetes/rule-build';

/** One `key: value` or `:key => value` option of the call. */
export interface CallOption {
  key: string;
  /** The whole option (`host_ip: "127.0.0.1"`), and its value as written. */
  span: Span;
  value: string;
  valueSpan: Span;
}

export interface ForwardNative {
  /** The call from `config` (or the block variable) to the last option. */
  span: Span;
  options: CallOption[];
  /** The option style of the file: `key: v` or `:key => v`. */
  rocket: boolean;
}

/** `<var>.vm.network` then the network kind as a string or a symbol. Line-anchored: one match per line. */
const CALL = /^[ \t]*([A-Za-z_]\w*)\.vm\.network[ \t]*(?:\([ \t]*)?(?:"forwarded_port"|'forwarded_port'|:forwarded_port)[ \t]*,/;
/** `key: value` or `:key => value` (or `"key" => value`); values are numbers, strings, symbols, booleans. */
const OPTION = /(?::(\w+)[ \t]*=>|["'](\w+)["'][ \t]*=>|(\w+):(?!:))[ \t]*("[^"\n]*"|'[^'\n]*'|:\w+|-?\d+|true|false|nil|[A-Za-z_][\w.]*)/y;
/** A call continues on the next line after a trailing comma; at most this many lines. */
const MAX_LINES = 8;
/** The rest of a line (blanks, a comment) and its break. */
const LINE_END = /^[ \t]*(?:#[^\n]*)?\r?\n/;
const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

const unquote = (v: string) => (/^["'].*["']$/.test(v) ? v.slice(1, -1) : v);

/** The options of the call from `at` on: comma-separated, over lines ending in a comma. */
function readOptions(text: string, at: number): { options: CallOption[]; end: number } {
  const options: CallOption[] = [];
  let i = at;
  let end = at;
  let lines = 0;
  for (;;) {
    // After the call's comma or an option's, the call may go on at the next line.
    for (let nl = LINE_END.exec(text.slice(i, i + 4096)); nl && lines < MAX_LINES; nl = LINE_END.exec(text.slice(i, i + 4096))) {
      lines++;
      i += nl[0].length;
    }
    while (text[i] === ' ' || text[i] === '\t') i++;
    OPTION.lastIndex = i;
    const m = OPTION.exec(text);
    if (!m) break;
    const value = m[4];
    const valueAt = i + m[0].length - value.length;
    options.push({ key: m[1] ?? m[2] ?? m[3], span: { offset: i, length: m[0].length }, value: unquote(value), valueSpan: { offset: valueAt, length: value.length } });
    i += m[0].length;
    end = i;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] !== ',') break;
    i++;
  }
  return { options, end };
}

function hostMatch(hostIp: CallOption | undefined): AddressMatch {
  if (!hostIp) return ANY_SOURCE;
  const loop = LOOPBACK.test(hostIp.value);
  const unknown = !/^[\d.:a-fA-F]+$/.test(hostIp.value) && !loop;
  return addressMatch([{ text: hostIp.value, span: hostIp.valueSpan, value: loop ? { kind: 'loopback' } : unknown ? { kind: 'unknown' } : { kind: 'any' } }], hostIp.valueSpan);
}

const SMB_GUEST = new Set([139, 445, 137, 138]);

export function extractVagrant(text: string): RuleModel {
  const list: RuleList = {
    ...allowList('vagrant/host', 'Vagrant host'),
    note: 'A forwarded port without host_ip listens on every address of the host running Vagrant.',
  };
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const m = CALL.exec(text.slice(pos, lineEnd));
    if (m) {
      const start = pos + m[0].length - m[0].trimStart().length;
      const { options, end } = readOptions(text, pos + m[0].length);
      const get = (k: string) => options.find((o) => o.key === k);
      const guest = Number(get('guest')?.value);
      const host = get('host');
      const hostPort = Number(host?.value);
      if (host && Number.isInteger(hostPort) && hostPort > 0 && hostPort <= 65535 && Number.isInteger(guest)) {
        const proto = get('protocol');
        const protocol = proto?.value.toLowerCase() === 'udp' ? 'udp' : 'tcp';
        // The network reaches the host port; it is SMB when the guest serves SMB behind it.
        const reported = SMB_GUEST.has(guest) ? guest : hostPort;
        const span = { offset: start, length: end - start };
        const native: ForwardNative = { span, options, rocket: text.slice(start, end).includes('=>') };
        pushRule(list, {
            label: `forwarded port ${hostPort} → guest ${guest}`,
            protocol,
            protocolSpan: proto?.valueSpan,
            ports: portMatch([portItem([reported, reported], host.value, host.valueSpan)]),
            sources: hostMatch(get('host_ip')),
            span,
            actionSpan: { offset: start, length: m[0].trim().length },
            text: text.slice(start, end),
            native,
        });
      }
      pos = Math.max(end, lineEnd) + 1;
      continue;
    }
    pos = lineEnd + 1;
  }
  return { lists: list.rules.length ? [list] : [], problems: [] };
}
