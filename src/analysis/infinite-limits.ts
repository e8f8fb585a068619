// Values the file gives names, read once per file. Limits that are no limits: a count compared with
// `Infinity` never stops a retry. The limit may be written in the comparison (`attempt < (opts.max ?? Infinity)`)
// or kept in a name whose every value in the file is infinite: `private maxReconnectAttempts = Infinity`,
// `const max = opts.maxRetries || Infinity`, a parameter defaulting to `Infinity`, a defaults object read through
// `opts.max ?? DEFAULTS.max`. A default (`?? Infinity`, `|| Infinity`, `= Infinity`) counts as the value unless
// the file somewhere gives that option a finite number (`{ maxRetries: 5 }`, `client.maxRetries = 5`): such a
// caller may be the one that runs. And switches that are off unless a caller turns them on (`reconnect = false`).
import ts from 'typescript';
import { chainOperands, type FunctionNode, functionName, namePath, numericValue, propertyNameText, readOnce, unwrap } from './ast';
import { nodeText, spendWork } from './run-context';
import { callsNamed, type SourceIndex } from './source-index';

const cache = new WeakMap<SourceIndex, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** Whether an expression is infinite by itself or by default: `Infinity`, `x ?? Infinity`, `x || Number.POSITIVE_INFINITY`. */
export function isInfiniteValue(expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  const node = unwrap(expression);
  if (numericValue(node) === Infinity) return true;
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  return (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) && isInfiniteValue(node.right);
}

/** The name paths (`maxRetries`, `this.maxReconnectAttempts`) whose every value in the file is infinite, read once per file. */
export function infiniteLimits(index: SourceIndex): ReadonlySet<string> {
  return readOnce(cache, index, () => {
    const infinite = index.names.has('Infinity') || index.names.has('POSITIVE_INFINITY') ? readLimits(index) : NONE;
    const zero = limitsOffAtZero(index);
    if (zero.size === 0) return infinite;
    const limits = new Set([...infinite, ...zero]);
    zeroKept.set(limits, zero);
    return limits;
  });
}

/** Per set of limits infiniteLimits() gave, those kept at zero (limitsOffAtZero). */
const zeroKept = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/**
 * Whether a condition operand only tests a limit kept at zero for truth (`n` in `if (n && i === 1) throw e`):
 * it is always false, so the test it is part of (`&&`) never holds.
 */
export function testsLimitKeptAtZero(operand: ts.Expression, limits: ReadonlySet<string>): boolean {
  const zero = zeroKept.get(limits);
  if (!zero) return false;
  const path = namePath(unwrap(operand));
  return path !== undefined && zero.has(path);
}

/** Whether a condition operand tests a limit kept at zero for being above zero (`n > 0` in `n > 0 && i > n`): always false. */
export function testsLimitKeptAtZeroAboveZero(operand: ts.Expression, limits: ReadonlySet<string>): boolean {
  const zero = zeroKept.get(limits);
  const path = zero ? aboveZeroTestedName(operand) : undefined;
  return path !== undefined && zero!.has(path);
}

/**
 * Text without which no `!n ||` or `n === 0 ||` can be written: files without it are not walked. Every
 * repetition is bounded, so the test stays linear on any input.
 */
const ZERO_SWITCH_TEXT = /!\s{0,4}[\w$.]{1,80}\s{0,4}\|\||[=<]=?=?\s{0,4}0\s{0,4}\|\||(?:>|!==?)\s{0,4}0\s{0,4}&&|&&\s{0,4}[\w$.]{1,80}\s{0,4}(?:>|!==?)\s{0,4}0\b/;

/**
 * Limits that a zero turns off, kept at zero: `for (let i = 0; !n || i < n;)` or `if (retries === 0 ||
 * retries > tries) retry()`, where every value the file gives `n` is 0 (`n = 0` by default, no caller in the
 * file passing another number). The test lets every round through: the cap is off.
 */
function limitsOffAtZero(index: SourceIndex): ReadonlySet<string> {
  if (!ZERO_SWITCH_TEXT.test(index.text)) return NONE;
  const { assigned, zeroSwitched, stepped } = readingOf(index);
  if (zeroSwitched.size === 0) return NONE;
  // Names whose every value is 0 (`const MAX_RETRY_ATTEMPTS = 0`), through which a default may be given.
  const zeroNames = namesOnlyGiven(assigned, isZeroGiven);
  const kept = new Set<string>();
  for (const name of zeroSwitched) {
    // `count = count || 0; count += 1`: a count that starts at 0, not a limit kept there.
    if (stepped.has(name)) continue;
    const values = assigned.filter(({ path }) => path === name || path === `.${lastName(name)}`);
    const zeroOnly = values.length > 0 && values.some(({ path }) => path === name)
      && values.every(({ value, node }) => isZeroGiven(value, zeroNames) && !(ts.isParameter(node) && passedFinite(node, index, isZero)));
    if (zeroOnly) kept.add(name);
  }
  return kept;
}

