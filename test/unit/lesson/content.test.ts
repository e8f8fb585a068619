import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CHECKLIST_ITEM_IDS,
  LESSON_CONTENT_PATH,
  LESSON_SCHEMA_PATH,
  MISTAKE_IDS,
  QUESTION_IDS,
  RULE_IDS,
  SECTION_IDS,
  allSectionIds,
  formatCounter,
  getSection,
  loadLesson,
  sectionContaining,
  sectionTitle,
  validateLesson,
  type Lesson,
} from '../../../src/lesson/content';
import { rawLesson, readRepoJson, repoRoot } from './helpers';

/** Validates and fails the test with the errors when the content is invalid. */
function valid(data: unknown): Lesson {
  const result = validateLesson(data);
  if (!result.ok) assert.fail(`expected valid content, got:\n${result.errors.join('\n')}`);
  return result.lesson;
}

function errorsOf(data: unknown): string[] {
  const result = validateLesson(data);
  assert.equal(result.ok, false, 'expected the content to be rejected');
  return result.ok ? [] : result.errors;
}

function assertSomeError(errors: string[], ...parts: string[]): void {
  assert.ok(
    errors.some((e) => parts.every((p) => e.includes(p))),
    `expected an error mentioning ${parts.map((p) => JSON.stringify(p)).join(' and ')}, got:\n${errors.join('\n')}`,
  );
}

