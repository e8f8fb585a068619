// Tokenizes every code example of the lesson content with Shiki, at build time, into
// out/generated/highlighted-code.json, which the webview bundle imports. Shiki and its grammars stay on
// the build machine: the webview gets plain data (a token kind and its text), never markup or a highlighter.
//   node scripts/highlight-code.mjs        writes the file (scripts/build.mjs calls highlightLessonCode)
import { createCssVariablesTheme, createHighlighter } from 'shiki';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const HIGHLIGHTED_CODE_FILE = path.join('out', 'generated', 'highlighted-code.json');
const CONTENT_FILE = path.join('content', 'integration-and-apis.json');

// Shiki's CSS-variables theme colours each token with a variable named after its kind
// (`var(--shiki-token-keyword)`); the kind, not a colour, is what the webview needs, so that media/lesson.css
// colours it per VS Code theme. Kinds not listed here (the foreground, punctuation, parameters) are plain text.
const THEME = createCssVariablesTheme({ name: 'token-kinds', variablePrefix: '--shiki-' });
const KIND_BY_VARIABLE = {
  'token-keyword': 'keyword',
  'token-string': 'string',
  'token-string-expression': 'string',
  'token-comment': 'comment',
  'token-constant': 'constant',
  'token-function': 'function',
  'token-link': 'string',
};

function kindOf(color) {
  const variable = /^var\(--shiki-([a-z-]+)\)$/.exec(color ?? '')?.[1];
  return (variable && KIND_BY_VARIABLE[variable]) ?? '';
}

/** Every code example of the lesson, wherever a section holds one. */
function codeExamples(lesson) {
  return lesson.sections.flatMap((section) => (section.items ?? []).flatMap((item) => item.examples ?? []));
}

/** One line as [kind, text] pairs, neighbours of the same kind merged ('' is plain text). */
function lineTokens(tokens) {
  const merged = [];
  for (const token of tokens) {
    const kind = kindOf(token.color);
    const last = merged.at(-1);
    if (last && last[0] === kind) last[1] += token.content;
    else merged.push([kind, token.content]);
  }
  return merged;
}

/** Example id → lines of [kind, text]; each line's texts join to exactly that line of the example. */
export async function highlightLessonCode(projectRoot = root) {
  const lesson = JSON.parse(readFileSync(path.join(projectRoot, CONTENT_FILE), 'utf8'));
  const examples = codeExamples(lesson);
  const highlighter = await createHighlighter({ themes: [THEME], langs: [...new Set(examples.map((example) => example.language))] });
  const highlighted = {};
  try {
    for (const example of examples) {
      // No time limit per line: under load Shiki would otherwise stop a line early and leave the rest unhighlighted.
      const { tokens } = highlighter.codeToTokens(example.code, { lang: example.language, theme: THEME.name, tokenizeTimeLimit: 0 });
      const lines = tokens.map(lineTokens);
      const text = lines.map((line) => line.map(([, part]) => part).join('')).join('\n');
      if (text !== example.code) throw new Error(`the tokens of ${example.id} do not spell its code`);
      highlighted[example.id] = lines;
    }
  } finally {
    highlighter.dispose();
  }
  const file = path.join(projectRoot, HIGHLIGHTED_CODE_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(highlighted));
  return highlighted;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const highlighted = await highlightLessonCode();
  console.log(`${Object.keys(highlighted).length} code examples highlighted into ${HIGHLIGHTED_CODE_FILE}`);
}
