// The rules' pages on the web (docs/rules/<rule-id>.md), made from the rule catalog and the lesson content:
// what a rule flags and why (the lesson's words), the lesson's examples flagged and not flagged, how to
// fix, its options. scripts/rule-docs.mjs writes the files; a test checks that they are what this makes, so
// they never drift. SARIF's `help` is the same page, and ESLint's `meta.docs.url` and SARIF's `helpUri` link it.
import lesson from '../../content/integration-and-apis.json';
import { repository } from '../../package.json';
import { RULE_CATALOG, ruleMeta } from '../analysis/rules/catalog';
import type { RuleId } from '../analysis/types';

/** Where the pages live in the repository. */
export const RULE_DOCS_FOLDER = 'docs/rules';

interface LessonExample {
  verdict: string;
  caption: string;
  language: string;
  rules: string[];
  code: string;
}

interface LessonItem {
  id: string;
  title: string;
  text: string;
  examples?: LessonExample[];
}

/** The repository on the web, from package.json (`git+https://…/x.git` → `https://…/x`). */
function repositoryWeb(): string {
  return repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** A rule's page on the web. */
export function ruleDocsUrl(id: RuleId): string {
  return `${repositoryWeb()}/blob/main/${RULE_DOCS_FOLDER}/${id}.md`;
}

/** The lesson item a rule links to (one of the module's common mistakes). */
function lessonItem(sectionId: string): LessonItem {
  for (const section of lesson.sections as { items?: LessonItem[] }[]) {
    const item = section.items?.find((candidate) => candidate.id === sectionId);
    if (item) return item;
  }
  throw new Error(`No lesson section ${sectionId}`);
}

function catalogEntry(id: RuleId) {
  return RULE_CATALOG.find((entry) => entry.id === id)!;
}

/** The page, in Markdown. */
export function ruleDocMarkdown(id: RuleId): string {
  const meta = ruleMeta(id);
  const item = lessonItem(meta.lessonSection);
  const excerpt = (lesson.ruleSections as Record<string, { excerpt: string[] }>)[id]?.excerpt ?? [];
  const examples = (item.examples ?? []).filter((example) => example.rules.includes(id));
  const lines = [
    `# integration-coach/${id}`,
    '',
    `> ${meta.description}`,
    '',
    '<!-- Made by scripts/rule-docs.mjs from src/analysis/rules/catalog.ts and content/integration-and-apis.json: edit those, not this page. -->',
    '',
    `Default severity: ${meta.defaultSeverity} (in \`configs.recommended\`). Tags: ${meta.tags.join(', ')}.`,
    '',
    '## Why',
    '',
    `From the lesson, *${item.title}*: ${item.text}`,
    '',
    ...excerpt.filter((sentence) => sentence !== item.text).map((sentence) => `- ${sentence}`),
    '',
    ...exampleSection('Flagged', examples.filter((example) => example.verdict === 'bad')),
    ...exampleSection('Not flagged: how to fix', examples.filter((example) => example.verdict === 'good')),
    ...optionsSection(id),
    '## Turning it off',
    '',
    'For one place, with the reason:',
    '',
    '```ts',
    `// integration-coach-disable-next-line ${id} -- why it is safe here`,
    `// eslint-disable-next-line integration-coach/${id} -- the same, in ESLint's words (the CLI and the editor honour it too)`,
    '```',
    '',
    '## Learn more',
    '',
    `The lesson section \`${meta.lessonSection}\` (*${item.title}*): in VS Code, **Integration Coach: Open Lesson**, or the link in the warning's hover.`,
    '',
  ];
  return lines.join('\n');
}

function exampleSection(heading: string, examples: LessonExample[]): string[] {
  if (examples.length === 0) return [];
  return [`## ${heading}`, '', ...examples.flatMap((example) => [example.caption, '', `\`\`\`${example.language}`, example.code, '```', ''])];
}

function optionsSection(id: RuleId): string[] {
  const properties = Object.entries(ruleMeta(id).schema.properties);
  const shared = catalogEntry(id).options.filter((name) => name === 'retryHelpers' || name === 'idempotencyHeaders');
  return [
    '## Options',
    '',
    ...properties.map(([name, schema]) => `- \`${name}\` (${schema.type}): ${schema.description}`),
    ...(shared.length > 0 ? ['', `The CLI takes ${shared.map((name) => `\`--${name === 'retryHelpers' ? 'retry-helper' : 'idempotency-header'}\``).join(' and ')}, the editor \`integrationCoach.${shared[0]}\`${shared.length > 1 ? ` and \`integrationCoach.${shared[1]}\`` : ''}.`] : []),
    '',
  ];
}

/** The page in plain text, for SARIF's `help.text`: the description, why, and where the page is. */
export function ruleDocText(id: RuleId): string {
  const meta = ruleMeta(id);
  const item = lessonItem(meta.lessonSection);
  return `${meta.description} ${item.text} Examples and fixes: ${ruleDocsUrl(id)}`;
}
