/** Port words of Azure ("*", "445", "135-139") and GCP ("445", "137-139"). */
import type { PortRange } from '../../model/ports';
import type { PortMatch } from '../../model/rule';
import type { Span } from '../../types';
import { ALL_PORTS, UNKNOWN_PORTS } from './build';
import type { HVal } from './doc';
import { scalarList, type Scope } from './values';

const RANGE = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/;

export function portWord(word: string): PortRange | undefined {
  const m = RANGE.exec(word);
  if (!m) return undefined;
  const a = Number(m[1]);
  const z = m[2] === undefined ? a : Number(m[2]);
  return a <= 65535 && z <= 65535 ? [Math.min(a, z), Math.max(a, z)] : undefined;
}

/** The ports of one or more port attributes (lists or single words); `*` means all; missing means all. */
export function portList(values: (HVal | undefined)[], scope: Scope): PortMatch {
  const present = values.filter((v): v is HVal => v !== undefined);
  if (!present.length) return ALL_PORTS();
  const span: Span = present[0].span;
  const items: PortMatch['items'] = [];
  for (const v of present) {
    const l = scalarList(v, scope);
    if (!l || l.unknown) return UNKNOWN_PORTS(span);
    for (const i of l.items) {
      if (i.text.trim() === '*') return ALL_PORTS(span);
      const range = portWord(i.text);
      if (!range) return UNKNOWN_PORTS(span);
      items.push({ range, text: i.text, span: i.site });
    }
  }
  if (!items.length) return { ranges: [], items, negated: false, span };
  return { ranges: items.map((i) => i.range), items, negated: false, span };
}
