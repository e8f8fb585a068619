// Loads and validates the lesson content (content/integration-and-apis.json) against its JSON Schema
// (content/lesson.schema.json), then checks what a schema cannot: unique ids and links that resolve.
// Plain Node: no `vscode` import, so the unit tests run it directly.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { lazy } from '../shared/lazy';
import bundledSchema from '../../content/lesson.schema.json';
import {
  LESSON_CONTENT_PATH,
  LESSON_ID,
  LESSON_SCHEMA_PATH,
  REQUIRED_ITEM_IDS,
  SECTION_IDS,
  SECTION_KINDS,
  SECTION_KIND_BY_ID,
  allSectionIds,
  sectionItems,
  type Lesson,
} from './content-types';

export * from './content-types';

export type LessonValidationResult = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };
export type LessonLoadResult = LessonValidationResult;

// ---------------------------------------------------------------------------------------------
// Schema validation

/** Compiled validators by schema text: each distinct schema is compiled once per process, on first use. */
const validators = new Map<string, ValidateFunction>();

/** The compiled validator for a schema, or an error message when the schema itself is broken. */
function compileSchema(schema: object): ValidateFunction | string {
  try {
    return validatorFor(schema);
  } catch (err) {
    return `The lesson schema is not a valid JSON Schema: ${messageOf(err)}`;
  }
}

// ajv loads when content is first validated (the lesson panel opens), not at activation.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require (see shared/lazy.ts)
const ajv2020 = lazy(() => (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default);

function validatorFor(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    // A fresh Ajv per schema: one instance cannot hold two schemas with the same $id.
    const Ajv2020 = ajv2020();
    const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true });
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/** One readable line per ajv error, always starting with the JSON path of the offending value. */
export function formatSchemaError(error: ErrorObject): string {
  const at = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at} must NOT have additional property '${String(params.additionalProperty)}'`;
    case 'required':
      return `${at} must have required property '${String(params.missingProperty)}'`;
    case 'enum':
      return `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    case 'discriminator': {
      const kinds = SECTION_KINDS.map((k) => `'${k}'`).join(', ');
      return params.error === 'tag'
        ? `${at} must have a string property 'kind' (one of ${kinds})`
        : `${at}/kind '${String(params.tagValue)}' is not a section kind (expected one of ${kinds})`;
    }
    case 'pattern':
      if (error.schemaPath.includes('/plainText/')) return `${at} must be plain text, without '<' or '>'`;
      if (error.schemaPath.includes('/id/')) return `${at} must be a kebab-case id, e.g. 'main-idea'`;
      return `${at} ${error.message ?? 'is invalid'}`;
    default:
      return `${at} ${error.message ?? `is invalid (${error.keyword})`}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Checks a schema cannot express (run only on schema-valid content)

/** Every property named `id` in the document, with its JSON path. */
function collectIds(value: unknown, pointer: string, out: { id: string; at: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectIds(item, `${pointer}/${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (key === 'id' && typeof child === 'string') out.push({ id: child, at });
      else collectIds(child, at, out);
    }
  }
}

