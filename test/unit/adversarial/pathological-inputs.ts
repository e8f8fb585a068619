// Generated source texts that push the analysis to its worst cases: deep nesting of every construct that
// nests, long chains, self-references, many tiny functions. Each is code TypeScript's parser accepts
// (or rejects with an error, never silently), so any slowness is the analysis's own. Inputs are at
// least some tens of kilobytes, so that their parse time is long enough to compare against.

export interface PathologicalInput {
  name: string;
  text: string;
}

const repeat = (count: number, make: (i: number) => string): string => Array.from({ length: count }, (_, i) => make(i)).join('');

/** `depth` levels of `open` … `close` around `body`. */
function nested(depth: number, open: string, close: string, body: string): string {
  return `${open.repeat(depth)}${body}${close.repeat(depth)}`;
}

/** 5,000 assignments: the body that gives each enclosing loop something to rescan. */
const ASSIGNMENTS = repeat(5000, (i) => `x${i % 50} = y + ${i};\n`);

/**
 * Depths beyond what TypeScript's parser manages on a main thread's stack (it recurses; about 500
 * nested calls of arrow functions, 800 parentheses, 1,500 loops) are in the list too: the outcome
 * there is a notice, and the same on every thread.
 */
export function pathologicalInputs(): PathologicalInput[] {
  return [
    { name: '400 nested while (true) { try { … } catch {} } around 5,000 assignments',
      text: `async function f() {\n${nested(400, 'while (true) { try {\n', '} catch (e) { await sleep(1000); } }\n', ASSIGNMENTS)}}\n` },
    { name: '300 nested for loops with a retry catch, 10 times',
      text: repeat(10, () => nested(300, 'for (let attempt = 0; ; attempt++) { try { await fetch(u); break; } catch (e) {\n', '} }\n', 'retry();\n')) },
    { name: '2,000 nested for loops (deeper than the parser manages)',
      text: nested(2000, 'for (let attempt = 0; ; attempt++) { try { await fetch(u); break; } catch (e) {\n', '} }\n', 'retry();') },
    { name: '1,000 nested do … while (failed), 4 times',
      text: repeat(4, () => nested(1000, 'do { const res = await fetch(u);\n', '} while (!res.ok);\n', 'x = 1;\n')) },
    { name: '1,000 nested if (error), 5 times',
      text: repeat(5, () => nested(1000, 'if (error) { retry();\n', '}\n', 'x = 1;\n')) },
    { name: '500 nested functions calling themselves on failure, 5 times',
      text: repeat(5, (k) => repeat(500, (i) => `function f${k}_${i}() { try { f${k}_${i}(); } catch (e) { setTimeout(f${k}_${i}, 1000);\n`) + '}}\n'.repeat(500)) },
    { name: '300 nested arrow functions with .catch, 20 times',
      text: repeat(20, (k) => `const g${k} = ${nested(300, '() => fetch(u).catch(() => ', ')', `g${k}()`)};\n`) },
    { name: '300 nested parentheses and arrays, 100 times',
      text: repeat(100, (k) => `const v${k} = ${nested(300, '([', '])', 'retry')};\n`) },
    { name: '300 nested object literals, 20 times',
      text: repeat(20, (k) => `const o${k} = ${nested(300, '{ retry: { retries: Infinity, a: ', '} }', '1')};\n`) },
    { name: '400 nested template literals, 50 times',
      text: repeat(50, (k) => `const t${k} = ${nested(400, '`${', '}`', 'retry')};\n`) },
    { name: '1 MB self-reference `const f = () => f+f+…`',
      text: `const f = () => f${'+f'.repeat(500_000)};\n` },
    { name: '3,000 operands `a + a + …` in a retry, 20 times',
      text: repeat(20, () => `while (true) { try { x = a${' + a'.repeat(3000)}; break; } catch (e) { retry(); } }\n`) },
    { name: '1,000 .then().catch() pairs that call back, 5 times',
      text: repeat(5, (k) => `function load${k}() { return fetch(u)${`.then((r) => r.json()).catch(() => load${k}())`.repeat(1000)}; }\n`) },
    { name: '100,000 tiny functions',
      text: repeat(100_000, (i) => `function f${i}() { return ${i}; }\n`) },
    { name: '5,000 retry loops in a row',
      text: repeat(5000, (i) => `for (let a${i} = 0; a${i} < 3; a${i}++) { try { await post(u); break; } catch (e) { await sleep(1000); } }\n`) },
    { name: '1,000 loops without blocks, 20 times',
      text: repeat(20, () => `${'while (failed) '.repeat(1000)}retry();\n`) },
    { name: '5,000 methods, each a close handler that calls the next',
      text: `class Chain {\n${repeat(5000, (i) => `  m${i}() { this.ws.onclose = () => this.m${i + 1}(); }\n`)}}\n` },
    { name: '3,000 close handlers registered in one connect, each reconnecting through its own method',
      text: `class Feed {\n  connect() {\n${repeat(3000, (i) => `    this.ws.addEventListener('close', () => this.lost${i}());\n`)}  }\n${repeat(3000, (i) => `  lost${i}() { setTimeout(() => this.connect(), 1000); }\n`)}}\n` },
    { name: '20,000 object properties `onclose: (` with long parameter lists',
      text: repeat(20_000, (i) => `const o${i} = { onclose: (${'a, '.repeat(20)}z) => 1 };\n`) },
    { name: 'a 200 KB name made of `onclose` repeated, 5 times',
      text: repeat(5, (i) => `const on${'close'.repeat(40_000)}${i} = 1;\n`) },
    { name: 'a recursive retry whose catch holds 1,000 nested tests of its count that only log, 5 times',
      text: repeat(5, (i) => `async function r${i}(n) {\n  try { await op(); } catch (e) {\n${nested(1000, 'if (n > 1) {\n', '}\n', 'console.log(n);\n')}    await sleep(n);\n    return r${i}(n - 1);\n  }\n}\n`) },
    { name: '5,000 early success returns before a self-call, 5 times',
      text: repeat(5, (i) => `async function s${i}(n) {\n${repeat(5000, (j) => `  if (res${j}.ok) return res${j};\n`)}  return s${i}(n - 1);\n}\n`) },
    { name: 'a recursive retry with 64 calls, each after 500-term exits on its count joined by ||',
      text: `async function g(n) {\n  try { return await op(); } catch (e) {\n${repeat(64, (i) => `    if (n > ${i} || ${'n > 1 || '.repeat(500)}n > 2) throw e;\n    if (e.code === ${i}) return g(n - 1);\n`)}    if (n > 0) return g(n - 1);\n  }\n}\n` },
    { name: '3,000 timer objects, each built to start the next, started from close handlers',
      text: `class Timers {\n  constructor() {\n${repeat(3000, (i) => `    this.t${i} = new Timer(() => this.t${i + 1}.schedule(), 1000);\n`)}  }\n  connect() {\n${repeat(3000, (i) => `    this.ws.addEventListener('close', () => this.t${i}.schedule());\n`)}  }\n}\n` },
    { name: '10,000 limits set to Infinity, compared in a retry loop, with callers',
      text: `class Limits {\n${repeat(10_000, (i) => `  max${i} = opts.max${i} ?? Infinity;\n`)}  async run(a = Infinity) {\n    for (let n = 0; ; n++) {\n      try { return await op(); } catch (e) {\n${repeat(2000, (i) => `        if (n > this.max${i}) throw e;\n`)}      }\n    }\n  }\n}\n${repeat(2000, () => 'new Limits().run(3);\n')}` },
    { name: '2,000 nested try/catch, each catch waiting and calling again what its try called',
      text: `async function deep() {\n${nested(2000, 'try { await send(order); } catch (e) { await sleep(500);\n', '}\n', 'await send(order);\n')}}\n` },
    { name: '5,000 tests in a recursive retry, each asking the same 2 KB helper',
      text: `class C {\n  canRetry(n) {\n${repeat(60, (i) => `    if (n > ${i} && this.limit${i} < n) return false;\n`)}    return true;\n  }\n  async go(n) {\n    try { return await op(); } catch (e) {\n${repeat(5000, () => '      if (!this.canRetry(n)) throw e;\n')}      return this.go(n + 1);\n    }\n  }\n}\n` },
    { name: '3,000 identifiers named like their function, in 300 nested blocks that declare them',
      text: `function retry() {\n${nested(300, '{ let retry = 0;\n', '}\n', repeat(3000, () => 'retry++;\n'))}}\n` },
  ];
}
