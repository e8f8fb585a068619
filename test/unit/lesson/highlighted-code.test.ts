// The code examples as the webview shows them: Shiki's tokens from the build, or plain text when the
// generated table lacks an example or was made from other code.
import assert from 'node:assert/strict';
import highlightedCode from '@generated/highlighted-code';
import { getSection, validateLesson, type CodeExample, type Lesson } from '../../../src/lesson/content';
import { codeLines, isHighlighted, type HighlightedCode } from '../../../src/lesson/highlighted-code';
import { rawLesson } from './helpers';

function lesson(): Lesson {
  const result = validateLesson(rawLesson());
  if (!result.ok) assert.fail(result.errors.join('\n'));
  return result.lesson;
}

function examples(): CodeExample[] {
  return getSection(lesson(), 'common-mistakes').items.flatMap((item) => item.examples);
}

const spell = (lines: ReturnType<typeof codeLines>) => lines.map((line) => line.map(([, text]) => text).join('')).join('\n');

describe('highlighted code', () => {
  it('has every code example of the lesson highlighted by the build, token texts spelling its code', () => {
    assert.ok(examples().length >= 6);
    for (const example of examples()) {
      const lines = codeLines(example, highlightedCode);
      assert.ok(isHighlighted(lines), `${example.id} is highlighted`);
      assert.equal(spell(lines), example.code);
    }
  });

  it('gives keywords, strings, comments and function names their own kinds', () => {
    const [unbounded] = examples();
    const tokens = codeLines(unbounded, highlightedCode).flat();
    const kindOf = (text: string) => tokens.find(([, part]) => part === text)?.[0];
    assert.equal(kindOf('async'), 'keyword');
    assert.equal(kindOf('while'), 'keyword');
    assert.equal(kindOf('getOrder'), 'function');
    assert.equal(kindOf("'orders call failed, retrying'"), 'string');
    const withComment = examples().find((example) => example.code.includes('// network error'));
    assert.ok(withComment);
    assert.ok(codeLines(withComment, highlightedCode).flat().some(([kind, text]) => kind === 'comment' && text.includes('network error')));
  });

  it('falls back to plain text, line by line, for an example the generated table lacks', () => {
    const example = { id: 'example-not-built', code: 'const a = 1;\n\n  return a;' };
    const lines = codeLines(example, highlightedCode);
    assert.deepEqual(lines, [[['', 'const a = 1;']], [], [['', '  return a;']]]);
    assert.equal(isHighlighted(lines), false);
  });

  it('falls back to plain text when the table was made from other code (stale build)', () => {
    const table: HighlightedCode = { 'example-x': [[['keyword', 'let'], ['', ' a = 2;']]] };
    const lines = codeLines({ id: 'example-x', code: 'let a = 3;' }, table);
    assert.deepEqual(lines, [[['', 'let a = 3;']]]);
  });

  it('does not take an inherited property of the table for an example', () => {
    assert.deepEqual(codeLines({ id: 'constructor', code: 'x' }, {}), [[['', 'x']]]);
  });
});