/**
 * `!n || i < n`, `n === 0 || i < n`: the names a disjunction tests for zero and keeps a count below, so that 0 lets
 * every round through. Not `!n || i >= n` (a stop that 0 makes at once: nothing goes round).
 */
function noteZeroSwitched(disjunction: ts.BinaryExpression, into: Set<string>): void {
  const operands = chainOperands(disjunction, ts.SyntaxKind.BarBarToken);
  const compared = new Set(operands.map((operand) => orderedName(operand, 'greater')));
  for (const name of operands.map(zeroTestedName)) if (name && compared.has(name)) into.add(name);
}

/**
 * `n > 0 && i > n`: the names a conjunction compares a count past only when above zero, so that 0 never stops a round.
 * Not `n > 0 && i < n`, a way round that 0 closes (nothing is retried: `if (this.maxRetries > 0 && tries < this.maxRetries) retry()`).
 */
function noteCheckedOnlyAboveZero(conjunction: ts.BinaryExpression, into: Set<string>): void {
  const operands = chainOperands(conjunction, ts.SyntaxKind.AmpersandAmpersandToken);
  const compared = new Set(operands.map((operand) => orderedName(operand, 'lesser')));
  for (const operand of operands) {
    const name = aboveZeroTestedName(operand);
    if (name && compared.has(name)) into.add(name);
  }
}

/** `n > 0`, `0 < n`, `n !== 0`, `n != 0`, `n >= 1`: the name tested for being above zero. */
function aboveZeroTestedName(operand: ts.Expression): string | undefined {
  const node = unwrap(operand);
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const right = numericValue(node.right);
  const above = (operator === ts.SyntaxKind.GreaterThanToken && right === 0) || (operator === ts.SyntaxKind.GreaterThanEqualsToken && right === 1)
    || ((operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken) && right === 0);
  if (above) return namePath(unwrap(node.left));
  return operator === ts.SyntaxKind.LessThanToken && numericValue(node.left) === 0 ? namePath(unwrap(node.right)) : undefined;
}

/**
 * `0`, a name whose every value is (`known`), or a default of one (`opts.maxRetries ?? 0`, `retries || MAX_RETRIES`):
 * a caller out of sight may give another.
 */
function isZeroGiven(value: ts.Expression, known: ReadonlySet<string>): boolean {
  const node = unwrap(value);
  if (numericValue(node) === 0) return true;
  const path = namePath(node);
  if (path !== undefined) return known.has(path);
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  return (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) && isZeroGiven(node.right, known);
}

/** `!n`, `n === 0`, `0 == n`, `n <= 0`: the name tested for zero. */
function zeroTestedName(operand: ts.Expression): string | undefined {
  let node = operand;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return namePath(unwrap(node.operand));
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  if (equal && numericValue(node.right) === 0) return namePath(unwrap(node.left));
  if (equal && numericValue(node.left) === 0) return namePath(unwrap(node.right));
  if (operator === ts.SyntaxKind.LessThanEqualsToken && numericValue(node.right) === 0) return namePath(unwrap(node.left));
  return undefined;
}

const ORDERINGS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken]);

/** The name on one side of an ordering: the greater side of `i < n` and `n > i` is `n`, the lesser `i`. */
function orderedName(operand: ts.Expression, side: 'greater' | 'lesser'): string | undefined {
  const node = unwrap(operand);
  if (!ts.isBinaryExpression(node) || !ORDERINGS.has(node.operatorToken.kind)) return undefined;
  const leftIsLesser = node.operatorToken.kind === ts.SyntaxKind.LessThanToken || node.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken;
  return namePath(unwrap((side === 'lesser') === leftIsLesser ? node.left : node.right));
}

function isZero(argument: ts.Expression): boolean {
  return numericValue(unwrap(argument)) === 0;
}

/** Whether one side of a comparison is a limit that never stops: `Infinity`, or a name kept infinite (also `max - 1`). */
export function isInfiniteLimit(side: ts.Expression, limits: ReadonlySet<string>): boolean {
  if (isInfiniteValue(side)) return true;
  if (limits.size === 0) return false;
  let node = unwrap(side);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.MinusToken || node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    && numericValue(node.right) !== undefined) node = unwrap(node.left);
  const path = namePath(node);
  return path !== undefined && limits.has(path);
}

