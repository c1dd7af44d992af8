/** A finding's key within one version of a file: rule id and span, so the panel and commands can name it in JSON. */
import type { Finding } from '../core/index';

export const FINDING_KEY_PATTERN = /^[a-z0-9-]{1,64}:\d{1,10}:\d{1,10}$/;

export function findingKey(f: Pick<Finding, 'ruleId' | 'span'>): string {
  return `${f.ruleId}:${f.span.offset}:${f.span.length}`;
}
