// Generated source texts that push the analysis to its worst cases: deep nesting of every construct that
// nests, long chains, self-references, many tiny functions. Each is code TypeScript's parser accepts
// (or rejects with an error, never silently), so any slowness is the analysis's own. Inputs are at
// least some tens of kilobytes, so that their parse time is long enough to compare against.

export interface PathologicalInput {
  name: string;
  text: string;
  /** What the analysis must answer: findings (possibly none), the nesting notice, or either. */
  expect?: 'analysed' | 'too-deep';
}

const repeat = (count: number, make: (i: number) => string): string => Array.from({ length: count }, (_, i) => make(i)).join('');

/** `depth` levels of `open` … `close` around `body`. */
function nested(depth: number, open: string, close: string, body: string): string {
  return `${open.repeat(depth)}${body}${close.repeat(depth)}`;
}

/** 5,000 assignments: the body that gives each enclosing loop something to rescan. */
const ASSIGNMENTS = repeat(5000, (i) => `x${i % 50} = y + ${i};\n`);

/** Constructs that nest, each as a text `depth` levels deep, with a retry word so that the pre-check lets it through. */
interface NestingConstruct {
  name: string;
  make: (depth: number) => string;
  /**
   * Nearly the deepest it is analysed at, under MAX_SOURCE_NESTING (measured: each construct takes its
   * own number of syntax levels); the test checks that this depth is analysed and 1,000 is not.
   */
  analysedDepth: number;
}

const NESTING_CONSTRUCTS: NestingConstruct[] = [
  { name: 'while (true) { try { … } catch {} }', analysedDepth: 90, make: (depth) => `async function f() {\n${nested(depth, 'while (true) { try {\n', '} catch (e) { await sleep(1000); } }\n', repeat(50, (i) => `x${i} = y + ${i};\n`))}}\n` },
  { name: 'retry for loops', analysedDepth: 70, make: (depth) => nested(depth, 'for (let attempt = 0; ; attempt++) { try { await fetch(u); break; } catch (e) {\n', '} }\n', 'retry();\n') },
  { name: 'do … while (!res.ok)', analysedDepth: 180, make: (depth) => nested(depth, 'do { const res = await fetch(u);\n', '} while (!res.ok);\n', 'x = 1;\n') },
  { name: 'if (error) { retry(); … }', analysedDepth: 180, make: (depth) => nested(depth, 'if (error) { retry();\n', '}\n', 'x = 1;\n') },
  { name: 'functions calling themselves on failure', analysedDepth: 70, make: (depth) => repeat(depth, (i) => `function f${i}() { try { f${i}(); } catch (e) { setTimeout(f${i}, 1000);\n`) + '}}\n'.repeat(depth) },
  { name: 'arrow functions with .catch', analysedDepth: 120, make: (depth) => `const g = ${nested(depth, '() => fetch(u).catch(() => ', ')', 'g()')};\n` },
  { name: 'parentheses and arrays', analysedDepth: 180, make: (depth) => `const v = ${nested(depth, '([', '])', 'retry')};\n` },
  { name: 'object literals', analysedDepth: 90, make: (depth) => `const o = ${nested(depth, '{ retry: { retries: Infinity, a: ', '} }', '1')};\n` },
  { name: 'template literals', analysedDepth: 180, make: (depth) => `const t = ${nested(depth, '`${', '}`', 'retry')};\n` },
  { name: 'calls as arguments', analysedDepth: 360, make: (depth) => `retry(${nested(depth, 'f(', ')', 'x')});\n` },
  { name: 'class expressions', analysedDepth: 70, make: (depth) => nested(depth, 'x = class { m() { retry();\n', '} }\n', '') },
  { name: 'switch statements', analysedDepth: 120, make: (depth) => nested(depth, 'switch (a) { case 1: retry();\n', '}\n', '') },
  { name: 'generic types A<A<…>>', analysedDepth: 360, make: (depth) => `let x: ${nested(depth, 'A<', '>', 'B')}; retry();\n` },
  { name: 'try/catch, each catch waiting and calling again', analysedDepth: 120, make: (depth) => `async function deep() {\n${nested(depth, 'try { await send(order); } catch (e) { await sleep(500);\n', '}\n', 'await send(order);\n')}}\n` },
  { name: 'blocks declaring a local named like the function', analysedDepth: 360, make: (depth) => `function retry() {\n${nested(depth, '{ let retry = 0;\n', '}\n', 'retry++;\n')}}\n` },
  { name: 'tests of a count that only log, in a recursive retry', analysedDepth: 180, make: (depth) => `async function r(n) {\n  try { await op(); } catch (e) {\n${nested(depth, 'if (n > 1) {\n', '}\n', 'console.log(n);\n')}    await sleep(n);\n    return r(n - 1);\n  }\n}\n` },
];