/**
 * Whether a condition operand is a budget of attempts left that starts infinite and is counted down: `retriesLeft`,
 * `this.retries--` where every value the file gives it is infinite (`this.retries = opts.retries || Infinity`).
 * Counted down from Infinity, it never reaches 0. A budget kept at 0 is not one: at 0 nothing is retried at all.
 */
export function infiniteBudget(operand: ts.Expression, limits: ReadonlySet<string>): string | undefined {
  if (limits.size === 0) return undefined;
  let node = unwrap(operand);
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    if (node.operator !== ts.SyntaxKind.MinusMinusToken) return undefined;
    node = unwrap(node.operand);
  }
  const path = namePath(node);
  return path !== undefined && limits.has(path) && !zeroKept.get(limits)?.has(path) ? path : undefined;
}

/**
 * What makes a limit side of a comparison never stop a retry, for a message (isInfiniteLimit said it does not):
 * `` `n` is 0 unless a caller passes a number, and 0 turns it off ``, `` `opts.max || Infinity` is Infinity unless… ``.
 */
export function offLimitDetail(side: ts.Expression, limits: ReadonlySet<string>): string {
  const text = nodeText(side);
  const node = unwrap(side);
  if (numericValue(node) === Infinity) return `its cap is \`${text}\``;
  const zero = [...(zeroKept.get(limits) ?? NONE)].some((path) => text === path || text.startsWith(`${path} `));
  return zero ? `its cap \`${text}\` is 0 unless a caller passes a number, and 0 turns it off`
    : `its cap \`${text}\` is Infinity unless a caller passes a number`;
}

/** Why a budget counted down never stops a retry (infiniteBudget found it), for a message. */
export function offBudgetDetail(budget: string): string {
  return `its budget \`${budget}\` starts at Infinity unless a caller passes a number, and counted down it never runs out`;
}

/** A value the file gives a name path: `path = value`, `{ name: value }` held by `path`, a parameter's default. */
interface Assigned {
  path: string;
  value: ts.Expression;
  node: ts.Node;
}

/** How many hops of `a ?? DEFAULTS.max` → `DEFAULTS.max` → `Infinity` are followed (real code uses one or two). */
const MAX_DEFAULT_HOPS = 3;

function readLimits(index: SourceIndex): ReadonlySet<string> {
  const { assigned, destructured } = readingOf(index);
  return withDestructured(withAliases(limitsGiven(assigned, namesOnlyGiven(assigned, isInfiniteGiven), index), assigned), destructured, assigned);
}

/**
 * The limits read out of the object that holds them: `const { maxRetries } = this._options` after
 * `this._options = { maxRetries: Infinity, ...options }` reads `this._options.maxRetries`, where the name is given nothing else.
 */
function withDestructured(limits: ReadonlySet<string>, destructured: readonly Destructured[], assigned: readonly Assigned[]): ReadonlySet<string> {
  const read = destructured.filter(({ name, from }) => limits.has(from) && !assigned.some(({ path }) => path === name));
  return read.length === 0 ? limits : new Set([...limits, ...read.map(({ name }) => name)]);
}

/**
 * The limits read through a local name for the object that holds them: `const reconnection = this._reconnection;
 * if (reconnection.retries < 1) …` reads `this._reconnection.retries`. Only a name whose every value is that one object.
 */
function withAliases(limits: ReadonlySet<string>, assigned: readonly Assigned[]): ReadonlySet<string> {
  if (limits.size === 0) return limits;
  // Each plain name with the one object it holds, or null where it is given anything else.
  const holders = new Map<string, string | null>();
  for (const { path, value, node } of assigned) {
    if (path.includes('.') || holders.get(path) === null) continue;
    const held = ts.isVariableDeclaration(node) || holders.has(path) ? namePath(unwrap(value)) : undefined;
    const before = holders.get(path);
    holders.set(path, held !== undefined && (before === undefined || before === held) ? held : null);
  }
  const aliased = new Set(limits);
  for (const [alias, holder] of holders) {
    if (holder === null) continue;
    for (const limit of limits) if (limit.startsWith(`${holder}.`)) aliased.add(alias + limit.slice(holder.length));
  }
  return aliased;
}

/**
 * The name paths whose every value in the file passes `test`, read through names whose every value does
 * (`x ?? DEFAULTS.max` once every value of `DEFAULTS.max` is known to pass: a defaults object).
 */
