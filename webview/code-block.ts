// A code example as the reader sees it: one block per source line, tokens as spans whose class names
// their kind (coloured per theme in media/lesson.css). Text goes in as text nodes only.
import highlightedCode from '@generated/highlighted-code';
import { codeLines, isHighlighted, type CodeToken } from '../src/lesson/highlighted-code';
import { h } from './dom';

function token([kind, text]: CodeToken): Node {
  return kind === '' ? document.createTextNode(text) : h('span', { class: `tok tok-${kind}` }, text);
}

/** How far the line's own text is indented, in characters: its wrapped continuation hangs below that. */
function indentOf(line: readonly CodeToken[]): number {
  const text = line.map(([, part]) => part).join('');
  return text.length - text.trimStart().length;
}

function codeLine(line: readonly CodeToken[]): HTMLElement {
  const element = h('span', { class: 'code-line' }, ...line.map(token));
  // A custom property set through the CSSOM, which the panel's CSP allows (a style attribute it would not).
  element.style.setProperty('--indent', `${indentOf(line)}ch`);
  return element;
}

export function codeBlock(example: { readonly id: string; readonly code: string; readonly language: string }, label: string): HTMLElement {
  const lines = codeLines(example, highlightedCode);
  return h('pre', { class: isHighlighted(lines) ? 'code highlighted' : 'code', 'aria-label': label },
    h('code', { class: `language-${example.language}` }, ...lines.map(codeLine)));
}
