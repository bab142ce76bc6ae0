// The parameters object of an Octokit request built by spreading a value of the project's own type:
// `octokit.apps.getRepoInstallation({ ...repo })` with `repo: Repo` (`interface Repo { owner; repo }`). Such
// a spread carries route parameters, the owner and repository of the project's domain, not Octokit's
// `request` options (`OctokitOptions`, `RequestParameters` and other package types are still out of sight),
// so it bounds nothing, as a spread of an object the module spells does not (rules/apiClients.ts).
import { type Node, propertyName, unwrap } from '../ast.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';

/** Does every spread of this object literal read a parameter of a project type with no `request` member? */
export function domainSpreads(ctx: ModuleContext, object: Node | undefined): boolean {
  const o = unwrap(object);
  if (o?.type !== 'ObjectExpression') return false;
  const spreads = (o.properties as Node[]).filter((p) => p.type === 'SpreadElement');
  return spreads.length > 0 && spreads.every((s) => domainParam(ctx, unwrap(s.argument as Node)));
}

function domainParam(ctx: ModuleContext, id: Node | undefined): boolean {
  if (id?.type !== 'Identifier') return false;
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param') return false;
  const p = binding.declaration.type === 'AssignmentPattern' ? binding.declaration.left : binding.declaration;
  const t = (p?.typeAnnotation as Node | undefined)?.typeAnnotation;
  if (t?.type !== 'TSTypeReference' || t.typeName?.type !== 'Identifier' || t.typeArguments) return false;
  const name = t.typeName.name as string;
  // Every declaration of the name counts: interfaces merge, so a second `interface Params { request? }`
  // adds `request` to the first; and one that extends another type (`extends RequestParameters`, a package
  // type that declares `request`) may inherit it, so it is no domain type.
  let interfaces = 0;
  for (const stmt of ctx.program.body as Node[]) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? (stmt.declaration as Node | null) : stmt;
    if (decl?.type === 'TSInterfaceDeclaration' && decl.id?.name === name) {
      if ((decl.extends as Node[] | undefined)?.length || !domainMembers(decl)) return false;
      interfaces++;
    }
    if (stmt.type !== 'ImportDeclaration' || !isProjectSource(stmt.source.value as string)) continue;
    for (const s of stmt.specifiers as Node[])
      if (s.local?.name === name && s.type === 'ImportSpecifier') return true;
  }
  return interfaces > 0;
}

/** An interface body that declares no `request` member. */
function domainMembers(decl: Node): boolean {
  return !(decl.body.body as Node[]).some(
    (m) => propertyName(m.key as Node, m.computed as boolean) === 'request',
  );
}
