// The one walk over a file. It visits every node once and keeps only what the recognisers need
// later: loops, calls, functions by name, variable declarations and assignments, imports, and
// functions that refer to themselves. Everything after this works from these lists (plus small
// scans of individual retry constructs), which keeps the analysis close to the cost of the parse.
import ts from 'typescript';
import { MAX_SOURCE_NESTING, NestedTooDeeply, spendWork } from './run-context';
import type { DelayClass } from './delays';
import { calleeName, type FunctionNode, functionName, isFunctionNode, namePath, propertyNameText, readOnce, reverseTail, stringValue, unwrap, walkTree } from './ast';

// TypeScript's exports are getters: the walk reads what it needs once, at load, because it runs on every node.
const Kind = ts.SyntaxKind;
const forEachChild = ts.forEachChild;
const SCOPE_KINDS = new Set<ts.SyntaxKind>([
  Kind.Block, Kind.SourceFile, Kind.ForStatement, Kind.ForInStatement, Kind.ForOfStatement, Kind.WhileStatement, Kind.DoStatement,
  Kind.CaseBlock, Kind.ModuleBlock, Kind.FunctionDeclaration, Kind.FunctionExpression, Kind.ArrowFunction, Kind.MethodDeclaration,
  Kind.Constructor, Kind.GetAccessor, Kind.SetAccessor,
]);
const FIRST_ASSIGNMENT = Kind.FirstAssignment;
const LAST_ASSIGNMENT = Kind.LastAssignment;

export interface SelfReference {
  /** The function that refers to itself. */
  fn: FunctionNode;
  /** The identifier or `this.name` access that refers to it (a call's callee, or a callback argument). */
  ref: ts.Expression;
}

export interface SourceIndex {
  sourceFile: ts.SourceFile;
  text: string;
  loops: ts.IterationStatement[];
  calls: ts.CallExpression[];
  newExpressions: ts.NewExpression[];
  /** Every `catch (…) { … }` of the file, in source order. */
  catchClauses: ts.CatchClause[];
  /** Named functions, methods and function-valued variables, by the name they are called by. */
  functions: Map<string, FunctionNode[]>;
  /** Variable declarations with a plain identifier name, by name. */
  declarations: Map<string, ts.VariableDeclaration[]>;
  /** Assignments (`=`, `+=`, `??=`, …) to a name path (`delay`, `this.attempts`), by path. */
  assignments: Map<string, ts.BinaryExpression[]>;
  /** Declarations by the scope that holds them (block, function, loop, file), then by name: lookups walk up from a use. */
  scopedDeclarations: Map<ts.Node, Map<string, ts.VariableDeclaration[]>>;
  /** Per scope, the names its destructuring declarations bind (`const { batch } = …`): they shadow a function's name. */
  scopedDestructuredNames: Map<ts.Node, Set<string>>;
  /** Assignments by the function (or file) they sit in, then by name path. */
  functionAssignments: Map<ts.Node, Map<string, ts.BinaryExpression[]>>;
  /** Local name → module it was imported from; named imports as `module#exported`. */
  imports: Map<string, string>;
  selfReferences: SelfReference[];
  /**
   * What imported functions compute, read as a delay (`calculateBackoff(attempt)` from another file), where
   * a host follows imports: set from the project's summaries before the retries are read.
   */
  importedDelays: Map<string, DelayClass>;
  /**
   * Every identifier's text (escapes decoded), and quoted property names (`{ 'retry_strategy': … }`,
   * `api['withRetry']`): what the file names, read without a pass over its text. (The parser's own table
   * of identifiers is incomplete after an incremental parse, so it is not used.)
   */
  names: Set<string>;
}

