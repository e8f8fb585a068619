// Where the token a TypeScript scanner just read starts and ends. TypeScript 5.3 renamed the methods
// (getTokenPos → getTokenStart, getTextPos → getTokenEnd); the user's TypeScript may be 5.0.
import type ts from 'typescript';

interface OlderScanner {
  getTokenPos(): number;
  getTextPos(): number;
}

export function tokenStartOf(scanner: ts.Scanner): () => number {
  return typeof scanner.getTokenStart === 'function' ? scanner.getTokenStart.bind(scanner) : (scanner as unknown as OlderScanner).getTokenPos.bind(scanner);
}

export function tokenEndOf(scanner: ts.Scanner): () => number {
  return typeof scanner.getTokenEnd === 'function' ? scanner.getTokenEnd.bind(scanner) : (scanner as unknown as OlderScanner).getTextPos.bind(scanner);
}
