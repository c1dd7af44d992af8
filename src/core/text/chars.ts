/** Character tests by UTF-16 code, for readers that scan text without cutting it into strings first. */

/** `0`–`9`. */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** Every character is `0`–`9` (true for the empty string: callers check the length). */
export function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}
