// Text from the user's files (paths, code quoted in messages) goes to a terminal: its control characters
// (C0 with ESC, DEL, C1) are shown escaped, so that no file can move the cursor, recolour or retitle the
// terminal, or hide a line.

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// eslint-disable-next-line no-control-regex -- these characters are what this function is for
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
