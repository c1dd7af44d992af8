/** Port words of Azure ("*", "445", "135-139") and GCP ("445", "137-139"). */
import type { PortRange } from '../../model/ports';
import type { PortMatch } from '../../model/rule';
import type { Span } from '../../types';
import { ALL_PORTS, fitted, UNKNOWN_PORTS } from './build';
import type { HBlock } from './doc';
import { scalarListAttr, type Scope } from './values';

const RANGE = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/;

export function portWord(word: string): PortRange | undefined {
  const m = RANGE.exec(word);
  if (!m) return undefined;
  const a = Number(m[1]);
  const z = m[2] === undefined ? a : Number(m[2]);
  return a <= 65535 && z <= 65535 ? [Math.min(a, z), Math.max(a, z)] : undefined;
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