export function indexSource(sourceFile: ts.SourceFile): SourceIndex {
  const index: SourceIndex = {
    sourceFile,
    text: sourceFile.text,
    loops: [],
    calls: [],
    newExpressions: [],
    catchClauses: [],
    functions: new Map(),
    declarations: new Map(),
    assignments: new Map(),
    imports: new Map(),
    selfReferences: [],
    importedDelays: new Map(),
    names: new Set(),
    scopedDeclarations: new Map(),
    scopedDestructuredNames: new Map(),
    functionAssignments: new Map(),
  };
  // Names of the functions we are inside, with how deep each is open, to spot self-references in one pass.
  const openFunctions: FunctionNode[] = [];
  const openNames = new Map<string, number>();
  // Local names a function gives the path it is assigned to (`const self = module.exports`), with that function.
  const selfAliases = new Map<string, FunctionNode>();
  const closeFunction = (fn: FunctionNode): void => {
    openFunctions.pop();
    const name = functionName(fn);
    if (name) openNames.set(name, (openNames.get(name) ?? 1) - 1);
  };

  // An explicit stack, not recursion: the nesting depth comes from the user's code. Each entry is a
  // node with its parent, the innermost scope (for declarations) and function (for assignments)
  // around it; CLOSE entries mark where a function's subtree ends.
  const nodes: ts.Node[] = [];
  const parents: ts.Node[] = [];
  const scopes: ts.Node[] = [];
  const functions: ts.Node[] = [];
  const nestings: number[] = [];
  const push = (node: ts.Node, parent: ts.Node, scope: ts.Node, fn: ts.Node, nesting: number): void => {
    nodes.push(node);
    parents.push(parent);
    scopes.push(scope);
    functions.push(fn);
    nestings.push(nesting);
  };
  // One callback for the whole walk (not one per node), reading the context of the node being expanded.
  let childParent: ts.Node = sourceFile;
  let childScope: ts.Node = sourceFile;
  let childFunction: ts.Node = sourceFile;
  let childNesting = 0;
  let lightChild: ts.Node | undefined;
  let lightChildNesting = 0;
  const pushChild = (child: ts.Node): void => push(child, childParent, childScope, childFunction, child === lightChild ? lightChildNesting : childNesting);
  const pushChildren = (node: ts.Node, scope: ts.Node, fn: ts.Node, nesting: number): void => {
    const first = nodes.length;
    childParent = node;
    childScope = scope;
    childFunction = fn;
    childNesting = nesting + NESTING_STEP;
    lightChild = lightlyNested(node);
    if (lightChild) lightChildNesting = nesting + (node.kind === Kind.IfStatement || node.kind === Kind.ConditionalExpression ? 1 : 0);
    forEachChild(node, pushChild);
    reverseTail(nodes, first);
    reverseTail(parents, first);
    reverseTail(scopes, first);
    reverseTail(functions, first);
    reverseTail(nestings, first);
  };

  let currentFunction: ts.Node = sourceFile;
  // Assignments are filed by function as they are recorded (see recordAssignment).
  assignmentSink = (path, binary) => addTo(mapFor(index.functionAssignments, currentFunction), path, binary);
  try {
    pushChildren(sourceFile, sourceFile, sourceFile, 0);
    while (nodes.length > 0) {
      spendWork();
      const node = nodes.pop()!;
      const parent = parents.pop()!;
      let scope = scopes.pop()!;
      currentFunction = functions.pop()!;
      const nesting = nestings.pop()!;
      if (nesting > MAX_SOURCE_NESTING * NESTING_STEP) throw new NestedTooDeeply();
      if (node === CLOSE) {
        closeFunction(currentFunction as FunctionNode);
        continue;
      }
      // An AST from another parser (the ESLint host) may lack parent pointers; the recognisers need them.
      if (!node.parent) (node as { parent: ts.Node }).parent = parent;
      const kind = node.kind;
      if (kind === Kind.Identifier) index.names.add((node as ts.Identifier).text);
      else if (kind === Kind.StringLiteral && (parent.kind === Kind.PropertyAssignment || parent.kind === Kind.ElementAccessExpression)) index.names.add((node as ts.StringLiteral).text);
      record(index, node, kind);
      if (kind === Kind.VariableDeclaration) recordScopedNames(index, node as ts.VariableDeclaration, scope);
      if (SCOPE_KINDS.has(kind)) scope = node;
      if (isFunctionNode(node)) {
        const name = functionName(node);
        openFunctions.push(node);
        if (name) openNames.set(name, (openNames.get(name) ?? 0) + 1);
        push(CLOSE, parent, scope, node, nesting);
        pushChildren(node, scope, node, nesting);
      } else {
        if ((kind === Kind.Identifier || kind === Kind.PropertyAccessExpression) && openFunctions.length > 0) noteSelfReference(index, node, openFunctions, openNames, selfAliases);
        pushChildren(node, scope, currentFunction, nesting);
      }
    }
  } finally {
    assignmentSink = undefined;
  }
  return index;
}

