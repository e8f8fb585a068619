// The one place that builds a link to a lesson section, and reads one back. The extension registers a
// URI handler for it, and the Node API exports it; outside the editor the rules link their pages on the
// web instead (src/docs/rule-docs.ts: ESLint's meta.docs.url, SARIF's helpUri).
import messagesSchema from './lesson/messages.schema.json';

/** The extension's id: `<publisher>.<name>` from package.json. */
const EXTENSION_ID = 'integration-coach.integration-coach';

/** `vscode://integration-coach.integration-coach/lesson?section=<sectionId>` */
export function lessonLink(sectionId: string): string {
  return `vscode://${EXTENSION_ID}/lesson?section=${encodeURIComponent(sectionId)}`;
}

/** Whether a text has the shape of an id in the messages schema (kebab-case, bounded), as the webview's `reveal` demands. */
export function isSectionIdShape(text: string): boolean {
  // Read here, not at load, so that the CLI and the ESLint plugin, which only build links, leave the schema out.
  const { pattern, maxLength } = messagesSchema.$defs.id;
  return text.length <= maxLength && new RegExp(pattern).test(text);
}

/**
 * What a `…/lesson?section=<id>` link, from anyone who can open a URI, asks for: the lesson (at a section
 * when the id has a section id's shape) or nothing, and a warning to log, with the link's text quoted.
 */
export type LessonLinkRequest =
  | { readonly open: true; readonly sectionId?: string; readonly warning?: string }
  | { readonly open: false; readonly warning: string };

/** Reads a lesson link from its decoded path and query. */
export function readLessonLink(path: string, query: string): LessonLinkRequest {
  if (path !== '/lesson') return { open: false, warning: `Ignoring a link to an unknown path: ${quoteForLog(path)}` };
  const sectionId = new URLSearchParams(query).get('section') ?? undefined;
  if (sectionId === undefined || isSectionIdShape(sectionId)) return { open: true, sectionId };
  return {
    open: true,
    warning: `Ignoring the section in a lesson link, which is not a kebab-case section id: ${quoteForLog(sectionId)}; opening the top of the lesson`,
  };
}

/** How much of an outside text a log line quotes. */
const MAX_QUOTED_LENGTH = 100;
/**
 * Characters JSON.stringify leaves as they are but a log should not: DEL and the C1 controls, format
 * characters (the bidirectional controls that reorder text, zero-width ones) and the line and paragraph
 * separators, which some viewers break lines at.
 */
const UNSAFE_IN_JSON = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const escapeCodeUnits = (char: string) => char.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** Quotes an outside text for a log line: on one line, every control character escaped, cut to a bounded length. */
export function quoteForLog(text: string): string {
  const shown = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  return JSON.stringify(shown).replace(UNSAFE_IN_JSON, escapeCodeUnits);
}
