/** Messages between the advisory panel and the extension, and the validator every incoming one passes. Pure. */
import { FINDING_KEY_PATTERN } from './finding-key';
import type { PanelDetail, PlainRange } from './panel-model';

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'scanWorkspace' }
  | { type: 'select'; uri: string; findingKey: string }
  | { type: 'applyFix'; uri: string; findingKey: string; fixIndex: number }
  | { type: 'reveal'; uri: string; range: PlainRange };

/** One finding's detail, or none with a sentence saying why. */
export type HostMessage = { type: 'update'; detail: PanelDetail | null; hint: string };

const MAX_URI = 4096;
const MAX_LINE = 10_000_000;
const MAX_FIXES = 64;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

function position(v: unknown): { line: number; character: number } | undefined {
  if (!isRecord(v) || !isIndex(v.line, MAX_LINE) || !isIndex(v.character, MAX_LINE)) return undefined;
  return { line: v.line, character: v.character };
}

function range(v: unknown): PlainRange | undefined {
  if (!isRecord(v)) return undefined;
  const start = position(v.start);
  const end = position(v.end);
  if (!start || !end || end.line < start.line || (end.line === start.line && end.character < start.character)) return undefined;
  return { start, end };
}

/**
 * A typed message, or undefined for anything else: unknown types, wrong shapes, extra-long strings, or a URI the
 * extension has not analysed (the webview must not make us open arbitrary files). Copies only the known fields.
 */
export function parseWebviewMessage(raw: unknown, isKnownUri: (uri: string) => boolean): WebviewMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'scanWorkspace':
      return { type: raw.type };
    case 'select':
    case 'applyFix':
    case 'reveal': {
      const uri = raw.uri;
      if (typeof uri !== 'string' || uri.length > MAX_URI || !isKnownUri(uri)) return undefined;
      if (raw.type === 'reveal') {
        const r = range(raw.range);
        return r && { type: 'reveal', uri, range: r };
      }
      const key = raw.findingKey;
      if (typeof key !== 'string' || !FINDING_KEY_PATTERN.test(key)) return undefined;
      if (raw.type === 'select') return { type: 'select', uri, findingKey: key };
      return isIndex(raw.fixIndex, MAX_FIXES) ? { type: 'applyFix', uri, findingKey: key, fixIndex: raw.fixIndex } : undefined;
    }
    default:
      return undefined;
  }
}
