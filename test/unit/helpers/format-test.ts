/** Small helpers the per-format unit tests share. */
import { DEFAULT_SMB_SERVICES, type SmbService, type Span, type TextEdit } from '../../../src/core/index';

/** The default SMB services, as fix writers receive them. */
export const SMB: SmbService[] = DEFAULT_SMB_SERVICES.map((s) => ({ ...s }));

/** The text under a span. */
export const at = (text: string, s: Span): string => text.slice(s.offset, s.offset + s.length);

/** The edits of a fix writer's result, whether it returned edits or edits with a title. */
export const edits = (r: unknown): TextEdit[] => (Array.isArray(r) ? r : (r as { edits: TextEdit[] }).edits);