/**
 * Nesting is counted in steps of how much stack TypeScript's parser takes to read it (measured on the
 * main thread: it overflows at about 570 levels of `A<A<…>>`, the most costly, and at about 4,700 of
 * `else if` or `a ? b : c ? …`). A level costs NESTING_STEP; the child returned by lightlyNested
 * costs less (see there).
 */
const NESTING_STEP = 8;

/**
 * The child that nests at a fraction of a level: an `else if` and a ternary's `: c ? …` (one unit,
 * an eighth of a level: long chains of them are real code), and the operands the parser reads in a loop
 * rather than by recursion (nothing): the left side of `a + b + …` and the object of `a.b.c()…`.
 */
function lightlyNested(node: ts.Node): ts.Node | undefined {
  switch (node.kind) {
    case Kind.IfStatement:
      return (node as ts.IfStatement).elseStatement;
    case Kind.ConditionalExpression:
      return (node as ts.ConditionalExpression).whenFalse;
    case Kind.BinaryExpression:
      return (node as ts.BinaryExpression).left;
    case Kind.PropertyAccessExpression:
    case Kind.ElementAccessExpression:
    case Kind.CallExpression:
    case Kind.NonNullExpression:
    case Kind.TaggedTemplateExpression:
      return (node as ts.PropertyAccessExpression).expression;
    default:
      return undefined;
  }
}

/** How far up from a reference a closer declaration of its name is looked for (bounded: `f + f + …` nests deep). */
const MAX_SHADOW_STEPS = 64;

/**
 * Whether a local or a parameter of the same name, declared between the reference and the function,
 * hides the function: `const retry = (…) => { let retry = 0; … retry++ }` counts, it does not call itself.
 */
function shadowedBetween(index: SourceIndex, node: ts.Node, fn: ts.Node, name: string): boolean {
  let steps = 0;
  for (let scope = node.parent; scope && scope !== fn && steps < MAX_SHADOW_STEPS; scope = scope.parent, steps++) {
    if (index.scopedDeclarations.get(scope)?.has(name) || index.scopedDestructuredNames.get(scope)?.has(name)) return true;
    if (isFunctionNode(scope) && scope.parameters.some((parameter) => parameter.name.kind === Kind.Identifier && parameter.name.text === name)) return true;
  }
  return false;
}

/** `error: (message, error) => { if (error) … }`: the function's own parameter of its name is what the name means inside. */
function namesParameter(fn: FunctionNode, name: string): boolean {
  return fn.parameters.some((parameter) => parameter.name.kind === Kind.Identifier && parameter.name.text === name);
}

/**
 * `{ load: async () => { … load() } }`, `{ load() { … load() } }`: a property of an object literal is in no scope, so
 * inside it the bare name means another binding (a named function expression, `load: function load() {}`, names itself).
 */
function heldByObjectLiteral(fn: FunctionNode): boolean {
  if (fn.kind === Kind.FunctionExpression && fn.name) return false;
  const holder = fn.kind === Kind.MethodDeclaration ? fn : fn.parent;
  return (holder.kind === Kind.PropertyAssignment || holder.kind === Kind.MethodDeclaration) && holder.parent.kind === Kind.ObjectLiteralExpression;
}

/** The stack entry that closes a function's subtree in the walk (never a real node). */
const CLOSE = { kind: Kind.Unknown } as ts.Node;

