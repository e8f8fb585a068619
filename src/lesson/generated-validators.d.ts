// Validators compiled from src/lesson/messages.schema.json and schemas/integration-coach.config.schema.json
// by scripts/build.mjs (ajv standalone code), so that the webview validates messages, and the CLI and the
// ESLint plugin a project's configuration file, without eval. Two modules: the hosts of the lint carry
// only the configuration's.
declare module '@generated/validators' {
  import type { ValidateFunction } from 'ajv';
  export const validateToExtension: ValidateFunction;
  export const validateToWebview: ValidateFunction;
}

declare module '@generated/config-validator' {
  import type { ValidateFunction } from 'ajv';
  export const validateConfig: ValidateFunction;
}

// The lesson's code examples as tokens, made by scripts/highlight-code.mjs with Shiki at build time.
declare module '@generated/highlighted-code' {
  import type { HighlightedCode } from '../lesson/highlighted-code';
  const highlightedCode: HighlightedCode;
  export default highlightedCode;
}
