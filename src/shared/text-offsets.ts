// Offsets in a text from (line, character) positions, with line breaks counted as TypeScript counts them
// (\n, \r\n, a lone \r, U+2028, U+2029), so positions from the analysis land where they were made.

/** Where each line starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position, kept within the text. */
export function offsetOf(lineStarts: readonly number[], text: string, position: { line: number; character: number }): number {
  const start = lineStarts[Math.min(position.line, lineStarts.length - 1)] ?? 0;
  return Math.min(text.length, start + position.character);
}