/** Where recordAssignment also files an assignment by its function, during a walk. */
let assignmentSink: ((path: string | undefined, binary: ts.BinaryExpression) => void) | undefined;

/** Nodes that hold `const`/`let` declarations: blocks, functions, loops, the file, case blocks, namespaces. */
export function isScopeNode(node: ts.Node): boolean {
  return SCOPE_KINDS.has(node.kind);
}

function mapFor<K, V>(map: Map<K, Map<string, V[]>>, key: K): Map<string, V[]> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

/** Calls by the callee's last name, built on first use. */
const callsByNameCache = new WeakMap<SourceIndex, Map<string, ts.CallExpression[]>>();

export function callsNamed(index: SourceIndex, name: string): ts.CallExpression[] {
  let byName = callsByNameCache.get(index);
  if (!byName) {
    byName = new Map();
    for (const call of index.calls) addTo(byName, calleeName(call), call);
    callsByNameCache.set(index, byName);
  }
  return byName.get(name) ?? [];
}

function record(index: SourceIndex, node: ts.Node, kind: ts.SyntaxKind): void {
  switch (kind) {
    case Kind.WhileStatement:
    case Kind.DoStatement:
    case Kind.ForStatement:
    case Kind.ForOfStatement:
      index.loops.push(node as ts.IterationStatement);
      break;
    case Kind.CallExpression:
      index.calls.push(node as ts.CallExpression);
      break;
    case Kind.NewExpression:
      index.newExpressions.push(node as ts.NewExpression);
      break;
    case Kind.CatchClause:
      index.catchClauses.push(node as ts.CatchClause);
      break;
    case Kind.VariableDeclaration:
      recordDeclaration(index, node as ts.VariableDeclaration);
      break;
    case Kind.BinaryExpression:
      recordAssignment(index, node as ts.BinaryExpression);
      break;
    case Kind.ImportDeclaration:
      recordImport(index, node as ts.ImportDeclaration);
      break;
    case Kind.ImportEqualsDeclaration:
      recordImportEquals(index, node as ts.ImportEqualsDeclaration);
      break;
    default:
      if (isFunctionNode(node)) addTo(index.functions, functionName(node), node);
  }
}

export function addTo<T>(map: Map<string, T[]>, key: string | undefined, value: T): void {
  if (key === undefined) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The names a declaration binds in its scope, destructured ones too (`const { batch, remaining } = …`), so that a
 * name shadowing the function it sits in is not taken for a call of it. Patterns are read with a stack (any depth).
 */
function recordScopedNames(index: SourceIndex, declaration: ts.VariableDeclaration, scope: ts.Node): void {
  if (declaration.name.kind === Kind.Identifier) {
    addTo(mapFor(index.scopedDeclarations, scope), declaration.name.text, declaration);
    return;
  }
  let names = index.scopedDestructuredNames.get(scope);
  if (!names) index.scopedDestructuredNames.set(scope, (names = new Set()));
  const pending: ts.BindingName[] = [declaration.name];
  for (let name = pending.pop(); name; name = pending.pop()) {
    if (name.kind === Kind.Identifier) names.add(name.text);
    else for (const element of name.elements) if (element.kind === Kind.BindingElement) pending.push(element.name);
  }
}

function recordDeclaration(index: SourceIndex, declaration: ts.VariableDeclaration): void {
  if (ts.isIdentifier(declaration.name)) {
    addTo(index.declarations, declaration.name.text, declaration);
    const module = requiredModule(declaration.initializer);
    if (module) index.imports.set(declaration.name.text, module);
    return;
  }
  // const { a, b: c } = require('m')
  const module = requiredModule(declaration.initializer);
  if (module && ts.isObjectBindingPattern(declaration.name)) {
    for (const element of declaration.name.elements) {
      if (!ts.isIdentifier(element.name)) continue;
      const exported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
      index.imports.set(element.name.text, `${module}#${exported}`);
    }
  }
}

/** `require('m')`, `require('m').default`, `(await import('m')).default` → m. */
function requiredModule(initializer: ts.Expression | undefined): string | undefined {
  let node = initializer;
  while (node && (ts.isPropertyAccessExpression(node) || ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node))) node = node.expression;
  if (!node || !ts.isCallExpression(node)) return undefined;
  const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
  const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
  return isRequire || isImport ? stringValue(node.arguments[0]) : undefined;
}

