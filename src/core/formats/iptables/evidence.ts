/**
 * What iptables scripts and save files say about their interfaces, for the engine to weigh (man iptables-extensions):
 * MASQUERADE and SNAT "only valid in the nat table, in the POSTROUTING chain" rewrite the source of what leaves by
 * `-o X`, so X is the uplink; DNAT on `-i X` in PREROUTING forwards ports that arrive from outside on X. A script's
 * `ip route add default … dev X` sends everything not local out of X. A variable named WAN/EXT/LAN/INT says it too.
 */
import type { InterfaceEvidence } from '../../model/rule';
import { interfaceItem, namedEvidence, REASONS } from '../common/interfaces';
import type { Opt, ParsedCommand } from './args';
import type { Word } from '../../text/shell/lexer';

const NAT_OUT: Record<string, string> = { MASQUERADE: REASONS.masquerade, SNAT: REASONS.snat };
const VARIABLE = /^["']?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?["']?$/;

/** The nat chains POSTROUTING jumps to with `-o X`, by name: OpenWrt's fw3 writes
 *  `-A POSTROUTING -o eth0.2 -j zone_wan_postrouting` and the MASQUERADE, without `-o`, in that chain. */
export type NatJumps = Map<string, Opt>;

/** Records the evidence one command gives in `out` (once per interface, class and reason). */
export function interfaceEvidence(text: string, cmd: ParsedCommand, out: InterfaceEvidence[], jumps: NatJumps): void {
  const target = cmd.target?.text ?? '';
  if (cmd.table === 'nat' && (cmd.op === 'append' || cmd.op === 'insert')) {
    const nat = NAT_OUT[target];
    if (nat) named(cmd.outInterface ?? jumps.get(cmd.chain?.text ?? ''), nat, out);
    if (target === 'DNAT') named(cmd.inInterface, REASONS.dnat, out);
    if (cmd.action === 'jump' && cmd.outInterface && jumps.size < 256) jumps.set(target, cmd.outInterface);
  }
  for (const o of [cmd.inInterface, cmd.outInterface]) if (o?.value) variableEvidence(text, o.value, out);
}

/** An interface written as a shell variable (`$WAN_IF`, `"${LAN}"`) whose name says what it faces. */
export function variableEvidence(text: string, v: Word, out: InterfaceEvidence[]): void {
  if (v.unknown || v.literal || !v.text) return;
  const m = VARIABLE.exec(text.slice(v.span.offset, v.span.offset + v.span.length));
  const e = m ? namedEvidence(interfaceItem(v.text, '+', v.span), m[1], `$${m[1]}`) : undefined;
  if (e) add(e, out);
}

function named(o: Opt | undefined, reason: string, out: InterfaceEvidence[]): void {
  const v = o?.value;
  if (!o || !v || o.negated || v.unknown || !v.text) return;
  add({ ...interfaceItem(v.text, '+', v.span), class: 'internet', reason }, out);
}

const IP = /^(?:.*\/)?ip$/;
const ROUTE = /^(?:.*\/)?route$/;

/** `ip [-4] route add|replace|append default [via A] dev X`, `route add default [gw A] dev X`. */
export function routeEvidence(words: Word[], out: InterfaceEvidence[]): void {
  const first = words[0]?.text ?? '';
  let i = 1;
  if (IP.test(first)) {
    while (words[i]?.text.startsWith('-')) i++;
    if (words[i]?.text !== 'route') return;
    i++;
  } else if (!ROUTE.test(first)) return;
  if (!['add', 'replace', 'append', 'change'].includes(words[i]?.text ?? '')) return;
  if (!words.slice(i + 1, i + 3).some((w) => w.text === 'default' || w.text === '0.0.0.0/0')) return;
  for (let k = i + 2; k + 1 < words.length && k < 32; k++) {
    const dev = words[k + 1];
    if (words[k].text === 'dev' && !dev.unknown && dev.text) {
      add({ name: dev.text, class: 'internet', reason: REASONS.defaultRoute, span: dev.span }, out);
      return;
    }
  }
}

function add(e: InterfaceEvidence, out: InterfaceEvidence[]): void {
  if (!out.some((x) => x.name === e.name && x.prefix === e.prefix && x.class === e.class && x.reason === e.reason)) out.push(e);
}
