// The lesson panel as a docs reader, in the real webview: highlighted code that follows the theme and
// fits a narrow panel, the table of contents (keys, current section, completed sections), the mark on
// a revealed section, and navigation that names only this module.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHECKLIST_ITEM_IDS, SECTION_IDS } from '../../../src/lesson/content-types';
import type { LessonProgress } from '../../../src/lesson/messages';
import { activeApi } from '../extension-api';
import { askHarness, clickInLesson, evaluateInLesson, harnessAvailable, postFromLessonWebview, probeLesson, screenshot } from '../harness-client';
import { openFixture, openLessonAndWait, sectionInViewBecomes } from '../lesson-panel-helpers';
import { inEachTheme } from '../themes';
import { waitFor, waitUntil } from '../wait';

const press = (...keys: string[]) => askHarness({ action: 'press', keys });

/** What has keyboard focus in the lesson: a table of contents link's section, or an element's id or class. */
const focusedInLesson = () => evaluateInLesson<string>(
  `(() => { const e = document.activeElement; return e?.dataset.section ? 'toc:' + e.dataset.section : e?.id ? '#' + e.id : '.' + (e?.className ?? ''); })()`);

async function focusBecomes(expected: string): Promise<void> {
  await waitUntil(focusedInLesson, (focused) => focused === expected, `focus to move to ${expected}`);
}

/** The table of contents as the page shows it: the current entry, the ticked ones, and whether its list is open. */
interface ContentsOnScreen { entries: string[]; current: string[]; done: string[]; expanded: boolean }
const contentsOnScreen = () => evaluateInLesson<ContentsOnScreen>(`(() => {
  const links = [...document.querySelectorAll('.toc .toc-link')];
  return {
    entries: links.map((link) => link.dataset.section),
    current: links.filter((link) => link.getAttribute('aria-current') === 'location').map((link) => link.dataset.section),
    done: links.filter((link) => !link.querySelector('.toc-done').hidden).map((link) => link.dataset.section),
    expanded: document.querySelector('.toc-toggle').getAttribute('aria-expanded') === 'true',
  };
})()`);

/** Scrolls a code example to the top of the panel, clear of the sticky table of contents. */
const showExample = (id: string) => evaluateInLesson(`document.getElementById(${JSON.stringify(id)}).scrollIntoView({ block: 'start' })`);

/** Every code block, and how each one fits: a block scrolls sideways when its content is wider than its box. */
interface CodeFit { id: string; scrollWidth: number; clientWidth: number }
const codeFits = () => evaluateInLesson<CodeFit[]>(
  `[...document.querySelectorAll('pre.code')].map((pre) => ({ id: pre.closest('figure').id, scrollWidth: pre.scrollWidth, clientWidth: pre.clientWidth }))`);

/**
 * Each source line that wraps: where its first row's text starts (after the line's own indentation) and
 * where its continuation rows start, in pixels, with the width of one character of the code font.
 */
interface WrappedLine { text: string; textStart: number; continuationStart: number; charWidth: number }
const wrappedLines = () => evaluateInLesson<WrappedLine[]>(`(() => {
  const probe = document.createElement('span');
  probe.textContent = '0000000000';
  document.querySelector('pre.code code').append(probe);
  const charWidth = probe.getBoundingClientRect().width / 10;
  probe.remove();
  const wrapped = [];
  for (const line of document.querySelectorAll('pre.code .code-line')) {
    const range = document.createRange();
    range.selectNodeContents(line);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    const rows = [...new Set(rects.map((rect) => Math.round(rect.top)))];
    if (rows.length < 2) continue;
    const lineStart = Math.min(...rects.filter((rect) => Math.round(rect.top) === rows[0]).map((rect) => rect.left));
    const indent = line.textContent.length - line.textContent.trimStart().length;
    wrapped.push({
      text: line.textContent,
      textStart: lineStart + indent * charWidth,
      continuationStart: Math.min(...rects.filter((rect) => Math.round(rect.top) !== rows[0]).map((rect) => rect.left)),
      charWidth,
    });
  }
  return wrapped;
})()`);

