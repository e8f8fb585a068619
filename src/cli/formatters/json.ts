// `--format json`: exactly the shape of ESLint's `json` formatter, one entry per scanned file.
import type { EslintResult } from '../report';

export function formatJson(results: EslintResult[]): string {
  return JSON.stringify(results);
}
