// A request method read from a member of a verb table (`method: HTTP_REQ_TYPES.get`, `method:
// HttpVerbs.GET`): projects keep the verbs in one shared constant or enum, often imported from a package the
// scan cannot read, so the member's name is the only spelling of the method in the module. It is trusted
// only where the table is a module-level name (an import, a top-level const or enum): a parameter's or a
// local's `.get` is not a verb table. A table written in the module is read instead of its member's name.
import { type Node, objectProps, stringValue, unwrap } from './ast.js';
import { literalMethod } from './httpVerbs.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The method a `method` option's value names when it is a verb table's member, else undefined.
 *
 * @example
 * tabledMethod(ctx, value) // 'GET' for `method: HTTP_REQ_TYPES.get` with `const { httpActions: HTTP_REQ_TYPES } = constants`
 */
export function tabledMethod(ctx: ModuleContext, value: Node | undefined): string | undefined {
  const member = unwrap(value);
  if (member?.type !== 'MemberExpression' || member.computed === true) return undefined;
  const property = member.property as Node;
  const table = unwrap(member.object as Node);
  if (property.type !== 'Identifier' || table?.type !== 'Identifier') return undefined;
  const name = property.name as string;
  const verb = literalMethod(name);
  if (verb === undefined) return undefined;
  const enumBody = moduleEnum(ctx, table.name as string);
  if (enumBody !== undefined) return enumMember(enumBody, name, verb);
  const binding = ctx.resolve(table.name as string, table);
  if (binding === undefined || binding.scope !== ctx.program) return undefined;
  if (binding.kind === 'import') return verb;
  if (binding.kind !== 'const') return undefined;
  // `const { httpActions: VERBS } = constants` (a pattern: no init of its own) or `const VERBS = pkg.verbs`.
  const init = unwrap(binding.init);
  if (init === undefined || init.type === 'MemberExpression' || init.type === 'Identifier') return verb;
  // `const VERBS = { get: 'GET' }`: the member's own string decides; a table that does not spell it does not.
  const props = objectProps(init);
  if (props === undefined) return undefined;
  return literalMethod(stringValue(props.props.get(name)));
}

/** The body of a TypeScript enum named `name` declared at the module's top level (exported or not). */
function moduleEnum(ctx: ModuleContext, name: string): Node[] | undefined {
  for (const statement of ctx.program.body as Node[]) {
    const decl = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node) : statement;
    if (decl?.type !== 'TSEnumDeclaration' || (decl.id as Node).name !== name) continue;
    const body = decl.body as Node | undefined;
    return ((body?.members ?? decl.members) as Node[] | undefined) ?? [];
  }
  return undefined;
}

/** An enum member's string value when it has one (`GET = 'GET'`); its name otherwise (`GET`). */
function enumMember(members: Node[], name: string, verb: string): string | undefined {
  const member = members.find((m) => {
    const id = m.id as Node;
    return (id.name ?? id.value) === name;
  });
  if (member === undefined) return undefined;
  const init = member.initializer as Node | undefined;
  return init === undefined ? verb : literalMethod(stringValue(init));
}
