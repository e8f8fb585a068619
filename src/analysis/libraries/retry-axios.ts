// retry-axios: `rax.attach(instance)`, configured per client or request through `raxConfig`. Three retries
// of GET, HEAD, OPTIONS, PUT and DELETE, `exponential` backoff from 100 ms, no jitter unless `jitter` is set.
import ts from 'typescript';
import { calleeName, calleeObject, findProperty, namePath, numericValue, propertyNameText, SKIP_CHILDREN, statementInList, stringValue, unwrap, walkTree } from '../ast';
import type { Backoff } from '../retry-model';
import type { SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibraryContext, LibrarySpec } from './library-spec';
import { countBound, hasSpreadOptions, libraryConstruct, moduleOf, option, resolveObject } from './option-reading';

export const retryAxios: LibrarySpec = {
  id: 'retry-axios',
  docs: 'https://github.com/JustinBeckwith/retry-axios#usage (retry 3, retryDelay 100, backoffType exponential; idempotent methods only)',
  modules: ['retry-axios'],
  entries: ['default', 'attach'],
  names: ['raxConfig', 'httpMethodsToRetry'],
  options: { attempts: 'retry', delay: 'retryDelay', jitter: 'jitter' },
  defaults: { retries: 3, delay: '100 ms, growing exponentially', jitter: false, retriesPost: false, addsIdempotencyKey: false },
  recognise(site, context) {
    const { index, facts } = context;
    if (!ts.isCallExpression(site) || calleeName(site) !== 'attach') return false;
    const object = calleeObject(site);
    const name = object ? namePath(object) : undefined;
    if (!name || moduleOf(index, name) !== 'retry-axios') return false;
    const configs = raxConfigs(index);
    // `raxConfig` set where we cannot read it (an assignment, a variable) may turn jitter on: say nothing.
    // Where it is only named in a type (`raxConfig?: rax.RetryConfig`), nothing sets it.
    if (configs.length === 0 && index.names.has('raxConfig') && namedOutsideTypes(index.sourceFile, 'raxConfig')) return true;
    // `rax.attach(axios.create({ ...defaults, ...config }))`: the caller's config may carry a `raxConfig`.
    if (configs.length === 0 && createdFromOpaqueConfig(site.arguments[0], index)) return true;
    if (configs.length === 0) {
      facts.constructs.push(libraryConstruct(site, 'library', '`rax.attach`', index, { capped: true, by: 'library' }, { kind: 'library-default', detail: `retry-axios backs off from ${retryAxios.defaults.delay} without jitter by default` }, []));
      return true;
    }
    for (const config of configs) readConfig(config, context);
    return true;
  },
  // A config built for retry-axios where it is not attached (`module.exports = (rax) => ({ httpMethodsToRetry, … })`):
  // its own option names say what it is.
  recogniseFile(context) {
    if (!context.index.names.has(METHODS_OPTION)) return;
    walkTree(context.index.sourceFile, undefined, (node) => {
      if (ts.isObjectLiteralExpression(node) && isRaxConfig(node)) readConfig(node, context);
      return undefined;
    });
  },
};

/** Options only retry-axios reads, beside `httpMethodsToRetry`: two of them make a config unmistakable. */
const RAX_ONLY_OPTIONS = ['statusCodesToRetry', 'backoffType', 'onRetryAttempt', 'noResponseRetries', 'checkRetryAfter', 'maxRetryDelay'];

function isRaxConfig(object: ts.ObjectLiteralExpression): boolean {
  return findProperty(object, METHODS_OPTION) !== undefined && RAX_ONLY_OPTIONS.some((name) => findProperty(object, name) !== undefined);
}

