/** Compose's short port syntax: "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]", IPv6 hosts in brackets. */
import { barePort } from '../../model/ports';
import { portRangeIn, type PortSyntax } from '../common/port-range';

export interface Part {
  text: string;
  /** Offset within the spec string. */
  at: number;
}

export interface PortRangePart extends Part {
  from: number;
  to: number;
}

export interface ShortPort {
  hostIp?: Part;
  /** The host port(s); undefined when Docker picks a random one; 'unknown' for a variable. */
  host?: PortRangePart | 'unknown';
  container?: PortRangePart | 'unknown';
  protocol?: Part;
}

/** Docker's nat.ParsePortRange: numbers and "start-end", no service names; a range high to low is refused
 *  ("invalid range specified"). */
const DOCKER_PORTS: PortSyntax = { tool: 'Docker', separator: '-', names: false, reversed: 'reject' };

/** "445" or "137-139" as a port range, 'unknown' for a variable; undefined when it is not one (a port above
 *  65535, or a range written backwards). */
export function portRange(text: string, at = 0): PortRangePart | 'unknown' | undefined {
  // Most parts are one bare port: read it without the pattern's match array.
  const port = barePort(text);
  if (port !== undefined) return { text, at, from: port, to: port };
  if (text.includes('$')) return 'unknown';
  const range = text.trim() === text ? portRangeIn(text, DOCKER_PORTS) : undefined;
  return range && { text, at, from: range[0], to: range[1] };
}

/** `${…}` interpolations with '_' after their '$', in one pass: `/\$\{[^}]*\}/g` rescans the rest at every '${'. */
function maskInterpolations(spec: string): string {
  let out = '';
  let last = 0;
  for (let i = spec.indexOf('${'); i >= 0; i = spec.indexOf('${', last)) {
    const close = spec.indexOf('}', i + 2);
    if (close < 0) break; // no later '${' is closed either
    out += spec.slice(last, i) + '$' + '_'.repeat(close - i);
    last = close + 1;
  }
  return last ? out + spec.slice(last) : spec;
}

/** Parses one spec; undefined when it is not a port mapping at all. */
export function parseShortPort(spec: string): ShortPort | undefined {
  // Colons and slashes inside ${VAR:-default} are not separators: split a masked copy, slice the original.
  const masked = maskInterpolations(spec);
  let body = masked;
  let protocol: Part | undefined;
  const slash = masked.lastIndexOf('/');
  if (slash >= 0) {
    protocol = { text: spec.slice(slash + 1), at: slash + 1 };
    body = masked.slice(0, slash);
  }
  let hostIp: Part | undefined;
  let rest = body;
  let restAt = 0;
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    if (close < 0 || body[close + 1] !== ':') return undefined;
    hostIp = { text: spec.slice(0, close + 1), at: 0 };
    restAt = close + 2;
    rest = body.slice(restAt);
  }
  // The last two colons of the masked text split it; the original is sliced at the same offsets.
  const last = rest.lastIndexOf(':');
  const prev = last > 0 ? rest.lastIndexOf(':', last - 1) : -1;
  if (prev >= 0 && !hostIp) {
    // "IP:HOST:CONTAINER"; an unbracketed IPv6 address keeps its colons.
    hostIp = { text: spec.slice(restAt, restAt + prev), at: 0 };
  } else if (prev >= 0) return undefined;
  const containerAt = restAt + last + 1;
  const container = portRange(spec.slice(containerAt, restAt + rest.length), containerAt);
  if (!container) return undefined;
  if (last < 0) return { container, protocol };
  const hostAt = restAt + prev + 1;
  const hostText = spec.slice(hostAt, restAt + last);
  // "127.0.0.1::445" publishes a random host port on that address.
  const host = hostText === '' ? undefined : portRange(hostText, hostAt);
  if (hostText !== '' && !host) return undefined;
  return { hostIp, host, container, protocol };
}
