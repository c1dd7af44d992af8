// Stable result fingerprints for SARIF: 64-bit FNV-1a over rule id, file and whitespace-normalised rule text.

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** FNV-1a (64-bit) over the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

/** Collapses runs of whitespace so re-indenting a rule keeps its fingerprint. */
export function normaliseRuleText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Fingerprints for one file's results, in order; identical rules get ":2", ":3"… so each stays unique. */
export function fingerprints(file: string, items: readonly { ruleId: string; ruleText: string }[]): string[] {
  const seen = new Map<string, number>();
  return items.map(({ ruleId, ruleText }) => {
    const hash = fnv1a64(`${ruleId}\u0000${file}\u0000${normaliseRuleText(ruleText)}`);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}
