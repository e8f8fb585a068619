// A small glob matcher: `*`, `**`, `?`, `[…]` and `{a,b}`, on `/`-separated relative paths.
// Used for the command line's globs and for .gitignore patterns (no new dependency).

/** Whether a string has glob syntax. */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** The regular expression for a glob: the whole path must match. `*` and `?` never match `/`. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          if (glob[i + 2] === '/') {
            source += '(?:[^/]+/)*'; // `**/`: any number of directories, including none
            i += 2;
          } else {
            source += '.*'; // a trailing `**`: everything below
            i += 1;
          }
          continue;
        }
        i += 1; // `a**b` is `a*b`
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        let set = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `(?!/)[${set}]`;
        i = close;
      }
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else if (char === '\\' && i + 1 < glob.length) {
      source += escapeRegExp(glob[++i]!);
    } else {
      source += escapeRegExp(char);
    }
  }
  source += ')'.repeat(braces);
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