function namesOnlyGiven(assigned: readonly Assigned[], test: (value: ts.Expression, known: ReadonlySet<string>) => boolean): ReadonlySet<string> {
  let known: ReadonlySet<string> = NONE;
  for (let hop = 0; hop < MAX_DEFAULT_HOPS; hop++) {
    const passing = new Set<string>();
    const failing = new Set<string>();
    for (const { path, value } of assigned) (test(value, known) ? passing : failing).add(path);
    const next = new Set([...passing].filter((path) => !path.startsWith('.') && !failing.has(path)));
    if (next.size === known.size) break;
    known = next;
  }
  return known;
}

const offCache = new WeakMap<SourceIndex, ReadonlySet<string>>();

/**
 * Switches that are off unless a caller turns them on: name paths whose every value in the file is `false`,
 * by default or through a name that is (`{ reconnect = false } = options; this.reconnect = reconnect`).
 */
export function switchedOffByDefault(index: SourceIndex): ReadonlySet<string> {
  return readOnce(offCache, index, () => (index.text.includes('false') ? readSwitchedOff(assignedValues(index)) : NONE));
}

function readSwitchedOff(assigned: readonly Assigned[]): ReadonlySet<string> {
  const off = namesOnlyGiven(assigned, isFalseGiven);
  // `new Client({ reconnect: true })` in the file turns the option on for that caller.
  const turnedOn = new Set(assigned.filter(({ path, value }) => path.startsWith('.') && !isFalseGiven(value, off)).map(({ path }) => path.slice(1)));
  return new Set([...off].filter((path) => !turnedOn.has(lastName(path))));
}

function isFalseGiven(value: ts.Expression, known: ReadonlySet<string>): boolean {
  const node = unwrap(value);
  if (node.kind === ts.SyntaxKind.FalseKeyword) return true;
  const path = namePath(node);
  return path !== undefined && known.has(path);
}

/** The names kept infinite, when the names in `known` are read as infinite too. */
function limitsGiven(assigned: readonly Assigned[], known: ReadonlySet<string>, index: SourceIndex): ReadonlySet<string> {
  // Each name set to an infinite value, with the option names a caller could give a finite number instead.
  const infinite = new Map<string, string[]>();
  const finite = new Set<string>();
  for (const { path, value, node } of assigned) {
    if (!isInfiniteGiven(value, known)) {
      finite.add(path);
      continue;
    }
    if (ts.isParameter(node) && passedFinite(node, index)) continue;
    infinite.set(path, [...(infinite.get(path) ?? []), lastName(path), ...defaultedOption(value)]);
  }
  const limits = new Set<string>();
  for (const [path, options] of infinite) {
    if (!path.startsWith('.') && !finite.has(path) && !options.some((option) => finite.has(`.${option}`))) limits.add(path);
  }
  return limits;
}

/** `Infinity`, `x ?? Infinity`, or a name already known to be infinite (`x ?? DEFAULTS.maxRetries`). */
function isInfiniteGiven(value: ts.Expression, known: ReadonlySet<string>): boolean {
  if (isInfiniteValue(value)) return true;
  if (known.size === 0) return false;
  const node = unwrap(value);
  const path = namePath(node);
  if (path !== undefined) return known.has(path);
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  return (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) && isInfiniteGiven(node.right, known);
}

/** A name bound from a member of an object by destructuring, without a default: `const { maxRetries } = this._options`. */
interface Destructured {
  name: string;
  /** The member's path: `this._options.maxRetries`. */
  from: string;
}

/**
 * What one walk of the file reads: every value it gives a name path, the names bound from members of objects, and the
 * names a zero lets through (noteZeroSwitched).
 */
interface Reading {
  assigned: Assigned[];
  destructured: Destructured[];
  zeroSwitched: Set<string>;
  /** Name paths the file steps (`n++`, `n += 1`): counts, not limits. */
  stepped: Set<string>;
}

const readingCache = new WeakMap<SourceIndex, Reading>();

/** Operators that step a count: `+=`, `-=`, `++`, `--`. */
const STEPS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken]);

/** Read in one walk, once per file: limits, switches and caps off at zero share it. */
function readingOf(index: SourceIndex): Reading {
  return readOnce(readingCache, index, readFile);
}

function assignedValues(index: SourceIndex): Assigned[] {
  return readingOf(index).assigned;
}

