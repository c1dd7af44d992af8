/** Port words of Azure ("*", "445", "135-139") and GCP ("445", "137-139"). */
import type { PortRange } from '../../model/ports';
import { portRangeIn, type PortSyntax } from '../common/port-range';
import type { PortMatch } from '../../model/rule';
import type { Span } from '../../types';
import { ALL_PORTS, fitted, UNKNOWN_PORTS } from './build';
import type { HBlock } from './doc';
import { scalarListAttr, type Scope } from './values';

/** Azure ("135-139", azurerm destination_port_range: "Integer or range between 0 and 65535") and GCP ("137-139")
 *  write numbers and dash ranges, no service names. */
const CLOUD_PORTS: PortSyntax = { tool: 'the provider', separator: '-', names: false, reversed: 'swap' };

export function portWord(word: string): PortRange | undefined {
  return portRangeIn(word, CLOUD_PORTS);
}

/** The ports of one or more port attributes of `b` (lists or single words); `*` means all; missing means all. */
export function portList(b: HBlock, names: readonly string[], scope: Scope): PortMatch {
  let span: Span | undefined;
  const items: PortMatch['items'] = [];
  for (const name of names) {
    const l = scalarListAttr(b, name, scope);
    if (!l) continue;
    span ??= l.site;
    if (l.unknown) return UNKNOWN_PORTS(span);
    for (const i of l.items) {
      if (i.text.trim() === '*') return ALL_PORTS(span);
      const range = portWord(i.text);
      if (!range) return UNKNOWN_PORTS(span);
      items.push({ range, text: i.text, span: i.site });
    }
  }
  if (!span) return ALL_PORTS();
  if (!items.length) return { ranges: [], items, negated: false, span };
  return { ranges: items.map((i) => i.range), items: fitted(items), negated: false, span };
}
