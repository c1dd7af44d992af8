/** Port values as Kubernetes writes them: numbers, or names resolved against the file's container ports. */
import type { Node } from 'yaml';
import { portOf } from '../../model/ports';
import type { PortItem } from '../../model/rule';
import { isScalar, str } from '../common/yaml';
import { nodeSpan, portItem } from './rule-build';

/** Container port names charts use for SMB that /etc/services does not list (Samba charts name 445 "smb"). */
const CONVENTIONAL_NAMES: Record<string, number> = { smb: 445 };

/** A port item for a numeric value; for a name, the container port of that name in the file or a well-known
 *  service name; 'unknown' when the name cannot be resolved; undefined when there is no value. */
export function portValue(node: Node | undefined, names: Map<string, number>, end?: Node): PortItem | 'unknown' | undefined {
  const text = str(node);
  if (!node || text === undefined || !isScalar(node)) return undefined;
  const span = nodeSpan(node);
  if (typeof node.value === 'number' || /^\d+$/.test(text)) {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 65535) return 'unknown';
    const last = Number(str(end));
    const to = end && Number.isInteger(last) && last >= n ? last : n;
    return portItem([n, to], to === n ? text : `${text}-${to}`, span);
  }
  const named = names.get(text) ?? portOf(text) ?? CONVENTIONAL_NAMES[text.toLowerCase()];
  return named === undefined ? 'unknown' : portItem([named, named], text, span);
}