function semanticErrors(lesson: Lesson): string[] {
  const errors: string[] = [];

  if (lesson.id !== LESSON_ID) errors.push(`/id must be '${LESSON_ID}'`);

  // Ids are unique across the whole document.
  const seen = new Map<string, string>();
  const ids: { id: string; at: string }[] = [];
  collectIds(lesson, '', ids);
  for (const { id, at } of ids) {
    const first = seen.get(id);
    if (first !== undefined) errors.push(`${at} duplicates the id '${id}' already used at ${first}`);
    else seen.set(id, at);
  }

  // The fixed sections exist, with their kinds, and hold the fixed items.
  for (const id of SECTION_IDS) {
    const index = lesson.sections.findIndex((s) => s.id === id);
    const kind = SECTION_KIND_BY_ID[id];
    if (index < 0) {
      errors.push(`/sections is missing the section '${id}' (kind '${kind}')`);
      continue;
    }
    const section = lesson.sections[index];
    if (section.kind !== kind) errors.push(`/sections/${index}/kind must be '${kind}' for the section '${id}', not '${section.kind}'`);
    const required: readonly string[] | undefined = (REQUIRED_ITEM_IDS as Partial<Record<string, readonly string[]>>)[id];
    const itemIds = new Set(sectionItems(section).map((item) => item.id));
    for (const itemId of required ?? []) {
      if (section.kind === kind && !itemIds.has(itemId)) errors.push(`/sections/${index} (${id}) is missing the item '${itemId}'`);
    }
  }

  // Links resolve.
  const targets = allSectionIds(lesson);
  const linkError = (at: string, target: string) =>
    `${at} '${target}' does not name a section, mistake, checklist item or question of the lesson`;
  for (const [ruleId, entry] of Object.entries(lesson.ruleSections)) {
    if (!targets.has(entry.sectionId)) errors.push(linkError(`/ruleSections/${ruleId}/sectionId`, entry.sectionId));
  }

  lesson.sections.forEach((section, s) => {
    const at = `/sections/${s}`;
    switch (section.kind) {
      case 'quiz':
        section.questions.forEach((q, i) => {
          if (!targets.has(q.sectionId)) errors.push(linkError(`${at}/questions/${i}/sectionId`, q.sectionId));
          q.distractors.forEach((d, j) => {
            if (d === q.answer) errors.push(`${at}/questions/${i}/distractors/${j} must differ from the answer`);
          });
        });
        break;
      case 'diagram-paths': {
        const { lanes, stages } = section.diagram;
        const allNodes = new Set(lanes.flatMap((lane) => lane.nodes.map((n) => n.id)));
        lanes.forEach((lane, l) => {
          const laneNodes = new Set(lane.nodes.map((n) => n.id));
          lane.edges.forEach((edge, e) => {
            for (const end of ['from', 'to'] as const) {
              if (!laneNodes.has(edge[end])) {
                errors.push(`${at}/diagram/lanes/${l}/edges/${e}/${end} '${edge[end]}' is not a node of the lane '${lane.id}'`);
              }
            }
          });
        });
        stages.forEach((stage, i) => {
          if (!allNodes.has(stage.nodeId)) errors.push(`${at}/diagram/stages/${i}/nodeId '${stage.nodeId}' is not a node of the diagram`);
          if (stage.number !== i + 1) errors.push(`${at}/diagram/stages/${i}/number must be ${i + 1}`);
        });
        break;
      }
      case 'mental-model':
        section.steps.forEach((step, i) => {
          if (step.number !== i + 1) errors.push(`${at}/steps/${i}/number must be ${i + 1}`);
        });
        break;
      default:
        break;
    }
  });

  return errors;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Validates lesson content: the JSON Schema (by default the one bundled with the code; `loadLesson`
 * passes the one on disk), then unique ids and resolvable links. Never throws on bad content.
 */
export function validateLesson(data: unknown, schema: object = bundledSchema): LessonValidationResult {
  const validate = compileSchema(schema);
  if (typeof validate === 'string') return { ok: false, errors: [validate] };
  if (!validate(data)) {
    return { ok: false, errors: (validate.errors ?? []).map(formatSchemaError) };
  }
  const lesson = data as Lesson;
  const errors = semanticErrors(lesson);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lesson };
}

/**
 * Reads `content/integration-and-apis.json` and `content/lesson.schema.json` under the extension's
 * root and validates the one against the other. A missing or unparsable file is an error, not a throw.
 */
export function loadLesson(extensionRoot: string): LessonLoadResult {
  const schema = readJson(extensionRoot, LESSON_SCHEMA_PATH, 'lesson schema');
  if (!schema.ok) return { ok: false, errors: [schema.error] };
  if (schema.value === null || typeof schema.value !== 'object' || Array.isArray(schema.value)) {
    return { ok: false, errors: [`The lesson schema at ${path.join(extensionRoot, LESSON_SCHEMA_PATH)} is not a JSON object`] };
  }
  const compiled = compileSchema(schema.value);
  if (typeof compiled === 'string') {
    return { ok: false, errors: [compiled.replace('The lesson schema', `The lesson schema at ${path.join(extensionRoot, LESSON_SCHEMA_PATH)}`)] };
  }
  const content = readJson(extensionRoot, LESSON_CONTENT_PATH, 'lesson content');
  if (!content.ok) return { ok: false, errors: [content.error] };
  const result = validateLesson(content.value, schema.value);
  return result.ok ? result : { ok: false, errors: result.errors.map((e) => `${LESSON_CONTENT_PATH}: ${e}`) };
}

function readJson(root: string, relative: string, what: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const file = path.join(root, relative);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, error: `Cannot read the ${what} at ${file}: ${messageOf(err)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `The ${what} at ${file} is not valid JSON: ${messageOf(err)}` };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
