// A table of project functions picked by a key (`eventToHandler[event.name]`): written as an object literal
// (`{ [POST_CREATED]: handleNewPost }`) or filled by assignments at load (`const eventToHandler = {};
// eventToHandler[POST_CREATED] = handleNewPost;`), the usual event-name dispatch of indexers and routers.
// Whatever the key, the pick may be any of them, so each is on the path of the code that runs the pick.
import { type Node, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { memberImportRef } from './projectCall.js';
import { mayBeProjectSource } from './projectSource.js';

/** Per module, the assignments `T[k] = v` / `T.k = v` written as statements, by the table's declaration. */
const assignedByModule = new WeakMap<ModuleContext, Map<Node, Node[]>>();

function assignedValues(ctx: ModuleContext): Map<Node, Node[]> {
  const known = assignedByModule.get(ctx);
  if (known !== undefined) return known;
  const out = new Map<Node, Node[]>();
  for (const stmt of ctx.of('ExpressionStatement')) {
    const e = unwrap(stmt.expression as Node);
    if (e?.type !== 'AssignmentExpression' || e.operator !== '=') continue;
    const left = unwrap(e.left as Node);
    const table = left?.type === 'MemberExpression' ? unwrap(left.object as Node) : undefined;
    if (table?.type !== 'Identifier') continue;
    const binding = ctx.resolve(table.name as string, table);
    if (binding === undefined || binding.kind === 'param' || binding.kind === 'import') continue;
    const list = out.get(binding.declaration);
    if (list === undefined) out.set(binding.declaration, [e.right as Node]);
    else list.push(e.right as Node);
  }
  assignedByModule.set(ctx, out);
  return out;
}

// A class is built, not run (registeredEntries.ts handedImports follows it); a constant is data.
const CLASS_NAME = /^[A-Z][a-z0-9]\w*$|^[A-Z][A-Z0-9_]*$/;

/**
 * A value naming a project function: by its imported name, or as a member of a project import. A bare path
 * (`src/core/index/mapping`) may be a tsconfig alias: the project pass drops what names no scanned module.
 */
function functionRef(ctx: ModuleContext, value: Node | undefined): ImportRef | undefined {
  const v = unwrap(value);
  if (v?.type === 'Identifier') {
    if (CLASS_NAME.test(v.name as string)) return undefined;
    const imp = ctx.importOf(v.name as string, v);
    if (imp === undefined || imp.imported === '*' || !mayBeProjectSource(imp.source)) return undefined;
    return { from: ctx.file, source: imp.source, name: imp.imported };
  }
  if (v?.type !== 'MemberExpression' || v.computed) return undefined;
  const owner = unwrap(v.object as Node);
  const member = v.property as Node;
  if (owner?.type !== 'Identifier' || member.type !== 'Identifier') return undefined;
  // Only a module object's member is a function by itself (`lib.run`); `LogLevel.INFO` is data.
  const imp = ctx.importOf(owner.name as string, owner);
  if (imp === undefined || !mayBeProjectSource(imp.source) || CLASS_NAME.test(member.name as string))
    return undefined;
  if (imp.imported !== '*' && imp.imported !== 'default') return undefined;
  return memberImportRef(ctx, owner, member.name as string);
}

/**
 * The project functions the table `table` (an identifier) holds: its object literal's values and the
 * values assigned to its keys. Undefined when the name is bound to no table of the module.
 *
 * @example
 * tableFunctions(ctx, eventToHandler) // [{ source: 'src/core/index/mapping', name: 'handleNewPost' }, ...]
 */
export function tableFunctions(ctx: ModuleContext, table: Node): ImportRef[] | undefined {
  const id = unwrap(table);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding === undefined || binding.kind === 'param' || binding.kind === 'import') return undefined;
  const literal = unwrap(ctx.valueOf(id));
  const refs: ImportRef[] = [];
  if (literal?.type === 'ObjectExpression')
    for (const prop of literal.properties as Node[]) {
      if (prop.type !== 'Property') continue;
      const ref = functionRef(ctx, prop.value as Node);
      if (ref !== undefined) refs.push(ref);
    }
  for (const value of assignedValues(ctx).get(binding.declaration) ?? []) {
    const ref = functionRef(ctx, value);
    if (ref !== undefined) refs.push(ref);
  }
  return literal?.type === 'ObjectExpression' || refs.length > 0 ? refs : undefined;
}

/**
 * The project functions a value may be: the function itself when it names one (`processIndexing`,
 * `repo.save` of a namespace import), or every function of a table it picks from by key
 * (`eventToHandler[name]`, also through `const handler = eventToHandler[name]`).
 *
 * @example
 * pickedFunctions(ctx, handlerId) // every function `eventToHandler` holds
 */
export function pickedFunctions(ctx: ModuleContext, value: Node): ImportRef[] {
  const v = unwrap(value);
  const named = functionRef(ctx, v);
  if (named !== undefined) return [named];
  const picked = unwrap(ctx.valueOf(v));
  if (picked?.type !== 'MemberExpression' || !picked.computed) return [];
  return tableFunctions(ctx, picked.object as Node) ?? [];
}
