/** The line break a document already uses, so inserted lines match it (CRLF files stay CRLF). */
export function lineBreakOf(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