/** Inputs of about this size, repeated from one construct, so that their parse is long enough to time. */
const NESTED_INPUT_CHARACTERS = 60_000;

/** Each construct 1,000 deep (a notice, the same on every thread) and nearly as deep as is analysed (findings). */
function nestingInputs(): PathologicalInput[] {
  return NESTING_CONSTRUCTS.flatMap(({ name, make, analysedDepth }) => {
    const deepest = make(analysedDepth);
    const copies = Math.max(1, Math.round(NESTED_INPUT_CHARACTERS / deepest.length));
    return [
      { name: `${name}, 1,000 deep`, text: make(1000), expect: 'too-deep' as const },
      { name: `${name}, ${analysedDepth} deep (inside the nesting limit), ${copies} times`, text: repeat(copies, () => deepest), expect: 'analysed' as const },
    ];
  });
}

/**
 * Nesting past MAX_SOURCE_NESTING (TypeScript's parser recurses, and overflows about 550 levels of
 * the costliest construct on a main thread's stack) is a notice, the same on every thread; chains
 * that the parser reads in a loop (`a + a + …`, `.then().catch()…`, `else if …`) are analysed.
 */
export function pathologicalInputs(): PathologicalInput[] {
  return [
    ...nestingInputs(),
    { name: '4,000 else-if branches in a retry catch',
      text: `async function r(n) { try { await op(); } catch (e) { ${repeat(4000, (i) => `if (e.code === ${i}) { await sleep(${i}); } else `)}{ } return r(n + 1); } }\n`, expect: 'too-deep' },
    { name: '2,000 else-if branches in a retry catch, 10 times',
      text: repeat(10, (k) => `async function r${k}(n) { try { await op(); } catch (e) { ${repeat(2000, (i) => `if (e.code === ${i}) { await sleep(${i}); } else `)}{ } return r${k}(n + 1); } }\n`), expect: 'analysed' },
    { name: '20,000 calls of a local function after `if (ok) return` in one method, each a possible way back',
      text: `class C {\n  later() { setTimeout(() => this.run(), 1000); }\n  async run() {\n    const ok = await this.send();\n    if (ok) return;\n${repeat(20_000, () => '    this.later();\n')}  }\n}\n`, expect: 'analysed' },
    { name: '4,000 `if (…) continue;` in one retry loop, 5 times',
      text: repeat(5, () => `async function f() { for (let a = 0; ; a++) { try { return await op(); } catch (e) { ${repeat(4000, (i) => `if (e.c${i}) continue;\n`)} } } }\n`), expect: 'analysed' },
    { name: '4,000 POSTs in one retry loop, each with its own fresh key',
      text: `async function f() { for (let a = 0; a < 3; a++) { try {\n${repeat(4000, (i) => `const k${i} = randomUUID(); await fetch(u, { method: 'POST', headers: { 'Idempotency-Key': k${i} } });\n`)} return; } catch (e) { await sleep(Math.random() * 1000); } } }\n`, expect: 'analysed' },
    { name: 'a delay read through a property chain of 20,000 links, 5 times',
      text: repeat(5, () => `async function f() { for (let i = 0; ; i++) { try { return await op(); } catch (e) { await sleep(a${'.b'.repeat(20_000)}); } } }\n`), expect: 'analysed' },
    { name: 'a delay of 20,000 alternatives `a || a || …`, 5 times',
      text: repeat(5, () => `async function f() { for (let i = 0; ; i++) { try { return await op(); } catch (e) { await sleep(a${' || a'.repeat(20_000)}); } } }\n`), expect: 'analysed' },
    { name: 'an assignment to a property chain of 20,000 links in a retry, 5 times',
      text: repeat(5, () => `class C { async f() { for (;;) { try { return await op(); } catch (e) { this${'.x'.repeat(20_000)} = 1; await sleep(5); } } } }\n`), expect: 'analysed' },
    { name: '400 nested while (true) { try { … } catch {} } around 5,000 assignments (the hardening issue\'s input)',
      text: `async function f() {\n${nested(400, 'while (true) { try {\n', '} catch (e) { await sleep(1000); } }\n', ASSIGNMENTS)}}\n`, expect: 'too-deep' },
    { name: '1 MB self-reference `const f = () => f+f+…`',
      text: `const f = () => f${'+f'.repeat(500_000)};\n` },
    { name: '3,000 operands `a + a + …` in a retry, 20 times',
      text: repeat(20, () => `while (true) { try { x = a${' + a'.repeat(3000)}; break; } catch (e) { retry(); } }\n`) },
    { name: 'a reconnect period of 5,000 factors `1 * 1 * …` and a retry count of 5,000 terms, 5 times',
      text: repeat(5, () => `mqtt.connect(url, { reconnectPeriod: 1${' * 1'.repeat(5_000)} });\nfor (let i = 0; i < 1${' + 1'.repeat(5_000)}; i++) { try { await send(); break; } catch (e) { await sleep(100); } }\n`) },
    { name: '1,000 .then().catch() pairs that call back, 5 times',
      text: repeat(5, (k) => `function load${k}() { return fetch(u)${`.then((r) => r.json()).catch(() => load${k}())`.repeat(1000)}; }\n`) },
    { name: '1,000 .then().catch() pairs that call back, 5 times, in a file that imports SDKs whose sends are known',
      text: `import { Client } from 'discord.js';\nimport nodemailer from 'nodemailer';\n${repeat(5, (k) => `function load${k}() { return channel.send(u)${`.then((r) => r.json()).catch(() => load${k}())`.repeat(1000)}; }\n`)}` },
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
    { name: '3,000 connects whose catch schedules the next through its own method',
      text: `class Feed {\n${repeat(3000, (i) => `  async c${i}() { try { await open(); } catch (e) { this.s${i}(); } }\n  s${i}() { setTimeout(() => this.c${i + 1}(), 1000); }\n`)}}\n` },
    { name: 'a catch beside a 200 KB name made of `sleep` repeated, 5 times',
      text: `try { f(); } catch (e) {}\n${repeat(5, (i) => `const s${'sleep'.repeat(40_000)}${i} = 1;\n`)}` },
    { name: 'a 200 KB name made of `onclose` repeated, 5 times',
      text: repeat(5, (i) => `const on${'close'.repeat(40_000)}${i} = 1;\n`) },
    { name: '5,000 once-flag ways round in one loop, each behind its own flag',
      text: `async function f() {\n${repeat(5000, (i) => `  let f${i} = false;\n`)}  while (true) {\n    const r = await send();\n${repeat(5000, (i) => `    if (r.s === ${i} && !f${i}) { f${i} = true; continue; }\n`)}    return r;\n  }\n}\n` },
    { name: '5,000 self-calls in the branch a flag opens, after clearing it',
      text: `let w = true;\nfunction save(v) {\n  if (w) {\n    try { store(v); } catch (e) {\n      w = false;\n${repeat(5000, (i) => `      if (e.code === ${i}) return save(v);\n`)}    }\n  }\n}\n` },
    { name: '3,000 close handlers in one connect, each handing the way back to a retrier',
      text: `class Feed {\n  connect() {\n${repeat(3000, (i) => `    this.ws${i}.addEventListener('close', () => this.retrier.retryLater(this.ws${i}, () => this.connect()));\n`)}  }\n}\n` },
    { name: '5,000 early success returns before a self-call, 5 times',
      text: repeat(5, (i) => `async function s${i}(n) {\n${repeat(5000, (j) => `  if (res${j}.ok) return res${j};\n`)}  return s${i}(n - 1);\n}\n`) },
    { name: 'a recursive retry with 64 calls, each after 500-term exits on its count joined by ||',
      text: `async function g(n) {\n  try { return await op(); } catch (e) {\n${repeat(64, (i) => `    if (n > ${i} || ${'n > 1 || '.repeat(500)}n > 2) throw e;\n    if (e.code === ${i}) return g(n - 1);\n`)}    if (n > 0) return g(n - 1);\n  }\n}\n` },
    { name: '3,000 timer objects, each built to start the next, started from close handlers',
      text: `class Timers {\n  constructor() {\n${repeat(3000, (i) => `    this.t${i} = new Timer(() => this.t${i + 1}.schedule(), 1000);\n`)}  }\n  connect() {\n${repeat(3000, (i) => `    this.ws.addEventListener('close', () => this.t${i}.schedule());\n`)}  }\n}\n` },
    { name: '10,000 limits set to Infinity, compared in a retry loop, with callers',
      text: `class Limits {\n${repeat(10_000, (i) => `  max${i} = opts.max${i} ?? Infinity;\n`)}  async run(a = Infinity) {\n    for (let n = 0; ; n++) {\n      try { return await op(); } catch (e) {\n${repeat(2000, (i) => `        if (n > this.max${i}) throw e;\n`)}      }\n    }\n  }\n}\n${repeat(2000, () => 'new Limits().run(3);\n')}` },
    { name: '3,000 keyless POSTs of a body object in one retry loop (the body\'s operation id looked up)',
      text: `async function f(payment) { for (let a = 0; a < 3; a++) { try {\n${repeat(3000, (i) => `const body${i} = { amount: ${i} }; await fetch(u, { method: 'POST', body: JSON.stringify(body${i}) });\n`)} return; } catch (e) { await sleep(Math.random() * 1000); } } }\n` },
    { name: '3,000 requests sending the method of a function that 3,000 calls give POST',
      text: `async function send(path, options) {\n  const { retries = 3, ...init } = options;\n  for (let a = 0; a < retries; a++) { try {\n${repeat(3000, (i) => `await fetch(path + ${i}, { ...init, method: options.method });\n`)} return; } catch (e) { await sleep(Math.random() * 1000); } }\n}\n${repeat(3000, (i) => `send('/orders/${i}', { method: 'POST', body: b${i} });\n`)}` },
    { name: 'options carrying the method passed on through a chain of 3,000 functions to 3,000 requests, retried at the top',
      text: `async function f0(o) { for (let a = 0; a < 3; a++) { try { return await f1(o); } catch (e) { await sleep(Math.random() * 1000); } } }\n${repeat(2999, (i) => `function f${i + 1}(o) { return f${i + 2}(o); }\n`)}function f3000(o) { ${repeat(3000, (i) => `fetch(u${i}, { method: o.method });`)} }\n${repeat(3000, (i) => `f0({ method: 'POST', body: b${i} });\n`)}` },
    { name: '150 nested state-change handlers testing for a lost connection, 10 times',
      text: repeat(10, (k) => `function s${k}() {\n${nested(150, "sock.ev.on('connection.update', ({ connection }) => { if (connection === 'close') { setTimeout(() => s" + k + "(), 1000); }\n", '});\n', 'x = 1;\n')}}\n`) },
    { name: '5,000 retry loops that ask an object whether another attempt is allowed',
      text: repeat(5000, (i) => `async function f${i}(ctx) { while (!done) { try { return await op(); } catch (e) { log(e); } if (!ctx${i}.allowed) break; await sleep(1000); } }\n`) },
    { name: 'a catch whose rethrow test joins 20,000 refusal tests by ||, 5 times',
      text: repeat(5, () => `async function f() { for (;;) { try { return await post(u); } catch (err) { if (${'!(err instanceof ConflictError) || '.repeat(20_000)}x) throw err; await sleep(1000); } } }\n`) },
    { name: 'a way round taken on 20,000 state tests joined by &&, 5 times',
      text: repeat(5, () => `async function f() { for (let a = 0; a < 3; a++) { try { const r = await get(u); if (${"r.status === 'pending' && ".repeat(20_000)}a < 2) { await sleep(1000); continue; } return r; } catch (e) { throw e; } } }\n`) },
    { name: '5,000 tests in a recursive retry, each asking the same 2 KB helper',
      text: `class C {\n  canRetry(n) {\n${repeat(60, (i) => `    if (n > ${i} && this.limit${i} < n) return false;\n`)}    return true;\n  }\n  async go(n) {\n    try { return await op(); } catch (e) {\n${repeat(5000, () => '      if (!this.canRetry(n)) throw e;\n')}      return this.go(n + 1);\n    }\n  }\n}\n` },
    { name: '3,000 retry loops, each under disable comments of both kinds, with enable blocks between',
      text: repeat(3000, (i) => `// integration-coach-disable-next-line unbounded-retry -- ${i}\n/* eslint-disable integration-coach/missing-idempotency-key */ async function f${i}() { while (true) { try { return await fetch(u, { method: 'POST' }); } catch { await sleep(1000); } } } /* eslint-enable */\n`) },
    { name: '5,000 retried requests whose options a 3,000-statement builder returns',
      text: `function build(n) {\n${repeat(3000, (i) => `  x${i} = n + ${i};\n`)}  return { method: 'POST', n };\n}\nasync function f() { for (let a = 0; a < 3; a++) { try {\n${repeat(5000, (i) => `await request(build(${i}));\n`)} return; } catch (e) { await sleep(Math.random() * 1000); } } }\n` },
    { name: '3,000 consumers each nacking its message under 50 tests, registered by name in one consume call',
      text: `${repeat(3000, (i) => `function onMessage${i}(msg) {\n${nested(50, 'if (ok) {\n', '}\n', 'channel.nack(msg);\n')}}\n`)}channel.consume('q', (msg) => { ${repeat(3000, (i) => `onMessage${i}(msg); `)}});\n` },
    { name: 'a recursive retry with 3,000 ways round, each handing on a grown copy of the list it tests',
      text: `async function send(path, tried = []) {\n  const host = pick(tried);\n  try { return await fetch(host + path); } catch (e) {\n    if (tried.includes(host)) throw e;\n${repeat(3000, (i) => `    if (e.code === ${i}) return send(path, [...tried, host]);\n`)}  }\n}\n` },
    { name: '3,000 methods each handing itself to one error helper of 3,000 statements that calls it back',
      text: `class C {\n  handleErrors(cb, ...args) {\n    return async (e) => {\n${repeat(3000, (i) => `      log(e, ${i});\n`)}      if (args[0].attempts++ < 5) return cb.bind(this)(...args);\n      throw e;\n    };\n  }\n${repeat(3000, (i) => `  m${i}(p) { return op${i}(p).catch(this.handleErrors(this.m${i}, p)); }\n`)}}\n` },
    { name: 'a recursive retry with 3,000 uncapped ways round, each on its own line',
      text: `async function poll(u) {\n  const r = await fetch(u);\n${repeat(3000, (i) => `  if (r.status === ${i}) { await sleep(${i}); return poll(u); }\n`)}  return r;\n}\n` },
    { name: 'a chained poll until done with 300 ways round after an answer, each after 8 tests of it with 20 terms that leave',
      text: `function poll() {\n  fetch(u).then((j) => {\n${repeat(300, (i) => `${repeat(8, (k) => `    if (${Array.from({ length: 20 }, (_, t) => `j.f${t} > ${i + k}`).join(' && ')}) return;\n`)}    setTimeout(poll, ${i});\n`)}  }).catch(() => setTimeout(poll, 1000));\n}\n` },
    { name: 'retry loops calling generators whose camel-case names are 10 KB long, 20 times, among 5,000 assignments',
      text: `${ASSIGNMENTS}${repeat(20, () => `async function f() { for (let a = 0; a < 3; a++) { try { return await gen${'AbCd'.repeat(2_500)}Name(x); } catch (e) { await sleep(1000); } } }\n`)}` },
    { name: 'a directive comment of 200 KB, and 20,000 comments that only look like directives',
      text: `/* integration-coach-disable unbounded-retry ${'x, -- '.repeat(40_000)} */\n${repeat(20_000, (i) => `x = ${i}; // integration-coach-disabled-next-line not-a-rule --\n`)}while (true) { try { await op(); } catch { await sleep(1000); } }\n` },
  ];
}
