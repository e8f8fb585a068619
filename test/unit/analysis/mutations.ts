// Mutations of source text for the fuzz tests: token deletions, truncations, random characters,
// duplicated and swapped slices. Driven by a seeded generator, so a failure reproduces.
import ts from 'typescript';
import { tokenEndOf, tokenStartOf } from '../../../src/analysis/scanner-positions';

export function tokenSpans(text: string): [number, number][] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.JSX, text);
  // These tests also run on TypeScript 5.0 (typescript-range.test.ts), whose scanner names the positions otherwise.
  const tokenStart = tokenStartOf(scanner);
  const tokenEnd = tokenEndOf(scanner);
  const spans: [number, number][] = [];
  while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken) spans.push([tokenStart(), tokenEnd()]);
  return spans;
}

const ALPHABET = ['{', '}', '(', ')', ';', '`', "'", '"', '/*', '*/', '//', '<', '>', '=>', 'while', 'catch', 'retry(', '\u2028', '\uFFFD', '\uD800', '\\', '${', '\n', '@', '#'];

export function mutate(text: string, spans: [number, number][], random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  switch (pick(6)) {
    case 0: { // delete one to three tokens
      const at = pick(spans.length);
      const [start] = spans[at]!;
      const [, end] = spans[Math.min(spans.length - 1, at + pick(3))]!;
      return text.slice(0, start) + text.slice(end);
    }
    case 1: // truncate
      return text.slice(0, pick(text.length));
    case 2: { // insert random characters
      const at = pick(text.length);
      let noise = '';
      for (let i = pick(8) + 1; i > 0; i--) noise += random() < 0.5 ? ALPHABET[pick(ALPHABET.length)] : String.fromCharCode(pick(0x3000));
      return text.slice(0, at) + noise + text.slice(at);
    }
    case 3: { // duplicate a slice
      const start = pick(text.length);
      const end = Math.min(text.length, start + pick(400));
      return text.slice(0, end) + text.slice(start, end) + text.slice(end);
    }
    case 4: { // swap two lines
      const lines = text.split('\n');
      const a = pick(lines.length);
      const b = pick(lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    default: { // delete a random range
      const start = pick(text.length);
      return text.slice(0, start) + text.slice(Math.min(text.length, start + pick(200)));
    }
  }
}
