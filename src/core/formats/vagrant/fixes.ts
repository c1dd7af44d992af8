/** Vagrantfile fixes in Ruby: forward on 127.0.0.1 only (`host_ip:` in the call's own option style), or drop the
 *  forwarded port's line. */
import type { AccessRule } from '../../model/rule';
import { lineStartOf, nextLineStart } from '../../text/lines';
import type { FixWriter, WriterResult } from '../format';
import type { ForwardNative } from './extract';

const LOOPBACK = '127.0.0.1';

function forwardLocally(rule: AccessRule): WriterResult {
  const n = rule.native as ForwardNative;
  const title = `Forward only on ${LOOPBACK} (host_ip)`;
  const ip = n.options.find((o) => o.key === 'host_ip');
  if (ip) return { edits: [{ span: ip.valueSpan, newText: `"${LOOPBACK}"` }], title, usesSources: false };
  const option = n.rocket ? `:host_ip => "${LOOPBACK}"` : `host_ip: "${LOOPBACK}"`;
  return { edits: [{ span: { offset: n.span.offset + n.span.length, length: 0 }, newText: `, ${option}` }], title, usesSources: false };
}

/** Deletes the call's lines when nothing else shares them (a trailing comment goes with it). */
function removeForward(text: string, rule: AccessRule): WriterResult {
  const n = rule.native as ForwardNative;
  const start = lineStartOf(text, n.span.offset);
  const end = n.span.offset + n.span.length;
  const nl = text.indexOf('\n', end);
  const rest = text.slice(end, nl < 0 ? text.length : nl).replace(/\r$/, '');
  if (!/^[ \t]*(?:\)[ \t]*)?(?:#.*)?$/.test(rest)) return undefined;
  return { edits: [{ span: { offset: start, length: nextLineStart(text, end) - start }, newText: '' }], title: 'Remove this forwarded port' };
}

export const vagrantFixes: FixWriter = {
  restrictSource: (_text, rule) => forwardLocally(rule),
  removeServices: (text, rule) => removeForward(text, rule),
  // A forward names one port: removing its SMB port already removes the line, so no second "remove" fix.
  removeRule: () => undefined,
};
