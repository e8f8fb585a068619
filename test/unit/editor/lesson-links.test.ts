// Reading a `…/lesson?section=<id>` link, which anyone who can open a URI writes: a section id passes on
// only in a section id's shape, and whatever is ignored reaches the log quoted, on one line.
import * as assert from 'node:assert/strict';
import { SECTION_IDS } from '../../../src/lesson/content-types';
import { isSectionIdShape, lessonLink, quoteForLog, readLessonLink } from '../../../src/lesson-link';

/** The decoded path and query of a link, as VS Code hands them to the URI handler. */
function read(link: string) {
  const url = new URL(link);
  return readLessonLink(decodeURIComponent(url.pathname), decodeURIComponent(url.search.slice(1)));
}

/** No control character (C0, DEL, C1), format character (bidirectional, zero-width, tags) or line or paragraph separator. */
const ONE_SAFE_LINE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;

describe('lesson links', () => {
  it('open every section of the lesson from the link the CLI and the ESLint plugin print', () => {
    for (const sectionId of SECTION_IDS) assert.deepEqual(read(lessonLink(sectionId)), { open: true, sectionId });
  });

  it('open the top of the lesson for a link without a section', () => {
    assert.deepEqual(read('vscode://integration-coach.integration-coach/lesson'), { open: true, sectionId: undefined });
  });

  const hostile: [string, string][] = [
    ['a newline and a forged log line', 'key-terms\n2025-01-01 00:00:00.000 [error] forged'],
    ['a carriage return', 'key-terms\rforged'],
    ['a terminal escape sequence', '\u001b[31mred\u001b[0m'],
    ['a C1 control and DEL', 'key\u009bterms\u007f'],
    ['a line separator', 'key\u2028terms'],
    ['a right-to-left override', 'key-\u202eterms'],
    ['a zero-width space and a tag character', 'key\u200b-terms\u{e0041}'],
    ['upper case', 'Key-Terms'],
    ['a trailing hyphen', 'key-terms-'],
    ['a path', '../../etc/passwd'],
    ['ten thousand letters', 'a'.repeat(10_000)],
  ];
  for (const [what, sectionId] of hostile) {
    it(`open the top of the lesson for a section id with ${what}, and log it quoted on one line`, () => {
      const request = read(lessonLink(sectionId));
      assert.equal(request.open, true);
      assert.equal(request.open && request.sectionId, undefined);
      assert.ok(request.warning !== undefined, 'a warning');
      assert.match(request.warning, ONE_SAFE_LINE);
      assert.ok(request.warning.length < 400, `a bounded warning, not ${request.warning.length} characters`);
      assert.ok(request.warning.includes(quoteForLog(sectionId)), request.warning);
    });
  }

  it('ignore a link to another path, logging the path quoted', () => {
    const request = read('vscode://integration-coach.integration-coach/settings%0A%1B[2Jforged');
    assert.equal(request.open, false);
    assert.equal(request.warning, 'Ignoring a link to an unknown path: "/settings\\n\\u001b[2Jforged"');
  });

  it('take section ids in the shape the lesson messages accept: kebab-case, at most 80 characters', () => {
    assert.ok(isSectionIdShape('key-terms'));
    assert.ok(isSectionIdShape('a'.repeat(80)));
    assert.ok(!isSectionIdShape('a'.repeat(81)));
    assert.ok(!isSectionIdShape(''));
    assert.ok(!isSectionIdShape('key--terms'));
  });

  it('quote a text for the log as JSON that reads back to what was shown, cut at 100 characters', () => {
    const text = 'say "hi"\\ \n\t\u2028\u202e\u{e0041}';
    assert.equal(JSON.parse(quoteForLog(text)), text);
    assert.equal(quoteForLog('b'.repeat(101)), JSON.stringify(`${'b'.repeat(100)}…`));
  });
});
