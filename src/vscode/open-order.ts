/** The order the open documents are analysed in when the readers load: those named in `first` (the document that
 *  made them load, the active and visible editors' ones) in that order, then the rest as they came. The first
 *  analysis starts fetching the files around it before the others run, so they overlap its waits. */
export function analysisOrder<T>(docs: readonly T[], keyOf: (doc: T) => string, first: readonly string[]): T[] {
  const rank = (doc: T) => {
    const i = first.indexOf(keyOf(doc));
    return i < 0 ? first.length : i;
  };
  return docs
    .map((doc, i) => ({ doc, i, rank: rank(doc) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.doc);
}
