// The one place that builds a link to a lesson section. The extension registers a URI handler
// for it; the CLI (SARIF helpUri) and the ESLint plugin (meta.docs.url) print it.

/** The extension's id: `<publisher>.<name>` from package.json. */
const EXTENSION_ID = 'integration-coach.integration-coach';

/** `vscode://integration-coach.integration-coach/lesson?section=<sectionId>` */
export function lessonLink(sectionId: string): string {
  return `vscode://${EXTENSION_ID}/lesson?section=${encodeURIComponent(sectionId)}`;
}