/** Index of a section in the raw JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON
function indexOf(raw: any, id: string): number {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON
  const index = (raw.sections as any[]).findIndex((s) => s.id === id);
  assert.ok(index >= 0, `no section ${id}`);
  return index;
}

describe('lesson content', () => {
  const lesson = valid(rawLesson());

  describe('the real content', () => {
    it('validates against the schema and the extra checks', () => {
      assert.equal(lesson.id, 'integration-and-apis');
      assert.equal(lesson.schemaVersion, 1);
    });

    it('has the 19 sections, with the fixed ids, in the module order', () => {
      assert.deepEqual(
        lesson.sections.map((s) => s.id),
        [
          'module-header', 'module-navigation', 'progress', 'why-this-matters', 'learning-outcomes', 'before-you-begin',
          'common-misconceptions', 'main-idea', 'worked-example-retry-storm', 'common-mistakes', 'verification-checklist',
          'reflection-prompt', 'mental-model', 'assumptions', 'failure-modes', 'key-terms', 'check-yourself',
          'artefact-and-reflection', 'optional-practice',
        ],
      );
      assert.deepEqual(lesson.sections.map((s) => s.id), SECTION_IDS);
    });

    it('uses every id once', () => {
      const ids: string[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          for (const [k, c] of Object.entries(v)) {
            if (k === 'id' && typeof c === 'string') ids.push(c);
            else walk(c);
          }
        }
      };
      walk(rawLesson());
      assert.equal(new Set(ids).size, ids.length, `duplicates: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
      assert.ok(ids.length > 19 + 3 + 4 + 7);
    });

    it('has the header, navigation (this module only) and progress', () => {
      const header = getSection(lesson, 'module-header');
      assert.deepEqual([header.eyebrow, header.title, header.tagline], ['Applied · Module 2', 'Integration and APIs', 'Systems talk in two main ways.']);
      const nav = getSection(lesson, 'module-navigation');
      assert.deepEqual(nav.module, { label: 'This module', title: 'Integration and APIs', summary: 'Systems talk in two main ways.' });
      assert.equal(getSection(lesson, 'progress').text, 'Mark this module complete when you can explain it without rereading every paragraph.');
      assert.deepEqual(getSection(lesson, 'why-this-matters').paragraphs, ['Service A calls Service B synchronously.']);
    });

    it('has the lists: 4 learning outcomes, 2 prerequisites, 2 misconceptions, 2 assumptions, 2 failure modes', () => {
      const text = (id: 'learning-outcomes' | 'before-you-begin' | 'common-misconceptions' | 'assumptions' | 'failure-modes') =>
        getSection(lesson, id).items.map((i) => (i.lead ? `${i.lead}. ${i.text}` : i.text));
      assert.equal(getSection(lesson, 'learning-outcomes').title, 'What you will be able to do');
      assert.equal(getSection(lesson, 'learning-outcomes').ordered, true);
      assert.deepEqual(text('learning-outcomes'), [
        'Explain integration and apis in your own words and apply it to a realistic scenario.',
        'Integration is where systems fail. Make contracts and signals explicit.',
        'Check the assumption "Contracts are versioned" and explain what changes if it is false.',
        'Check the assumption "Failures are observable" and explain what changes if it is false.',
      ]);
      assert.deepEqual(text('before-you-begin'), ['Foundations-level vocabulary and concepts', 'Confidence with basic diagrams and section terminology']);
      const failures = [
        'Distributed monolith. Tight coupling across services keeps the complexity and loses the benefits.',
        'Breaking changes. Unversioned change breaks systems silently.',
      ];
      assert.equal(getSection(lesson, 'common-misconceptions').title, 'Common ways people get this wrong');
      assert.deepEqual(text('common-misconceptions'), failures);
      assert.deepEqual(text('failure-modes'), failures);
      assert.deepEqual(text('assumptions'), [
        'Contracts are versioned. Versioning is how you change safely without breaking consumers.',
        'Failures are observable. If failures are invisible, incident cost rises and trust falls.',
      ]);
    });

    it('has the main idea as diagram data: a synchronous chain and asynchronous messaging, stage 1 on the client', () => {
      const main = getSection(lesson, 'main-idea');
      assert.equal(main.title, 'Main idea at a glance');
      assert.equal(main.diagram.title, 'Integration paths');
      assert.equal(main.diagram.caption, 'Synchronous calls and event messaging solve different risks.');
      const [sync, async] = main.diagram.lanes;
      assert.equal(sync.mode, 'sync');
      assert.deepEqual(sync.nodes.map((n) => n.role), ['client', 'service', 'service']);
      assert.ok(sync.edges.every((e) => e.style === 'blocking'));
      assert.equal(async.mode, 'async');
      assert.deepEqual(async.nodes.map((n) => n.role), ['client', 'queue', 'consumer']);
      assert.ok(async.edges.every((e) => e.style === 'message'));
      assert.deepEqual(main.diagram.stages, [
        { number: 1, nodeId: sync.nodes[0].id, title: 'Client', text: 'Waits for the entire chain to complete before proceeding.' },
      ]);
      assert.equal(main.aside.text, 'I think synchronous from the client perspective feels simple but creates brittle systems.');
      assert.deepEqual(main.paragraphs, [
        'Systems talk in two main ways. A synchronous call feels simple but creates tight coupling. An asynchronous message decouples systems but adds coordination work.',
        'Contracts matter. A contract must be versioned so older clients keep working.',
      ]);
    });

    it('has the worked example, reflection prompt, artefact and optional practice verbatim', () => {
      const worked = getSection(lesson, 'worked-example-retry-storm');
      assert.equal(worked.title, 'Worked example. A retry storm you accidentally built');
      assert.deepEqual(worked.paragraphs, [
        'Service A calls Service B synchronously. B gets slow. A times out and retries. Now A generates more traffic precisely when B is weakest. The system collapses under “helpful” retries.',
      ]);
      assert.deepEqual(getSection(lesson, 'reflection-prompt').paragraphs, [
        'Where would you rather pay complexity: in synchronous coupling today, or in asynchronous coordination over time.',
      ]);
      const artefact = getSection(lesson, 'artefact-and-reflection');
      assert.deepEqual(artefact.artefact, { label: 'Artefact', text: 'A one-page decision note with assumption, evidence, and chosen action' });
      assert.deepEqual(artefact.reflection, {
        label: 'Reflection',
        text: 'Where in your work would explain integration and apis in your own words and apply it to a realistic scenario. change a decision, and what evidence would make you trust that change?',
      });
      assert.equal(getSection(lesson, 'optional-practice').text, 'Compare synchronous calls with asynchronous messages and see the trade offs.');
    });

    it('has the 3 mistakes with their ids and the module wording, and worked code for retries and idempotency', () => {
      const mistakes = getSection(lesson, 'common-mistakes');
      assert.deepEqual([mistakes.title, mistakes.heading, mistakes.intro], [
        'Common mistakes in integration',
        'Integration mistakes to remove',
        'Most integration incidents are predictable when retries, contracts, and idempotency are unclear.',
      ]);
      assert.deepEqual(mistakes.items.map((m) => [m.id, m.title, m.text]), [
        ['mistake-unbounded-retries', 'Unbounded retries with no jitter', 'Always cap retries and use jittered backoff to avoid retry storms under dependency stress.'],
        ['mistake-missing-idempotency', 'Missing idempotency design', 'Define idempotency keys or safe replay behaviour so duplicates do not corrupt state.'],
        ['mistake-no-contract-versioning', 'No contract versioning', 'Version APIs and events so consumers can migrate safely without hard cutovers.'],
      ]);
      assert.deepEqual(mistakes.items.map((m) => m.id), [...MISTAKE_IDS]);
      for (const mistake of mistakes.items.slice(0, 2)) {
        const verdicts = mistake.examples.map((e) => e.verdict);
        assert.ok(verdicts.includes('bad') && verdicts.includes('good'), `${mistake.id} has bad and good examples`);
        for (const example of mistake.examples) {
          const lines = example.code.split('\n').length;
          assert.ok(lines >= 6 && lines <= 16, `${example.id} has ${lines} lines`);
          assert.equal(example.language, 'typescript');
        }
      }
      // Each rule is illustrated by a bad example that it must flag.
      const badRules = mistakes.items.flatMap((m) => m.examples.filter((e) => e.verdict === 'bad').flatMap((e) => e.rules));
      assert.deepEqual([...new Set(badRules)].sort(), [...RULE_IDS].sort());
    });

    it('has the 4 checklist items with ids, titles and descriptions', () => {
      const checklist = getSection(lesson, 'verification-checklist');
      assert.deepEqual([checklist.title, checklist.heading, checklist.intro], [
        'Verification. Integration checklist you can run in review',
        'Integration verification checklist',
        'Use this checklist in design and incident-readiness reviews.',
      ]);
      assert.deepEqual(checklist.items.map((i) => [i.id, i.title, i.description]), [
        ['check-timeout-retry-budgets', 'Control timeout and retry budgets', 'Ensure timeouts are explicit, retries are bounded, and backoff includes jitter.'],
        ['check-idempotent-retry-paths', 'Confirm idempotent retry paths', 'Document which operations are safe to replay and how duplicate handling works.'],
        ['check-error-semantics', 'Define error semantics clearly', 'State which errors are retryable and which must fail fast for user safety.'],
        ['check-version-event-schemas', 'Version event schemas', 'Add schema versioning and a replay strategy before publishing events to shared consumers.'],
      ]);
      assert.deepEqual(checklist.items.map((i) => i.id), [...CHECKLIST_ITEM_IDS]);
    });

    it('has the mental model: heading, summary and 5 numbered steps, each with a detail line', () => {
      const model = getSection(lesson, 'mental-model');
      assert.equal(model.heading, 'Integration and APIs');
      assert.equal(model.summary, 'Integration is where systems fail. Make contracts and signals explicit.');
      assert.deepEqual(model.steps.map((s) => [s.number, s.label]), [[1, 'Client'], [2, 'API'], [3, 'Contract'], [4, 'Service'], [5, 'Signals']]);
      for (const step of model.steps) assert.ok(step.detail.length > 10 && step.detail.length < 100, step.id);
    });

    it('has the 3 key terms verbatim', () => {
      assert.deepEqual(getSection(lesson, 'key-terms').terms.map((t) => [t.term, t.definition]), [
        ['synchronous call', 'A request where the caller waits for a response.'],
        ['asynchronous message', 'A message sent without waiting for an immediate response.'],
        ['contract', 'The agreed structure and behaviour of an API or message.'],
      ]);
    });

    it('has the 7 quick-check questions and answers verbatim, each linked to the section that teaches it', () => {
      const quiz = getSection(lesson, 'check-yourself');
      assert.equal(quiz.heading, 'Quick check. Integration and APIs');
      assert.equal(formatCounter(quiz.counterTemplate, 0, quiz.questions.length), '0 of 7 opened');
      assert.deepEqual(quiz.questions.map((q) => [q.id, q.question, q.answer]), [
        ['q-sync-risk', 'Why are synchronous calls risky', 'They couple services and failures can cascade.'],
        ['q-why-async', 'Why use asynchronous messaging', 'It decouples services and improves resilience.'],
        ['q-backward-compat', 'What is backward compatibility', 'New versions do not break older clients.'],
        [
          'q-retry-storm',
          'Scenario. Service B is slow and Service A retries aggressively. What failure pattern can you trigger',
          'A retry storm. Retries add load precisely when the dependency is weakest, which can take the whole system down.',
        ],
        ['q-why-version', 'Why version an API contract', 'So change can happen safely.'],
        ['q-message-queue', 'What is a message queue for', 'Buffering work when systems are slow or down.'],
        ['q-contract-defines', 'What should an API contract always define', 'Inputs, outputs, and error behaviour.'],
      ]);
      assert.deepEqual(quiz.questions.map((q) => q.id), [...QUESTION_IDS]);
      const targets = allSectionIds(lesson);
      for (const q of quiz.questions) {
        assert.ok(SECTION_IDS.includes(q.sectionId as (typeof SECTION_IDS)[number]) || targets.has(q.sectionId), q.id);
        assert.notEqual(q.sectionId, 'check-yourself', `${q.id} links to the section that teaches it, not the quiz`);
      }
    });

    it('gives every question exactly 3 distinct distractors, unlike the answer and of similar length, and a why', () => {
      for (const q of getSection(lesson, 'check-yourself').questions) {
        assert.equal(q.distractors.length, 3, q.id);
        assert.equal(new Set(q.distractors).size, 3, q.id);
        for (const d of q.distractors) {
          assert.notEqual(d.toLowerCase(), q.answer.toLowerCase(), q.id);
          const ratio = d.length / q.answer.length;
          assert.ok(ratio > 0.6 && ratio < 1.6, `${q.id}: "${d}" is ${d.length} chars, the answer ${q.answer.length}`);
          assert.equal(d.endsWith('.'), q.answer.endsWith('.'), `${q.id}: "${d}" is punctuated like the answer`);
        }
        assert.ok(q.why.length > 20 && !q.why.includes('\n'), q.id);
      }
    });

    it('maps every rule to its mistake, with a two-line excerpt', () => {
      assert.deepEqual(
        Object.fromEntries(RULE_IDS.map((rule) => [rule, lesson.ruleSections[rule].sectionId])),
        {
          'unbounded-retry': 'mistake-unbounded-retries',
          'retry-without-jitter': 'mistake-unbounded-retries',
          'missing-idempotency-key': 'mistake-missing-idempotency',
          'unstable-idempotency-key': 'mistake-missing-idempotency',
        },
      );
      for (const rule of RULE_IDS) {
        const { excerpt } = lesson.ruleSections[rule];
        assert.equal(excerpt.length, 2);
        assert.ok(excerpt.every((line) => line.length > 0 && !line.includes('\n')));
      }
    });

    it('keeps text fields free of HTML', () => {
      const walk = (v: unknown, key: string): void => {
        if (typeof v === 'string' && key !== 'code') assert.doesNotMatch(v, /<\/?[a-z][^>]*>/i, key);
        else if (Array.isArray(v)) v.forEach((c) => walk(c, key));
        else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, k);
      };
      walk(rawLesson(), '');
    });
  });

  describe('the schema', () => {
    it('closes every object: additionalProperties false, or a kind switch over closed branches', () => {
      const schema = readRepoJson(LESSON_SCHEMA_PATH) as { $defs: Record<string, { additionalProperties?: unknown }> };
      const open: string[] = [];
      const walk = (node: unknown, at: string): void => {
        if (Array.isArray(node)) return node.forEach((c, i) => walk(c, `${at}/${i}`));
        if (!node || typeof node !== 'object') return;
        const n = node as Record<string, unknown>;
        if (n.type === 'object' && n.additionalProperties !== false) {
          const branches = (n.oneOf ?? []) as { $ref: string }[];
          const closed = n.discriminator !== undefined && branches.length > 0 &&
            branches.every((b) => schema.$defs[b.$ref.replace('#/$defs/', '')]?.additionalProperties === false);
          if (!closed) open.push(at);
        }
        for (const [k, c] of Object.entries(n)) walk(c, `${at}/${k}`);
      };
      walk(schema, '#');
      assert.deepEqual(open, []);
    });
  });

  describe('helpers', () => {
    it('allSectionIds lists sections, mistakes, checklist items and questions', () => {
      const ids = allSectionIds(lesson);
      for (const id of [...SECTION_IDS, ...MISTAKE_IDS, ...CHECKLIST_ITEM_IDS, ...QUESTION_IDS]) assert.ok(ids.has(id), id);
      assert.equal(ids.size, SECTION_IDS.length + MISTAKE_IDS.length + CHECKLIST_ITEM_IDS.length + QUESTION_IDS.length);
      assert.ok(!ids.has('sync-client'), 'diagram nodes are not scroll targets');
    });

    it('sectionTitle and sectionContaining find sections and items', () => {
      assert.equal(sectionTitle(lesson, 'main-idea'), 'Main idea at a glance');
      assert.equal(sectionTitle(lesson, 'mistake-unbounded-retries'), 'Unbounded retries with no jitter');
      assert.equal(sectionTitle(lesson, 'check-error-semantics'), 'Define error semantics clearly');
      assert.equal(sectionTitle(lesson, 'q-why-version'), 'Why version an API contract');
      assert.equal(sectionTitle(lesson, 'no-such-id'), undefined);
      assert.equal(sectionContaining(lesson, 'mistake-missing-idempotency')?.id, 'common-mistakes');
      assert.equal(sectionContaining(lesson, 'progress')?.id, 'progress');
      assert.equal(sectionContaining(lesson, 'nope'), undefined);
    });

    it('getSection refuses content that was not validated', () => {
      const broken = { ...lesson, sections: lesson.sections.filter((s) => s.id !== 'main-idea') };
      assert.throws(() => getSection(broken, 'main-idea'), /no section 'main-idea'/);
    });
  });

  describe('broken content is rejected with the JSON path', () => {
    it('a missing required section', () => {
      const raw = rawLesson();
      raw.sections.splice(indexOf(raw, 'main-idea'), 1);
      assertSomeError(errorsOf(raw), '/sections', "'main-idea'", 'missing');
    });

    it('a section of the wrong kind', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'optional-practice');
      raw.sections[i].kind = 'progress';
      assertSomeError(errorsOf(raw), `/sections/${i}/kind`, "'practice'");
    });

    it('an unknown section kind', () => {
      const raw = rawLesson();
      raw.sections[2].kind = 'carousel';
      assertSomeError(errorsOf(raw), '/sections/2/kind', "'carousel'", 'not a section kind');
    });

    it('an extra field, naming /sections/N and the property', () => {
      const raw = rawLesson();
      raw.sections[4].colour = 'red';
      assertSomeError(errorsOf(raw), '/sections/4 ', "'colour'");
    });

    it('an extra field deep inside an item', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'check-yourself');
      raw.sections[i].questions[2].hint = 'think';
      assertSomeError(errorsOf(raw), `/sections/${i}/questions/2 `, "'hint'");
    });

    it('a wrong type, naming the path', () => {
      const raw = rawLesson();
      raw.sections[3].title = 42;
      const errors = errorsOf(raw);
      assert.ok(errors.includes('/sections/3/title must be string'), errors.join('\n'));
    });

    it('a missing required field', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'verification-checklist');
      delete raw.sections[i].items[1].description;
      assertSomeError(errorsOf(raw), `/sections/${i}/items/1 `, "'description'");
    });

    it('a dangling sectionId in a question', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'check-yourself');
      raw.sections[i].questions[0].sectionId = 'no-such-section';
      assertSomeError(errorsOf(raw), `/sections/${i}/questions/0/sectionId`, "'no-such-section'");
    });

    it('a dangling ruleSections target', () => {
      const raw = rawLesson();
      raw.ruleSections['retry-without-jitter'].sectionId = 'mistake-gone';
      assertSomeError(errorsOf(raw), '/ruleSections/retry-without-jitter/sectionId', "'mistake-gone'");
    });

    it('a missing rule in ruleSections, and an unknown one', () => {
      const raw = rawLesson();
      delete raw.ruleSections['unbounded-retry'];
      raw.ruleSections['made-up-rule'] = { sectionId: 'main-idea', excerpt: ['a', 'b'] };
      const errors = errorsOf(raw);
      assertSomeError(errors, '/ruleSections', "'unbounded-retry'");
      assertSomeError(errors, '/ruleSections', "'made-up-rule'");
    });

    it('a navigation that lists other modules (the extension teaches this one only)', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'module-navigation');
      raw.sections[i].links = [{ position: 'next', label: 'Next', title: 'Quality attributes and trade offs', summary: 'x', included: false }];
      assertSomeError(errorsOf(raw), `/sections/${i}`, "additional property 'links'");
    });

    it('a duplicate id', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'verification-checklist');
      raw.sections[i].items[3].id = 'mistake-unbounded-retries';
      const errors = errorsOf(raw);
      assertSomeError(errors, `/sections/${i}/items/3/id`, "'mistake-unbounded-retries'", 'already used');
      assertSomeError(errors, "missing the item 'check-version-event-schemas'");
    });

    it('a distractor equal to the answer, and a fourth distractor', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'check-yourself');
      raw.sections[i].questions[4].distractors[1] = raw.sections[i].questions[4].answer;
      assertSomeError(errorsOf(raw), `/sections/${i}/questions/4/distractors/1`, 'differ from the answer');
      raw.sections[i].questions[4].distractors.push('So nothing ever changes.');
      assertSomeError(errorsOf(raw), `/sections/${i}/questions/4/distractors`, 'must NOT have more than 3 items');
    });

    it('HTML in a text field, and an id that is not kebab-case', () => {
      const raw = rawLesson();
      raw.sections[2].text = 'Mark this <b>module</b> complete.';
      raw.sections[3].id = 'WhyThisMatters';
      const errors = errorsOf(raw);
      assertSomeError(errors, '/sections/2/text', 'plain text');
      assertSomeError(errors, '/sections/3/id', 'kebab-case');
    });

    it('a diagram edge to a node outside its lane', () => {
      const raw = rawLesson();
      const i = indexOf(raw, 'main-idea');
      raw.sections[i].diagram.lanes[0].edges[0].to = 'async-queue';
      assertSomeError(errorsOf(raw), `/sections/${i}/diagram/lanes/0/edges/0/to`, "'async-queue'");
    });

    it('non-objects without throwing', () => {
      for (const data of [null, undefined, 42, 'lesson', [], {}]) {
        const result = validateLesson(data);
        assert.equal(result.ok, false);
        assert.ok(!result.ok && result.errors.length > 0 && result.errors.every((e) => e.startsWith('/')), String(data));
      }
    });

    it('a wrong schemaVersion', () => {
      const raw = rawLesson();
      raw.schemaVersion = 2;
      assertSomeError(errorsOf(raw), '/schemaVersion', 'must be 1');
    });
  });

  describe('loadLesson', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'lesson-'));
      mkdirSync(path.join(dir, 'content'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const copy = (relative: string) => copyFileSync(path.join(repoRoot(), relative), path.join(dir, relative));

    it('loads and validates the real files from the extension root', () => {
      const result = loadLesson(repoRoot());
      assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
      assert.deepEqual(result.lesson, readRepoJson(LESSON_CONTENT_PATH));
    });

    it('reports a missing content file clearly', () => {
      copy(LESSON_SCHEMA_PATH);
      const result = loadLesson(dir);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.errors[0], /^Cannot read the lesson content at .*integration-and-apis\.json: .*ENOENT/);
    });

    it('reports a missing schema file clearly', () => {
      copy(LESSON_CONTENT_PATH);
      const result = loadLesson(dir);
      assert.match(result.ok ? '' : result.errors[0], /^Cannot read the lesson schema at .*lesson\.schema\.json/);
    });

    it('reports invalid JSON clearly', () => {
      copy(LESSON_SCHEMA_PATH);
      writeFileSync(path.join(dir, LESSON_CONTENT_PATH), '{ "id": "integration-and-apis", ');
      const result = loadLesson(dir);
      assert.match(result.ok ? '' : result.errors[0], /^The lesson content at .*integration-and-apis\.json is not valid JSON: /);
    });

    it('reports invalid content with the file and the JSON path', () => {
      copy(LESSON_SCHEMA_PATH);
      const raw = rawLesson();
      raw.sections[3].title = 42;
      writeFileSync(path.join(dir, LESSON_CONTENT_PATH), JSON.stringify(raw));
      const result = loadLesson(dir);
      assert.deepEqual(result.ok ? [] : result.errors, ['content/integration-and-apis.json: /sections/3/title must be string']);
    });

    it('reports a schema that is not a valid JSON Schema', () => {
      copy(LESSON_CONTENT_PATH);
      writeFileSync(path.join(dir, LESSON_SCHEMA_PATH), JSON.stringify({ type: 'object', properties: { id: { type: 'strng' } } }));
      const result = loadLesson(dir);
      assert.match(result.ok ? '' : result.errors[0], /^The lesson schema at .*lesson\.schema\.json is not a valid JSON Schema: /);
    });
  });
});
