// What a value's declared type, written in the file, says of it, where no caller in the file does.
//   - The HTTP methods a request's `method` may hold: `makeRequest({ method }: { method: 'POST' | 'GET' })`,
//     `send(method: HttpMethod)` with `type HttpMethod = 'GET' | 'POST'` in the file, `request(opts: { method: 'POST' | 'PUT' })`
//     sending `opts.method`. A request layer whose callers live in other files still says, in its signature, that it
//     sends POSTs.
//   - The fields a body sets: `updateRun(id, data: { status: 'done' | 'failed' })` sending `body: data`.
// A type out of sight (imported), `string`, or an enum says nothing.
import ts from 'typescript';
import { enclosingFunction, propertyNameText, unwrap } from './ast';
import type { SourceIndex } from './source-index';

/** How many type aliases are followed from a parameter's type (`type Verb = Method`, `type Method = 'GET' | …`). */
const MAX_ALIAS_STEPS = 3;

/** The methods, upper-cased, that the declared type of `value` lists; empty where it lists none in sight. */
export function declaredMethods(value: ts.Expression, index: SourceIndex): string[] {
  const inner = unwrap(value);
  const type = ts.isIdentifier(inner) ? typeOfName(inner.text, inner, index)
    : ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression) ? memberType(typeOfName(inner.expression.text, inner, index), inner.name.text, index)
      : undefined;
  return type ? literalTexts(type, index, 0).map((text) => text.toUpperCase()) : [];
}

/**
 * The names of the members of the object type `value` is declared with (a type literal, or a local interface or
 * alias of one); undefined where that type is not in sight or is no object type.
 */
export function declaredFieldNames(value: ts.Expression, index: SourceIndex): string[] | undefined {
  const inner = unwrap(value);
  const type = ts.isIdentifier(inner) ? typeOfName(inner.text, inner, index) : undefined;
  const members = type ? membersOf(type, index, 0) : undefined;
  return members?.map((member) => (member.name ? propertyNameText(member.name) ?? '' : ''));
}

/** The declared type of a parameter (or a name bound from one, `{ method }: Options`) of a function around `node`. */
function typeOfName(name: string, node: ts.Node, index: SourceIndex): ts.TypeNode | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    for (const parameter of fn.parameters) {
      if (ts.isIdentifier(parameter.name)) {
        if (parameter.name.text === name) return parameter.type;
        continue;
      }
      if (!ts.isObjectBindingPattern(parameter.name)) continue;
      const element = parameter.name.elements.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
      if (element) return memberType(parameter.type, element.propertyName ? propertyNameText(element.propertyName) ?? name : name, index);
    }
  }
  return undefined;
}

/** The type of a member of an object type written in the file: a type literal, or an interface or alias of one. */
function memberType(type: ts.TypeNode | undefined, member: string, index: SourceIndex): ts.TypeNode | undefined {
  const members = type ? membersOf(type, index, 0) : undefined;
  const found = members?.find((candidate) => candidate.name !== undefined && propertyNameText(candidate.name) === member);
  return found && ts.isPropertySignature(found) ? found.type : undefined;
}

function membersOf(type: ts.TypeNode, index: SourceIndex, steps: number): readonly ts.TypeElement[] | undefined {
  if (ts.isTypeLiteralNode(type)) return type.members;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || steps >= MAX_ALIAS_STEPS) return undefined;
  const declaration = typeDeclaration(type.typeName.text, index);
  if (declaration && ts.isInterfaceDeclaration(declaration)) return declaration.members;
  return declaration ? membersOf(declaration.type, index, steps + 1) : undefined;
}

/** The string literals a type is made of: `'POST'`, a union of them, or a local alias of either. */
function literalTexts(type: ts.TypeNode, index: SourceIndex, steps: number): string[] {
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
  if (ts.isUnionTypeNode(type)) return type.types.flatMap((member) => literalTexts(member, index, steps));
  if (ts.isParenthesizedTypeNode(type)) return literalTexts(type.type, index, steps);
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || steps >= MAX_ALIAS_STEPS) return [];
  const declaration = typeDeclaration(type.typeName.text, index);
  return declaration && ts.isTypeAliasDeclaration(declaration) ? literalTexts(declaration.type, index, steps + 1) : [];
}

/** A type alias or interface declared at the top of the file (exported or not). */
function typeDeclaration(name: string, index: SourceIndex): ts.TypeAliasDeclaration | ts.InterfaceDeclaration | undefined {
  for (const statement of index.sourceFile.statements) {
    if ((ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && statement.name.text === name) return statement;
  }
  return undefined;
}