function recordAssignment(index: SourceIndex, binary: ts.BinaryExpression): void {
  const operator = binary.operatorToken.kind;
  if (operator < FIRST_ASSIGNMENT || operator > LAST_ASSIGNMENT) return;
  const path = namePath(binary.left);
  addTo(index.assignments, path, binary);
  assignmentSink?.(path, binary);
}

function recordImport(index: SourceIndex, declaration: ts.ImportDeclaration): void {
  const module = stringValue(declaration.moduleSpecifier);
  const clause = declaration.importClause;
  if (!module || !clause) return;
  if (clause.name) index.imports.set(clause.name.text, module);
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    index.imports.set(bindings.name.text, module);
    return;
  }
  for (const element of bindings.elements) {
    const exported = element.propertyName ? (element.propertyName as ts.Identifier).text : element.name.text;
    index.imports.set(element.name.text, exported === 'default' ? module : `${module}#${exported}`);
  }
}

function recordImportEquals(index: SourceIndex, declaration: ts.ImportEqualsDeclaration): void {
  const reference = declaration.moduleReference;
  if (ts.isExternalModuleReference(reference)) {
    const module = stringValue(reference.expression);
    if (module) index.imports.set(declaration.name.text, module);
  }
}

/**
 * `initTasks.connect()` inside the `connect` method of `const initTasks = { async connect() { … } }`, and
 * `this.realtime.create()` inside `create` of a class field `realtime = { create: () => { … } }`: an
 * object literal's method called through the name that holds the object.
 */
function noteHolderReference(index: SourceIndex, access: ts.PropertyAccessExpression, name: string, open: FunctionNode[], aliases: Map<string, FunctionNode>): void {
  const holder = namePath(access.expression);
  if (!holder) return;
  for (let i = open.length - 1; i >= 0; i--) {
    const fn = open[i]!;
    if (functionName(fn) !== name) continue;
    if (objectHolder(fn) === holder) index.selfReferences.push({ fn, ref: access });
    else if (EXPORTS_PATH.test(holder) && assignedPath(fn) === `${holder}.${name}`) noteAssignedPathReference(index, access, fn, aliases);
    return;
  }
}

/**
 * `setTimeout(module.exports.connect, 5000)` inside `module.exports.connect = function () { … }`: a function
 * called by the path it is assigned to. `const self = module.exports` inside `module.exports = () => { … }`
 * gives that path a local name, whose uses are then the references.
 */
function noteAssignedPathReference(index: SourceIndex, access: ts.PropertyAccessExpression, fn: FunctionNode, aliases: Map<string, FunctionNode>): void {
  const parent = access.parent;
  if (parent.kind === Kind.VariableDeclaration && (parent as ts.VariableDeclaration).initializer === access) {
    const alias = (parent as ts.VariableDeclaration).name;
    if (alias.kind === Kind.Identifier) aliases.set(alias.text, fn);
    return;
  }
  // Called, or handed on to be called (`setTimeout(module.exports.connect, ms)`); not assigned (`exports.run = null`).
  if (parent.kind === Kind.CallExpression) index.selfReferences.push({ fn, ref: access });
}

/** What holds a CommonJS module's exports in a path: `module` (of `module.exports`), `module.exports` and `exports` (of `exports.connect`). */
const EXPORTS_PATH = /^(module\.exports|exports|module)$/;

/** The name path a function is assigned to: `module.exports.connect` for `module.exports.connect = function () { … }`. */
function assignedPath(fn: FunctionNode): string | undefined {
  const parent = fn.parent;
  if (parent?.kind !== Kind.BinaryExpression) return undefined;
  const assignment = parent as ts.BinaryExpression;
  return assignment.operatorToken.kind === Kind.EqualsToken && assignment.right === fn ? namePath(assignment.left) : undefined;
}

