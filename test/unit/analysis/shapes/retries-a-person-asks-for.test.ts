// A catch that offers the person a Retry button (`button.addEventListener('click', loadCrews)`, `onclick = load`,
// `<button onClick={load}>`) runs the function again only when someone clicks: nothing goes round by itself, so it is
// no retry. Look-alike: the same function handed to a timer, or to a connection's `error` event, goes round alone.
// Also the helpers TypeScript and Babel emit for async functions (`__awaiter`'s `step` handing a rejection back to the
// generator) are compiled code, not a retry someone wrote.
import { runLibraryTable } from '../libraries/library-table';

/** A list loader whose catch renders an error with a retry button and registers `handler` on it. */
function loader(handler: string): string {
  return `export async function loadCrews(container) {
  try {
    const crews = await api.getCrews();
    render(container, crews);
  } catch (err) {
    container.innerHTML = '<button id="retry">Retry</button>';
    ${handler};
    throw err;
  }
}`;
}

const AWAITER = `var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
  return new (P || (P = Promise))(function (resolve, reject) {
    function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
    function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
    function step(result) { result.done ? resolve(result.value) : new P(function (resolve) { resolve(result.value); }).then(fulfilled, rejected); }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};`;

describe('shapes: retries a person asks for', () => {
  runLibraryTable([], [
    { title: 'a click listener on a retry button: silent', code: loader("container.querySelector('#retry').addEventListener('click', loadCrews)"), findings: [] },
    { title: 'an onclick handler that wraps the call: silent', code: loader('container.firstChild.onclick = () => loadCrews(container)'), findings: [] },
    { title: 'the same function handed to a timer goes round by itself: reported', code: loader('setTimeout(() => loadCrews(container), 5000)'), findings: [[7, 'unbounded-retry']] },
    {
      title: 'a JSX button whose onClick calls the loader again: silent',
      code: `export function Crews() {
  const load = async () => {
    try {
      setCrews(await api.getCrews());
    } catch (err) {
      setError(<button onClick={() => load()}>Retry</button>);
    }
  };
  return null;
}`,
      findings: [],
      fileName: 'crews.tsx',
    },
    { title: "TypeScript's compiled __awaiter helper: silent", code: AWAITER, findings: [] },
  ]);
});
