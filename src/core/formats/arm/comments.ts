/** ARM templates may carry line comments (//) and block comments, which YAML does not read: they are blanked out to
 *  spaces (line breaks kept) before parsing, so every offset still points into the original text. */

/** Comment ranges [start, end), outside strings; one linear pass. */
function commentRanges(text: string): number[] {
  const out: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34 || d === 10) break;
        else i++;
      }
      i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : text[nl - 1] === '\r' ? nl - 1 : nl;
      out.push(i, end);
      i = end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      out.push(i, end);
      i = end;
    } else i++;
  }
  return out;
}

/** The text with comments replaced by spaces (line breaks inside block comments kept). */
export function blankComments(text: string): string {
  const ranges = commentRanges(text);
  if (!ranges.length) return text;
  let out = '';
  let at = 0;
  for (let k = 0; k < ranges.length; k += 2) {
    out += text.slice(at, ranges[k]) + text.slice(ranges[k], ranges[k + 1]).replace(/[^\r\n]/g, ' ');
    at = ranges[k + 1];
  }
  return out + text.slice(at);
}
