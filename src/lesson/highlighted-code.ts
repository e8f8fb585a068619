// The lesson's code examples as lines of highlighted tokens, from the table scripts/highlight-code.mjs
// makes at build time with Shiki. Pure: the webview renders what this returns (webview/code-block.ts).

/** What a token is; media/lesson.css colours each kind (`tok-<kind>`) per VS Code theme. '' is plain text. */
export type TokenKind = '' | 'keyword' | 'string' | 'comment' | 'constant' | 'function';
export type CodeToken = readonly [kind: TokenKind, text: string];
/** Example id → its lines, each a list of tokens, as out/generated/highlighted-code.json holds them. */
export type HighlightedCode = Readonly<Record<string, readonly (readonly CodeToken[])[]>>;

/**
 * The lines of an example as tokens: the highlighted ones when the table has the example and they spell
 * its code exactly, otherwise the code as plain text (a table built from older content must never show
 * code the lesson no longer has).
 */
export function codeLines(example: { readonly id: string; readonly code: string }, table: HighlightedCode): readonly (readonly CodeToken[])[] {
  const lines = Object.hasOwn(table, example.id) ? table[example.id] : undefined;
  if (lines && spell(lines) === example.code) return lines;
  return example.code.split('\n').map((line) => (line === '' ? [] : [['', line] as const]));
}

function spell(lines: readonly (readonly CodeToken[])[]): string {
  return lines.map((line) => line.map(([, text]) => text).join('')).join('\n');
}

/** Whether any token of the lines has a kind: false for code shown as plain text. */
export function isHighlighted(lines: readonly (readonly CodeToken[])[]): boolean {
  return lines.some((line) => line.some(([kind]) => kind !== ''));
}