/** One retry-axios config as a construct, once: its count, its backoff, and whether it lets POST be retried. */
function readConfig(config: ts.ObjectLiteralExpression, { index, facts, claimed }: LibraryContext): void {
  if (claimed.has(config)) return;
  claimed.add(config);
  const property = ts.isObjectLiteralExpression(config.parent) ? findProperty(config.parent, 'raxConfig') ?? config : config;
  if (numericValue(option(config, 'retry')) === 0) return;
  const methods = findProperty(config, METHODS_OPTION);
  facts.constructs.push({
    kind: 'library', label: '`raxConfig`', report: firstLineSpan(property, index.sourceFile), scopes: [], rerunsScope: true, anchor: statementInList(config),
    bound: countBound(config, 'retry', retryAxios.defaults.retries), backoff: raxBackoff(config),
    ...(methods && listsStateChangingMethod(option(config, METHODS_OPTION)) ? { retriesPost: { option: methods, name: METHODS_OPTION } } : {}),
  });
}

/** Every `raxConfig: { … }` object in the file, and every `….raxConfig = { … }`. */
function raxConfigs(index: SourceIndex): ts.ObjectLiteralExpression[] {
  const found: ts.ObjectLiteralExpression[] = [];
  for (const [path, assignments] of index.assignments) {
    if (!path.endsWith('.raxConfig')) continue;
    for (const assignment of assignments) {
      const value = resolveObject(assignment.right, index);
      if (value) found.push(value);
    }
  }
  for (const call of [...index.calls, ...index.newExpressions]) {
    for (const argument of call.arguments ?? []) {
      const object = resolveObject(argument, index);
      const config = object?.properties.find((property) => propertyNameText(property.name) === 'raxConfig');
      const value = config && ts.isPropertyAssignment(config) ? resolveObject(config.initializer, index) : undefined;
      if (value && !found.includes(value)) found.push(value);
    }
  }
  return found;
}

/** Whether the instance handed to `attach` is made (`axios.create(config)`) from options this file cannot read whole. */
function createdFromOpaqueConfig(instance: ts.Expression | undefined, index: SourceIndex): boolean {
  const path = instance ? namePath(instance) : undefined;
  if (!path) return false;
  const values = [
    ...(path.includes('.') ? [] : (index.declarations.get(path) ?? []).flatMap((declaration) => (declaration.initializer ? [declaration.initializer] : []))),
    ...(index.assignments.get(path) ?? []).map((assignment) => assignment.right),
  ];
  return values.some((value) => {
    const created = unwrap(value);
    if (!ts.isCallExpression(created) || calleeName(created) !== 'create' || created.arguments.length === 0) return false;
    const config = resolveObject(created.arguments[0]!, index);
    return config === undefined || hasSpreadOptions(config);
  });
}

/** Whether code names `name` other than in a type (an interface, a type alias, an annotation). */
function namedOutsideTypes(sourceFile: ts.SourceFile, name: string): boolean {
  let found = false;
  walkTree(sourceFile, undefined, (node) => {
    if (found || ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return SKIP_CHILDREN;
    if ((ts.isIdentifier(node) || ts.isStringLiteral(node)) && node.text === name) found = true;
    return undefined;
  });
  return found;
}

/** The option naming the methods retry-axios retries (GET, HEAD, OPTIONS, DELETE and PUT by default). */
const METHODS_OPTION = 'httpMethodsToRetry';

/** `['GET', 'PUT', 'POST']`: a list written out that names POST or PATCH. */
function listsStateChangingMethod(value: ts.Expression | undefined): boolean {
  const list = value ? unwrap(value) : undefined;
  return list !== undefined && ts.isArrayLiteralExpression(list) && list.elements.some((element) => /^(post|patch)$/i.test(stringValue(element) ?? ''));
}

function raxBackoff(config: ts.ObjectLiteralExpression): Backoff {
  const jitter = option(config, 'jitter');
  if (jitter !== undefined && stringValue(jitter) !== 'none') return { kind: 'jittered' };
  const type = stringValue(option(config, 'backoffType')) ?? 'exponential';
  return { kind: 'library-default', detail: `retry-axios's \`${type}\` backoff has no jitter` };
}
