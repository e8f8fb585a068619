// Validators compiled from src/lesson/messages.schema.json by scripts/build.mjs (ajv standalone code),
// so the webview can validate messages without eval.
declare module '@generated/validators' {
  import type { ValidateFunction } from 'ajv';
  export const validateToExtension: ValidateFunction;
  export const validateToWebview: ValidateFunction;
}
