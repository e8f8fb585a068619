import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { checkProgress, type LessonProgress } from '../../../src/lesson/messages';
import { emptyProgress, repairProgress } from '../../../src/lesson/progress-repair';
import { ProgressStore } from '../../../src/lesson/progress-store';

const valid: LessonProgress = {
  completed: true,
  checklist: { 'check-error-semantics': true, 'check-timeouts': false },
  openedCards: ['q-retry-storm', 'q-why-async'],
  quiz: { 'q-retry-storm': true },
};

/** Repairs, then checks what every repair must give: progress the schema accepts, and nothing more to drop. */
function repaired(stored: unknown) {
  const result = repairProgress(stored);
  assert.equal(checkProgress(result.progress).ok, true, `the repair of ${JSON.stringify(stored)?.slice(0, 100)} passes the schema`);
  assert.deepEqual(repairProgress(result.progress).dropped, [], 'repairing again drops nothing');
  return result;
}

describe('repairing stored lesson progress', () => {
  it('keeps valid progress as it is, and gives empty progress for nothing stored, dropping nothing', () => {
    assert.deepEqual(repaired(valid), { progress: valid, dropped: [] });
    assert.deepEqual(repaired(undefined), { progress: emptyProgress(), dropped: [] });
    assert.deepEqual(repaired({ completed: false, checklist: {}, openedCards: [] }), { progress: emptyProgress(), dropped: [] });
  });

  it('starts from empty progress when the stored value is not an object, naming it', () => {
    for (const stored of [null, 42, 'completed', true, [], [valid]]) {
      const { progress, dropped } = repaired(stored);
      assert.deepEqual(progress, emptyProgress(), JSON.stringify(stored));
      assert.equal(dropped.length, 1);
      assert.match(dropped[0], /^the whole value .*: \(progress\) must be object/);
    }
  });

  it('fills missing fields with their empty values', () => {
    assert.deepEqual(repaired({}).progress, emptyProgress());
    assert.deepEqual(repaired({ completed: true }), { progress: { ...emptyProgress(), completed: true }, dropped: [] });
    assert.deepEqual(repaired({ openedCards: ['q-retry-storm'] }).progress, { ...emptyProgress(), openedCards: ['q-retry-storm'] });
  });

  it('drops a field of the wrong type and keeps the others', () => {
    const { progress, dropped } = repaired({ ...valid, completed: 'yes', openedCards: 'q-retry-storm' });
    assert.deepEqual(progress, { ...valid, completed: false, openedCards: [] });
    assert.deepEqual(dropped, ['completed "yes": /completed must be boolean', 'openedCards "q-retry-storm": /openedCards must be array']);
  });

  it('drops a container of the wrong kind whole: a list for a map, a map for a list, null', () => {
    const { progress, dropped } = repaired({ completed: true, checklist: ['check-timeouts'], openedCards: { 'q-retry-storm': true }, quiz: null });
    assert.deepEqual(progress, { ...emptyProgress(), completed: true });
    assert.deepEqual(dropped.map((line) => line.split(' ')[0]), ['checklist', 'openedCards', 'quiz']);
  });

  it('keeps the valid entries of a map and names each dropped one', () => {
    const { progress, dropped } = repaired({
      ...valid,
      checklist: { 'check-timeouts': true, 'Bad Key': true, 'check-retries': 'yes', '': false, 'check-jitter': false },
      quiz: { 'q-retry-storm': true, 'q-why-async': 1 },
    });
    assert.deepEqual(progress.checklist, { 'check-timeouts': true, 'check-jitter': false });
    assert.deepEqual(progress.quiz, { 'q-retry-storm': true });
    assert.deepEqual(dropped, [
      'checklist["Bad Key"] true: /checklist must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"',
      'checklist["check-retries"] "yes": /checklist/check-retries must be boolean',
      'checklist[""] false: /checklist must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"',
      'quiz["q-why-async"] 1: /quiz/q-why-async must be boolean',
    ]);
  });

  it('keeps the valid items of a list: no duplicates, no non-ids, no markup', () => {
    const { progress, dropped } = repaired({ ...valid, openedCards: ['q-retry-storm', 42, 'q-retry-storm', '<img src=x onerror=alert(1)>', null, 'q-why-async'] });
    assert.deepEqual(progress.openedCards, ['q-retry-storm', 'q-why-async']);
    assert.deepEqual(dropped.map((line) => line.split(':')[0]), [
      'openedCards[1] 42',
      'openedCards[2] "q-retry-storm"',
      'openedCards[3] "<img src=x onerror=alert(1)>"',
      'openedCards[4] null',
    ]);
  });

  it('keeps a list or map up to the schema\'s limit and drops the rest in one line', () => {
    const ids = Array.from({ length: 70 }, (_, index) => `q-${index}`);
    const { progress, dropped } = repaired({
      ...valid,
      openedCards: ids,
      checklist: Object.fromEntries(ids.map((id) => [id, true])),
    });
    assert.deepEqual(progress.openedCards, ids.slice(0, 50));
    assert.deepEqual(Object.keys(progress.checklist), ids.slice(0, 50));
    assert.deepEqual(dropped, [
      'checklist["q-50"] and the 19 after it: /checklist must NOT have more than 50 properties',
      'openedCards[50] and the 19 after it: /openedCards must NOT have more than 50 items',
    ]);
  });

  it('stops at the limit without trying every entry of a huge stored map', () => {
    const huge = Object.fromEntries(Array.from({ length: 200_000 }, (_, index) => [`check-${index}`, true]));
    const { progress, dropped } = repaired({ completed: true, checklist: huge, openedCards: [] });
    assert.equal(Object.keys(progress.checklist).length, 50);
    assert.deepEqual(dropped, ['checklist["check-50"] and the 199949 after it: /checklist must NOT have more than 50 properties']);
  });

  it('drops unknown fields, including a "__proto__" key from JSON, without touching any prototype', () => {
    const stored: unknown = JSON.parse('{"completed": true, "__proto__": {"polluted": true}, "extra": [1], "checklist": {"__proto__": true}}');
    const { progress, dropped } = repaired(stored);
    assert.deepEqual(progress, { ...emptyProgress(), completed: true });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(progress.checklist), Object.prototype);
    assert.deepEqual(dropped.map((line) => line.split(' ')[0]), ['__proto__', 'extra', 'checklist["__proto__"]']);
  });

  it('shows long or multi-line stored values short and on one line', () => {
    const { dropped } = repaired({ completed: `line one\nline two ${'x'.repeat(500)}` });
    assert.equal(dropped.length, 1);
    assert.ok(!dropped[0].includes('\n'), 'one line');
    assert.ok(dropped[0].length < 200, `short: ${dropped[0].length} characters`);
    assert.match(dropped[0], /^completed "line one\\nline two x+…: \/completed must be boolean$/);
  });

  it('always gives progress the schema accepts, for generated corrupt shapes', () => {
    // A small deterministic generator (a linear congruential one), so a failure can be replayed.
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const scalars = [true, false, 0, -1, 1.5, '', 'q-retry-storm', 'Bad Id', 'a'.repeat(90), null, undefined];
    const anyValue = (depth: number): unknown => {
      const kind = depth > 2 ? 0 : Math.floor(random() * 3);
      if (kind === 0) return pick(scalars);
      if (kind === 1) return Array.from({ length: Math.floor(random() * 6) }, () => anyValue(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 6) }, () => [String(pick(scalars)), anyValue(depth + 1)]));
    };
    const fields = ['completed', 'checklist', 'openedCards', 'quiz', 'extra'];
    for (let round = 0; round < 500; round++) {
      const stored: Record<string, unknown> = { ...valid };
      for (const field of fields) if (random() < 0.4) stored[field] = anyValue(0);
      const { progress } = repaired(stored);
      for (const field of ['completed', 'checklist', 'openedCards', 'quiz'] as const) {
        const original = checkProgress({ ...emptyProgress(), [field]: stored[field] });
        if (original.ok) assert.deepEqual(progress[field], stored[field], `a valid ${field} is kept as it is (round ${round})`);
      }
    }
  });
});