/**
 * Words (runs without a space, a hyphen ending one) that were broken across rows although the row they
 * started on had room for the whole word: breaks that wrapping between words would have avoided.
 */
const brokenWords = () => evaluateInLesson<string[]>(`(() => {
  const rangeOf = (line, start, end) => {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.data.length;
      if (start >= offset && start < offset + length) range.setStart(node, start - offset);
      if (end > offset && end <= offset + length) { range.setEnd(node, end - offset); return range; }
      offset += length;
    }
    return range;
  };
  const broken = [];
  for (const line of document.querySelectorAll('pre.code .code-line')) {
    const room = line.clientWidth - parseFloat(getComputedStyle(line).paddingLeft);
    for (const word of line.textContent.matchAll(/[^\\s-]+-?/g)) {
      const rects = [...rangeOf(line, word.index, word.index + word[0].length).getClientRects()].filter((rect) => rect.width > 0);
      const rows = new Set(rects.map((rect) => Math.round(rect.top))).size;
      const width = rects.reduce((sum, rect) => sum + rect.width, 0);
      if (rows > 1 && width <= room) broken.push(word[0] + ' (' + Math.round(width) + ' of ' + Math.round(room) + ' px)');
    }
  }
  return broken;
})()`);

/** How each token kind (and plain code text) contrasts with the code block behind it, composited down to the page. */
const tokenContrast = (exampleId: string) => evaluateInLesson<Record<string, number>>(`(() => {
  const parse = (colour) => { const [r, g, b, a = 1] = colour.match(/[\\d.]+/g).map(Number); return { r, g, b, a }; };
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const layer = parse(getComputedStyle(e).backgroundColor);
      if (layer.a > 0) layers.push(layer);
      if (layer.a >= 1) break;
    }
    return layers.reverse().reduce((under, over) => ({ r: over.r * over.a + under.r * (1 - over.a), g: over.g * over.a + under.g * (1 - over.a), b: over.b * over.a + under.b * (1 - over.a) }), { r: 255, g: 255, b: 255 });
  };
  const luminance = ({ r, g, b }) => [r, g, b].map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
  const pre = document.querySelector('#' + ${JSON.stringify(exampleId)} + ' pre');
  const behind = background(pre);
  const result = { plain: contrast(parse(getComputedStyle(pre.querySelector('code')).color), behind) };
  for (const kind of ['keyword', 'string', 'comment', 'constant', 'function']) {
    const token = pre.querySelector('.tok-' + kind);
    if (token) result[kind] = contrast(parse(getComputedStyle(token).color), behind);
  }
  return result;
})()`);

async function setEditorWidths(codeShare: number): Promise<void> {
  await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: codeShare }, { size: 1 - codeShare }] });
}

