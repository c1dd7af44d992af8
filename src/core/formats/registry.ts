/** Every supported format, and detection of a document's format by name and content. */
import type { FormatModule } from './format';
import { iptables } from './iptables/index';

export const formats: readonly FormatModule[] = [iptables];

export type FormatId = (typeof formats)[number]['id'];

/** The first format that claims the document, or undefined. `enabled` limits the candidates. */
export function detectFormat(uri: string, text: string, enabled?: readonly string[]): FormatModule | undefined {
  for (const f of formats) {
    if (enabled && !enabled.includes(f.id)) continue;
    if (f.detect(uri, text)) return f;
  }
  return undefined;
}

export function formatById(id: string): FormatModule | undefined {
  return formats.find((f) => f.id === id);
}