function readFile(index: SourceIndex): Reading {
  const assigned: Assigned[] = [];
  const destructured: Destructured[] = [];
  const zeroSwitched = new Set<string>();
  const stepped = new Set<string>();
  const note = (path: string | undefined, value: ts.Expression | undefined, node: ts.Node): void => {
    if (path && value) assigned.push({ path, value, node });
  };
  const work: ts.Node[] = [index.sourceFile];
  while (work.length > 0) {
    spendWork();
    const node = work.pop()!;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken
      && !(ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) noteZeroSwitched(node, zeroSwitched);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
      && !(ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) noteCheckedOnlyAboveZero(node, zeroSwitched);
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) {
      if (ts.isIdentifier(node.name)) note(node.name.text, node.initializer, node);
      const member = ts.isBindingElement(node) && !node.initializer ? destructuredMember(node) : undefined;
      if (member) destructured.push(member);
    } else if (ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) {
      // A class field is read as `this.x`; `{ maxRetries: 5 }` gives an option a value somewhere in the file.
      const name = propertyNameText(node.name);
      if (name) note(ts.isPropertyDeclaration(node) ? `this.${name}` : `.${name}`, node.initializer, node);
      // `const DEFAULTS = { maxRetries: Infinity }`, `this.config = { maxRetries: … }`: read as `DEFAULTS.maxRetries`.
      const holder = ts.isPropertyAssignment(node) ? objectHolderPath(node.parent) : undefined;
      if (name && holder) note(`${holder}.${name}`, node.initializer, node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const path = namePath(node.left);
      note(path, node.right, node);
      if (path?.includes('.')) note(`.${lastName(path)}`, node.right, node);
    } else if (ts.isBinaryExpression(node) && STEPS.has(node.operatorToken.kind)) {
      const path = namePath(node.left);
      if (path) stepped.add(path);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && STEPS.has(node.operator)) {
      const path = namePath(node.operand);
      if (path) stepped.add(path);
    }
    ts.forEachChild(node, (child) => { work.push(child); });
  }
  return { assigned, destructured, zeroSwitched, stepped };
}

/** `{ maxRetries }` or `{ maxRetries: max }` in `const … = this._options`: the name and the member it reads. */
function destructuredMember(element: ts.BindingElement): Destructured | undefined {
  const pattern = element.parent;
  const declaration = pattern.parent;
  if (!ts.isIdentifier(element.name) || !ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const holder = namePath(unwrap(declaration.initializer));
  const property = element.propertyName ? propertyNameText(element.propertyName) : element.name.text;
  return holder && property ? { name: element.name.text, from: `${holder}.${property}` } : undefined;
}

/** The name path an object literal is stored in: `DEFAULTS` in `const DEFAULTS = {…}`, `this.config` in `this.config = {…}` or a class field `config = {…}`. */
function objectHolderPath(object: ts.Node): string | undefined {
  const holder = object.parent;
  if (!ts.isObjectLiteralExpression(object) || !holder) return undefined;
  if (ts.isVariableDeclaration(holder) && holder.initializer === object && ts.isIdentifier(holder.name)) return holder.name.text;
  if (ts.isBinaryExpression(holder) && holder.right === object && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) return namePath(holder.left);
  // `private settings = { maxAttempts: Infinity }`: read as `this.settings.maxAttempts`.
  const field = ts.isPropertyDeclaration(holder) && holder.initializer === object ? propertyNameText(holder.name) : undefined;
  return field === undefined ? undefined : `this.${field}`;
}

function lastName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** The option a default stands in for: `maxRetries` in `opts.maxRetries ?? Infinity`. */
function defaultedOption(value: ts.Expression): string[] {
  const node = unwrap(value);
  const path = ts.isBinaryExpression(node) ? namePath(node.left) : undefined;
  return path ? [lastName(path)] : [];
}

/**
 * `retry(fn, maxRetries = Infinity)` called in the file as `retry(task, 5)`: a caller gives it a finite number
 * (another value than the default, `sameAsDefault` says which are not).
 */
function passedFinite(parameter: ts.ParameterDeclaration, index: SourceIndex, sameAsDefault: (argument: ts.Expression) => boolean = isInfiniteValue): boolean {
  const fn = parameter.parent;
  const position = fn.parameters.indexOf(parameter);
  const name = functionName(fn as FunctionNode);
  if (!name || position < 0) return false;
  // The function handing the parameter on to itself (`connect(url, retries, tries + 1)`) gives it no other value.
  const own = ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
  const handedOn = (call: ts.CallExpression, argument: ts.Expression): boolean => ts.isIdentifier(argument) && argument.text === own && fn.pos <= call.pos && call.end <= fn.end;
  return callsNamed(index, name).some((call) => {
    const argument = call.arguments[position];
    return argument !== undefined && !sameAsDefault(argument) && !(ts.isIdentifier(argument) && argument.text === 'undefined') && !handedOn(call, argument);
  });
}
