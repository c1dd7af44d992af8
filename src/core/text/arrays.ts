/** `target.push(...items)` without the spread: a call's arguments go on the stack, so a list of a few hundred
 *  thousand items (a set's elements, a word's character map) overflows it and the whole file is lost. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
}