/** The name path that holds the object literal a function is a member of: `initTasks`, `this.realtime`. */
function objectHolder(fn: FunctionNode): string | undefined {
  const member = fn.kind === Kind.MethodDeclaration ? fn : fn.parent;
  const object = member?.parent;
  if (!object || object.kind !== Kind.ObjectLiteralExpression) return undefined;
  const holder = object.parent;
  if (!holder) return undefined;
  if (holder.kind === Kind.VariableDeclaration && (holder as ts.VariableDeclaration).name.kind === Kind.Identifier) return ((holder as ts.VariableDeclaration).name as ts.Identifier).text;
  if (holder.kind === Kind.PropertyDeclaration) {
    const field = (holder as ts.PropertyDeclaration).name;
    return ts.isIdentifier(field) ? `this.${field.text}` : undefined;
  }
  if (holder.kind === Kind.BinaryExpression && (holder as ts.BinaryExpression).operatorToken.kind === Kind.EqualsToken) return namePath((holder as ts.BinaryExpression).left);
  return undefined;
}

/** Members through which a function is called or handed on: `connect.call(this)`, `retry.bind(this)`. */
const CALLING_MEMBERS = new Set(['call', 'apply', 'bind']);

/**
 * Notes a reference from inside a function to that same function: `connect()` or
 * `setTimeout(connect, ms)` inside `connect`, `this.fetchData()` inside the method `fetchData`.
 */
function noteSelfReference(index: SourceIndex, node: ts.Node, open: FunctionNode[], openNames: Map<string, number>, aliases: Map<string, FunctionNode>): void {
  let name: string;
  if (node.kind === Kind.Identifier) {
    name = (node as ts.Identifier).text;
    const aliased = aliases.get(name);
    if (aliased && aliased.pos <= node.pos && node.end <= aliased.end && (node.parent as ts.NamedDeclaration).name !== node) {
      index.selfReferences.push({ fn: aliased, ref: node as ts.Expression });
      return;
    }
    if (!openNames.get(name)) return;
    const parent = node.parent;
    // Property names, declarations' own names and parameters are not references.
    if (parent.kind === Kind.PropertyAccessExpression && (parent as ts.PropertyAccessExpression).name === node) return;
    // `batch.forEach(…)`, `fn.length`: a member of what the name holds, not a call of it (`fn.call(…)` is one).
    if (parent.kind === Kind.PropertyAccessExpression && !CALLING_MEMBERS.has((parent as ts.PropertyAccessExpression).name.text)) return;
    if ((parent as ts.NamedDeclaration).name === node) return;
  } else {
    const access = node as ts.PropertyAccessExpression;
    name = access.name.text;
    if (!openNames.get(name)) return;
    if (access.expression.kind !== Kind.ThisKeyword && !isAliasOfThis(index, access.expression)) {
      noteHolderReference(index, access, name, open, aliases);
      return;
    }
  }
  for (let i = open.length - 1; i >= 0; i--) {
    const fn = open[i]!;
    if (functionName(fn) !== name) continue;
    if (node.kind === Kind.Identifier && (shadowedBetween(index, node, fn, name) || namesParameter(fn, name) || heldByObjectLiteral(fn))) return;
    // A method is referred to as `this.name`; a plain function by its bare name.
    const isMethod = fn.kind === Kind.MethodDeclaration || fn.parent.kind === Kind.PropertyDeclaration;
    const isThisAccess = node.kind === Kind.PropertyAccessExpression;
    if (isMethod === isThisAccess || !isMethod) index.selfReferences.push({ fn, ref: node as ts.Expression });
    return;
  }
}

/** `that.props.socket` as `this.props.socket` where `const that = this`: a path through a name given `this`, from `this`. */
export function pathFromThis(index: SourceIndex, path: string): string {
  const dot = path.indexOf('.');
  const first = dot < 0 ? path : path.slice(0, dot);
  return (index.declarations.get(first) ?? []).some((declaration) => declaration.initializer?.kind === Kind.ThisKeyword) ? `this${dot < 0 ? '' : path.slice(dot)}` : path;
}

