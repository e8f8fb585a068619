// The one order in which the CLI's walk reaches folders and the editor reads the .gitignore files it
// finds: depth first, the entries of a folder in name order (by UTF-16 code units, as git sorts). The
// notices about a tree's .gitignore files come in this order from both.

/** Paths relative to a folder (names are paths of one segment), compared folder by folder: a depth-first walk's order. */
export function compareInWalkOrder(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! < right[i]! ? -1 : 1;
  }
  return left.length - right.length;
}
