/** Offsets and positions agree for every kind of line break, and both ways round. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../../src/core/text/line-index';

/** Line starts worked out the slow, obvious way: after each LF, after each CR not followed by LF. */
function startsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

for (const [name, text] of [
  ['LF', '*filter\n-A INPUT -j DROP\n\nCOMMIT\n'],
  ['CRLF', '*filter\r\n-A INPUT -j DROP\r\n\r\nCOMMIT'],
  ['lone CR and mixed', 'a\rb\r\nc\nd\r'],
  ['no break', 'COMMIT'],
  ['empty', ''],
] as const) {
  test(`line index: ${name}`, () => {
    const index = new LineIndex(text);
    const starts = startsOf(text);
    assert.equal(index.lineCount, starts.length);
    for (let offset = 0; offset <= text.length; offset++) {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      const pos = index.positionAt(offset);
      assert.deepEqual(pos, { line, character: offset - starts[line] }, `offset ${offset}`);
      // Between the CR and the LF of a CRLF is no place in the line: it comes back as the line's end.
      const insideCrlf = text[offset - 1] === '\r' && text[offset] === '\n';
      assert.equal(index.offsetAt(pos), insideCrlf ? offset - 1 : offset, `offset ${offset} back`);
    }
    starts.forEach((s, line) => assert.equal(index.lineStart(line), s));
  });
}
