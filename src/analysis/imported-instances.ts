// Instances of an imported class whose methods retry (project/module-summary.ts, `retrying-class`): an SDK's
// resource classes are handed the HTTP client that retries (`constructor(private readonly http: HttpClient)`,
// `this.http = new HttpClient(config)`), then call its helpers as methods (`this.http.call((signal) =>
// this.http.client.POST(url, { body, signal }))`). Each place the file keeps one (`this.http`, `client`) turns
// the class's methods that run a callback again into helpers by name path (`this.http.call`): what the callback
// sends is retried. Their cap and waits are the class's, judged in its own file, not at each call.
import ts from 'typescript';
import { namePath, unwrap, walkTree } from './ast';
import type { ExportedRetry } from './project/module-summary';
import type { SourceIndex } from './source-index';

/** How many places that keep instances are read per class: a real file keeps a few. */
const MAX_INSTANCE_PATHS = 16;

/**
 * The file's imported names in retry terms, with each imported retrying class replaced by its methods at the
 * places the file keeps instances (`this.http.call` → the `call` helper). Other entries stay as they are.
 */
export function withInstanceMethods(imported: ReadonlyMap<string, ExportedRetry>, index: SourceIndex): ReadonlyMap<string, ExportedRetry> {
  const classes = [...imported].filter(([, exported]) => exported.kind === 'retrying-class');
  if (classes.length === 0) return imported;
  const expanded = new Map(imported);
  for (const [local, exported] of classes) {
    if (exported.kind !== 'retrying-class') continue;
    expanded.delete(local);
    for (const path of instancePaths(index.sourceFile, local)) {
      for (const { name, helper } of exported.methods) {
        // A client's methods are called from many places: their cap and waits are judged once, in the class's own
        // file; a call here only says what runs again (a POST in the callback). A request the method sends itself
        // is judged there too.
        if (helper.kind === 'retry-helper') expanded.set(`${path}.${name}`, { ...helper, bound: { capped: 'unknown' }, waits: { kind: 'quiet' } });
      }
    }
  }
  return expanded;
}

/**
 * Where a file keeps instances of `className`: a parameter or property typed with it (`private readonly http:
 * HttpClient`, `http: HttpClient`), one made with `new className(…)`, and a field set from such a parameter
 * (`this.http = http`). A constructor's parameter property is kept as `this.name`.
 */
export function instancePaths(sourceFile: ts.SourceFile, className: string): string[] {
  const paths = new Set<string>();
  const typedParameters = new Set<string>();
  walkTree(sourceFile, undefined, (node) => {
    if (paths.size >= MAX_INSTANCE_PATHS) return undefined;
    if (ts.isParameter(node) && ts.isIdentifier(node.name) && (namesClass(node.type, className) || makesInstance(node.initializer, className))) {
      typedParameters.add(node.name.text);
      paths.add(ts.isConstructorDeclaration(node.parent) && isParameterProperty(node) ? `this.${node.name.text}` : node.name.text);
    } else if ((ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node)) && ts.isIdentifier(node.name)
      && (namesClass(node.type, className) || makesInstance(node.initializer, className))) {
      paths.add(ts.isPropertyDeclaration(node) ? `this.${node.name.text}` : node.name.text);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const right = unwrap(node.right);
      const path = namePath(node.left);
      if (path && (makesInstance(right, className) || (ts.isIdentifier(right) && typedParameters.has(right.text)))) paths.add(path);
    }
    return undefined;
  });
  return [...paths];
}

function namesClass(type: ts.TypeNode | undefined, className: string): boolean {
  return type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === className;
}

function makesInstance(value: ts.Expression | undefined, className: string): boolean {
  const made = value ? unwrap(value) : undefined;
  return made !== undefined && ts.isNewExpression(made) && ts.isIdentifier(made.expression) && made.expression.text === className;
}

/** `private readonly http: HttpClient` in a constructor: a parameter that is also a field. */
function isParameterProperty(parameter: ts.ParameterDeclaration): boolean {
  return (ts.getModifiers(parameter) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.PublicKeyword
    || modifier.kind === ts.SyntaxKind.ProtectedKeyword || modifier.kind === ts.SyntaxKind.ReadonlyKeyword);
}