/** `me` in `const me = this; … me.connect()`: a name the method gave `this` (`self`, `that`, `_this`), as declared before. */
function isAliasOfThis(index: SourceIndex, expression: ts.Expression): boolean {
  return expression.kind === Kind.Identifier
    && (index.declarations.get((expression as ts.Identifier).text) ?? []).some((declaration) => declaration.initializer?.kind === Kind.ThisKeyword);
}

/** The first index in `calls` (in source order) of a call at or after `pos`. */
export function firstCallFrom(calls: readonly ts.CallExpression[], pos: number): number {
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (calls[middle]!.pos < pos) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The one value a class field is given in the file: its initializer, or its one assignment. */
export function fieldValue(access: ts.PropertyAccessExpression, index: SourceIndex): ts.Expression | undefined {
  const name = access.name.text;
  let owner: ts.Node | undefined = access.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  const field = owner ? classFields(owner).get(name) : undefined;
  const values = [...(field?.initializer ? [field.initializer] : []), ...(index.assignments.get(`this.${name}`) ?? []).map((assignment) => assignment.right)];
  return values.length === 1 ? unwrap(values[0]!) : undefined;
}

/**
 * `this.configuration.maxAttempts` where the class declares `configuration = { maxAttempts: 0, … }` and only ever
 * merges more over it (`this.configuration = { ...this.configuration, ...given }`): the value it has unless a caller,
 * out of sight, gives another.
 */
export function fieldDefault(access: ts.PropertyAccessExpression, index: SourceIndex): ts.Expression | undefined {
  const holder = access.expression;
  if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== Kind.ThisKeyword) return undefined;
  let owner: ts.Node | undefined = access.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  const initializer = owner ? classFields(owner).get(holder.name.text)?.initializer : undefined;
  const defaults = initializer ? unwrap(initializer) : undefined;
  if (!defaults || !ts.isObjectLiteralExpression(defaults)) return undefined;
  const merges = (index.assignments.get(`this.${holder.name.text}`) ?? []).every(({ right }) => {
    const value = unwrap(right);
    const first = ts.isObjectLiteralExpression(value) ? value.properties[0] : undefined;
    return first !== undefined && ts.isSpreadAssignment(first) && namePath(first.expression) === `this.${holder.name.text}`;
  });
  if (!merges) return undefined;
  const property = defaults.properties.find((member) => ts.isPropertyAssignment(member) && propertyNameText(member.name) === access.name.text);
  return property && ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
}

const fieldsByClass = new WeakMap<ts.ClassLikeDeclaration, Map<string, ts.PropertyDeclaration>>();

/** A class's fields by name (read once per class: many calls may name them). */
function classFields(owner: ts.ClassLikeDeclaration): Map<string, ts.PropertyDeclaration> {
  return readOnce(fieldsByClass, owner, () => {
    const fields = new Map<string, ts.PropertyDeclaration>();
    for (const member of owner.members) {
      const name = ts.isPropertyDeclaration(member) ? propertyNameText(member.name) : undefined;
      if (name !== undefined && !fields.has(name)) fields.set(name, member as ts.PropertyDeclaration);
    }
    return fields;
  });
}

const classNamesCache = new WeakMap<SourceIndex, ReadonlySet<string>>();

/** The names of the classes the file declares (anywhere in it), read once per file. */
export function classNamesOf(index: SourceIndex): ReadonlySet<string> {
  return readOnce(classNamesCache, index, () => {
    const names = new Set<string>();
    walkTree(index.sourceFile, undefined, (node) => {
      if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.name) names.add(node.name.text);
      return undefined;
    });
    return names;
  });
}

/** The one function (or method, through `this.`) of the file a call runs, if there is one by its name. */
export function localFunctionCalled(call: ts.CallExpression, index: SourceIndex): FunctionNode | undefined {
  const callee = unwrap(call.expression);
  const local = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) ? index.functions.get(calleeName(call) ?? '') : undefined;
  return local?.length === 1 ? local[0] : undefined;
}