/** A store on an in-memory globalState holding `initial` as it is. */
async function storeHolding(initial: unknown) {
  const values = new Map<string, unknown>();
  const state = {
    keys: () => [...values.keys()],
    get: (key: string) => values.get(key),
    update: async (key: string, value: unknown) => void values.set(key, value),
  } as unknown as vscode.Memento;
  const lines: string[] = [];
  const log = { warn: (line: string) => lines.push(line), info: (line: string) => lines.push(line) } as unknown as vscode.LogOutputChannel;
  const store = new ProgressStore(state, log);
  await store.storeRaw(initial);
  return { store, lines, stored: () => [...values.values()][0] };
}

describe('the lesson progress store', () => {
  it('logs what it dropped once per stored value, and keeps the stored value until the next change', async () => {
    const corrupt = { ...valid, completed: 'yes', openedCards: ['q-retry-storm', 7] };
    const { store, lines, stored } = await storeHolding(corrupt);
    assert.deepEqual(store.get(), { ...valid, completed: false, openedCards: ['q-retry-storm'] });
    store.get();
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], /lesson progress had parts that do not fit its schema.*\n {2}completed "yes": .*\n {2}openedCards\[1\] 7: /s);
    assert.equal(stored(), corrupt, 'nothing is lost before the learner changes something');
    await store.update((progress) => ({ ...progress, completed: true }));
    assert.deepEqual(stored(), { ...valid, openedCards: ['q-retry-storm'] });
    assert.equal(lines.length, 1, 'the repaired value is not noted again');
  });

  it('resets completion, checklist and opened cards, keeps the quick check marks, and tells listeners', async () => {
    const { store, stored } = await storeHolding(valid);
    const told: LessonProgress[] = [];
    store.onDidChange((progress) => told.push(progress));
    await store.reset();
    const expected = { ...emptyProgress(), quiz: valid.quiz };
    assert.deepEqual(stored(), expected);
    assert.deepEqual(told, [expected]);
  });

  it('resets corrupt progress to empty progress', async () => {
    const { store, stored } = await storeHolding('not progress at all');
    await store.reset();
    assert.deepEqual(stored(), emptyProgress());
  });
});