describe('lesson reader', function () {
  let progressBefore: LessonProgress | undefined;

  before(async function () {
    // The panel's content lives in a webview frame that only the browser harness can reach.
    if (!harnessAvailable()) this.skip();
    await openFixture('src/checkout.ts');
    progressBefore = (await activeApi()).lessonProgress();
  });

  after(async () => {
    const before = progressBefore;
    if (!before) return;
    // Puts back the progress this suite changed, through the panel's own messages.
    await postFromLessonWebview({ type: 'setCompleted', completed: before.completed });
    for (const id of CHECKLIST_ITEM_IDS) await postFromLessonWebview({ type: 'setChecklistItem', itemId: id, checked: before.checklist[id] === true });
    const api = await activeApi();
    await waitUntil(() => api.lessonProgress(), (progress) => progress.completed === before.completed
      && CHECKLIST_ITEM_IDS.every((id) => (progress.checklist[id] === true) === (before.checklist[id] === true)), 'the progress to be put back');
  });

  it('shows every code example as highlighted token spans, coloured apart from plain text in every theme (screenshots)', async () => {
    await openLessonAndWait('common-mistakes');
    const blocks = await evaluateInLesson<{ id: string; highlighted: boolean; kinds: string[] }[]>(
      `[...document.querySelectorAll('pre.code')].map((pre) => ({ id: pre.closest('figure').id, highlighted: pre.classList.contains('highlighted'),
        kinds: [...new Set([...pre.querySelectorAll('.tok')].map((token) => token.className.replace('tok tok-', '')))].sort() }))`);
    assert.equal(blocks.length, 6, 'the six examples of "Common mistakes"');
    for (const block of blocks) {
      assert.ok(block.highlighted, `${block.id} is highlighted`);
      for (const kind of ['keyword', 'string', 'function']) assert.ok(block.kinds.includes(kind), `${block.id} has ${kind} tokens: ${block.kinds.join(', ')}`);
    }
    assert.ok(blocks.some((block) => block.kinds.includes('comment')), 'comments are tokens of their own');
    await showExample('example-retry-capped-jittered');
    await inEachTheme(async (theme) => {
      const colours = await evaluateInLesson<{ plain: string; keyword: string; string: string; comment: string }>(`(() => {
        const code = document.querySelector('#example-retry-capped-jittered pre code');
        const colourOf = (selector) => getComputedStyle(code.querySelector(selector)).color;
        return { plain: getComputedStyle(code).color, keyword: colourOf('.tok-keyword'), string: colourOf('.tok-string'), comment: colourOf('.tok-comment') };
      })()`);
      for (const kind of ['keyword', 'string', 'comment'] as const) {
        assert.notEqual(colours[kind], colours.plain, `${kind} tokens have a colour of their own in ${theme.name}`);
      }
      const contrast = await tokenContrast('example-retry-capped-jittered');
      assert.equal(Object.keys(contrast).length, 6, `plain text and five token kinds measured: ${JSON.stringify(contrast)}`);
      for (const [kind, ratio] of Object.entries(contrast)) assert.ok(ratio >= 4.5, `${kind} code reads at ${ratio.toFixed(2)}:1 in ${theme.name}`);
      await screenshot(`reader-code-${theme.short}`);
    });
  });

  it('wraps code in a narrow panel: no sideways scroll, continuation lines hang indented, no single-spaced line doubled (screenshots)', async () => {
    await openLessonAndWait('common-mistakes');
    try {
      await setEditorWidths(0.75);
      const panelWidth = await waitFor(async () => {
        const width = await probeLesson<number>('document.documentElement.clientWidth');
        return width !== undefined && width < 420 ? width : undefined;
      }, 'the lesson panel to become narrow');
      const fits = await codeFits();
      assert.equal(fits.length, 6);
      assert.deepEqual(fits.filter((fit) => fit.scrollWidth > fit.clientWidth), [], `no code block wider than its box at ${panelWidth} px`);
      const wrapped = await wrappedLines();
      assert.ok(wrapped.length > 0, `some lines wrap at ${panelWidth} px`);
      for (const line of wrapped) {
        assert.ok(line.continuationStart >= line.textStart + line.charWidth * 1.5,
          `the continuation of "${line.text.trim()}" starts ${((line.continuationStart - line.textStart) / line.charWidth).toFixed(1)} characters past the line's text`);
      }
      assert.deepEqual(await brokenWords(), [], 'a name, keyword or string that fits on a row is not broken mid-word');
      const rows = await evaluateInLesson<{ lines: number; tallest: number; lineHeight: number }>(`(() => {
        const pre = document.querySelector('#example-retry-unbounded pre');
        const lines = [...pre.querySelectorAll('.code-line')];
        const short = lines.filter((line) => line.textContent.length < 30);
        return { lines: lines.length, tallest: Math.max(...short.map((line) => line.getBoundingClientRect().height)), lineHeight: parseFloat(getComputedStyle(pre).lineHeight) };
      })()`);
      assert.equal(rows.lines, 11, 'one block per source line');
      assert.ok(rows.tallest <= rows.lineHeight * 1.1, `a short line is one row high (${rows.tallest} px for a ${rows.lineHeight} px line), not double-spaced`);
      await showExample('example-idempotency-stable-key');
      await inEachTheme((theme) => screenshot(`reader-narrow-${theme.short}`));
    } finally {
      await vscode.commands.executeCommand('workbench.action.evenEditorWidths');
    }
  });

  it('has a table of contents of every section, marking the section being read', async () => {
    await openLessonAndWait('key-terms');
    await sectionInViewBecomes('key-terms');
    await waitUntil(contentsOnScreen, (toc) => toc.current.join() === 'key-terms', 'the contents to mark "Key terms" as current');
    assert.deepEqual((await contentsOnScreen()).entries, SECTION_IDS);
    await openLessonAndWait('mistake-missing-idempotency');
    await waitUntil(contentsOnScreen, (toc) => toc.current.join() === 'common-mistakes', 'an item in view to make its section current');
    const sticky = await evaluateInLesson<{ position: string; top: number }>(`(() => {
      window.scrollBy(0, 400);
      return { position: getComputedStyle(document.querySelector('.toc')).position, top: Math.round(document.querySelector('.toc').getBoundingClientRect().top) };
    })()`);
    assert.deepEqual(sticky, { position: 'sticky', top: 0 }, 'the contents stay at the top while the lesson scrolls');
  });

  it('puts the table of contents in a sticky column beside the lesson when the panel is wide (screenshot)', async () => {
    await openLessonAndWait('key-terms');
    try {
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await setEditorWidths(0.2);
      await waitFor(async () => ((await probeLesson<number>('document.documentElement.clientWidth')) ?? 0) > 1000, 'the lesson panel to become wide');
      const layout = await evaluateInLesson<{ tocRight: number; bodyLeft: number; listShown: boolean; top: number }>(`(() => {
        window.scrollBy(0, 300);
        const toc = document.querySelector('.toc').getBoundingClientRect();
        return { tocRight: toc.right, bodyLeft: document.querySelector('.lesson-body').getBoundingClientRect().left,
          listShown: getComputedStyle(document.querySelector('.toc-list')).display !== 'none', top: Math.round(toc.top) };
      })()`);
      assert.ok(layout.tocRight <= layout.bodyLeft, `the contents sit beside the lesson: ${JSON.stringify(layout)}`);
      assert.equal(layout.listShown, true, 'the list is open without the button');
      assert.equal(layout.top, 0, 'the column stays at the top while the lesson scrolls');
      await screenshot('reader-contents-wide');
    } finally {
      await vscode.commands.executeCommand('workbench.action.evenEditorWidths');
      await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    }
  });

  it('moves through the table of contents by keyboard: Tab in, Up/Down/Home/End, Enter opens, Escape returns to the content', async () => {
    await openLessonAndWait('module-header');
    await sectionInViewBecomes('module-header');
    await clickInLesson('.eyebrow');
    // Each step: the keys pressed, and where focus must then be.
    const steps: [keys: string[], focus: string][] = [
      [['Shift+Tab'], '.toc-toggle'],
      [['ArrowDown'], 'toc:module-header'],
      [['ArrowDown', 'ArrowDown'], 'toc:progress'],
      [['End'], 'toc:optional-practice'],
      [['ArrowUp'], 'toc:artefact-and-reflection'],
      [['Home'], 'toc:module-header'],
      [Array<string>(7).fill('ArrowDown'), 'toc:main-idea'],
      [['Enter'], '#main-idea'],
    ];
    for (const [keys, focus] of steps) {
      await press(...keys);
      await focusBecomes(focus);
      if (focus === 'toc:module-header') assert.equal((await contentsOnScreen()).expanded, true, 'Down on the button opens the list');
    }
    await sectionInViewBecomes('main-idea');
    await waitUntil(contentsOnScreen, (toc) => toc.current.join() === 'main-idea' && !toc.expanded, 'Enter to open "Main idea" and close the list');
    await clickInLesson('.toc-toggle');
    await focusBecomes('toc:main-idea');
    await press('ArrowDown');
    await focusBecomes('toc:worked-example-retry-storm');
    await press('Escape');
    await focusBecomes('#main-idea');
    assert.equal((await contentsOnScreen()).expanded, false, 'Escape closes the list');
  });

  it('ticks the sections whose task is done, as the progress changes (screenshots)', async () => {
    await openLessonAndWait('verification-checklist');
    await postFromLessonWebview({ type: 'setCompleted', completed: false });
    const [last, ...others] = [...CHECKLIST_ITEM_IDS].reverse();
    for (const id of others) await postFromLessonWebview({ type: 'setChecklistItem', itemId: id, checked: true });
    await postFromLessonWebview({ type: 'setChecklistItem', itemId: last, checked: false });
    await waitUntil(contentsOnScreen, (toc) => !toc.done.includes('progress') && !toc.done.includes('verification-checklist'), 'no tick on unfinished sections');
    await postFromLessonWebview({ type: 'setCompleted', completed: true });
    await postFromLessonWebview({ type: 'setChecklistItem', itemId: last, checked: true });
    await waitUntil(contentsOnScreen, (toc) => toc.done.includes('progress') && toc.done.includes('verification-checklist'), 'ticks on the completed module and the finished checklist');
    await clickInLesson('.toc-toggle');
    await waitUntil(contentsOnScreen, (toc) => toc.expanded, 'the list to open');
    await inEachTheme((theme) => screenshot(`reader-contents-${theme.short}`));
    await press('Escape');
  });

  it('marks a revealed section with a bar in the focus colour, no flood of colour, and no transition under reduced motion', async () => {
    await openLessonAndWait('failure-modes');
    await sectionInViewBecomes('failure-modes');
    // Polled until the bar has faded in (a short transition, unless the reader asks for reduced motion).
    const mark = await waitUntil(() => probeLesson<{ boxShadow: string; background: string; focusBorder: string } | null>(`(() => {
      const section = document.getElementById('failure-modes');
      if (!section.classList.contains('revealed')) return null;
      const probe = document.createElement('span');
      probe.style.setProperty('color', 'var(--vscode-focusBorder)');
      document.body.append(probe);
      const focusBorder = getComputedStyle(probe).color;
      probe.remove();
      return { boxShadow: getComputedStyle(section).boxShadow, background: getComputedStyle(section).backgroundColor, focusBorder };
    })()`), (found) => Boolean(found?.boxShadow.includes(found.focusBorder) && /inset/.test(found.boxShadow)), 'the revealed section to carry a bar in the focus colour');
    if (!mark) assert.fail('no mark');
    assert.equal(mark.background, 'rgba(0, 0, 0, 0)', 'the section keeps its background');
    const reducedMotion = await evaluateInLesson<string[]>(`[...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
      .filter((rule) => rule instanceof CSSMediaRule && rule.conditionText.includes('prefers-reduced-motion: reduce'))
      .flatMap((rule) => [...rule.cssRules]).filter((rule) => rule.selectorText?.includes('.section') && rule.style.transition.startsWith('none'))
      .map((rule) => rule.selectorText)`);
    assert.ok(reducedMotion.length > 0, 'a reduced-motion rule takes the transition off sections');
    await press('ArrowDown');
    await waitFor(() => probeLesson<boolean>(`!document.querySelector('.revealed')`), 'the reader\'s next key to end the mark');
  });

  it('names only this module in the module navigation', async () => {
    await openLessonAndWait('module-header');
    const nav = await evaluateInLesson<{ cards: string[]; text: string; tags: number }>(`({
      cards: [...document.querySelectorAll('.module-nav .nav-title')].map((title) => title.textContent),
      text: document.querySelector('.module-nav').textContent,
      tags: document.querySelectorAll('vscode-tag').length,
    })`);
    assert.deepEqual(nav.cards, ['Integration and APIs']);
    assert.doesNotMatch(nav.text, /not included|Previously|Next/i);
    assert.equal(nav.tags, 0);
  });
});
