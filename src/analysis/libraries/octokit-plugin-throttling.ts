// @octokit/plugin-throttling (built into the `octokit` package): `new MyOctokit({ throttle: { onRateLimit,
// onSecondaryRateLimit } })`. After a rate limit the plugin waits the server's `retryAfter` and sends the request
// again whenever the handler returns true; it counts the retries (the handler's fourth argument,
// `options.request.retryCount`) but caps nothing itself. A handler that returns true without looking at that
// count retries forever; one that compares it, or returns anything else, is bounded. The wait is the server's, so
// jitter is not judged. A handler named but written elsewhere is out of sight.
import ts from 'typescript';
import { type FunctionNode, isFunctionNode, namePath, ownName, propertyNameText, SKIP_CHILDREN, unwrap, walkTree } from '../ast';
import { firstLineSpan } from '../spans';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { libraryConstruct, option, resolveObject, type Site } from './option-reading';

/** The handlers the plugin asks whether to retry (`onAbuseLimit` is the older name of the secondary one). */
const HANDLERS = ['onRateLimit', 'onSecondaryRateLimit', 'onAbuseLimit'];

export const octokitPluginThrottling: LibrarySpec = {
  id: '@octokit/plugin-throttling',
  docs: 'https://github.com/octokit/plugin-throttling.js#usage (retries while onRateLimit / onSecondaryRateLimit return true, after the server\'s retryAfter)',
  modules: ['@octokit/plugin-throttling'],
  entries: ['throttling'],
  names: HANDLERS,
  options: { attempts: 'retryCount' },
  defaults: { retries: 'unlimited', delay: 'the server\'s retryAfter', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const throttle = throttleOptions(site, index);
    if (!throttle) return false;
    for (const property of throttle.properties) {
      const name = property.name ? propertyNameText(property.name) : undefined;
      if (!name || !HANDLERS.includes(name)) continue;
      const handler = handlerOf(property, index);
      if (!handler || !retriesUncounted(handler)) continue;
      const detail = `\`${name}\` returns true without looking at the retry count, and the throttling plugin retries as long as it does`;
      const construct = libraryConstruct(site, 'library', 'rate-limit handler of @octokit/plugin-throttling', index,
        { capped: false, reason: 'infinite-option', detail }, { kind: 'unknown' }, []);
      facts.constructs.push({ ...construct, report: firstLineSpan(property, index.sourceFile) });
    }
    return true;
  },
};

/** The `throttle` options of `new Octokit({ throttle: { … } })`, written in the file. */
function throttleOptions(site: Site, index: SourceIndex): ts.ObjectLiteralExpression | undefined {
  if (!ts.isNewExpression(site) || !site.arguments?.[0]) return undefined;
  const options = resolveObject(site.arguments[0], index);
  const throttle = options ? option(options, 'throttle') : undefined;
  return throttle ? resolveObject(throttle, index) : undefined;
}

/** The function a handler property holds: written there (`onRateLimit: (…) => …`, `onRateLimit() { … }`) or a function of the file it names. */
function handlerOf(property: ts.ObjectLiteralElementLike, index: SourceIndex): FunctionNode | undefined {
  if (ts.isMethodDeclaration(property)) return property;
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return undefined;
  const value = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : property.name;
  if (isFunctionNode(value)) return value;
  const path = namePath(value);
  const local = path === undefined ? undefined : index.functions.get(ownName(path));
  return local?.length === 1 ? local[0] : undefined;
}

/** Whether the handler answers `true` on some path and nowhere reads the count of retries it is told. */
function retriesUncounted(handler: FunctionNode): boolean {
  const body = handler.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return unwrap(body).kind === ts.SyntaxKind.TrueKeyword;
  let answersTrue = false;
  let readsCount = false;
  const countName = parameterName(handler.parameters[3]);
  walkTree(body, undefined, (node) => {
    if (node !== body && isFunctionNode(node)) return SKIP_CHILDREN;
    if (ts.isReturnStatement(node) && node.expression && unwrap(node.expression).kind === ts.SyntaxKind.TrueKeyword) answersTrue = true;
    if (ts.isIdentifier(node) && ((countName !== undefined && node.text === countName) || node.text === 'retryCount')) readsCount = true;
    return undefined;
  });
  return answersTrue && !readsCount;
}

function parameterName(parameter: ts.ParameterDeclaration | undefined): string | undefined {
  return parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
}
