// An Active Record entity's write written as a statement (`vuln.save()` of `const vuln = await
// Vulnerability.findOne(q)`): TypeORM's BaseEntity, Mongoose documents and Sequelize instances all answer
// `save`, `remove`, `destroy`, `reload` and `update` with a promise, yet the method is inherited from the
// ORM package, so neither the module nor the project pass sees it declared async. The entity's origin
// says what it is: a row a model class's static finder loaded (awaited), or one `Model.create(...)` built.
import { type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The writes every one of those ORMs answers with a promise on an entity. */
const WRITES = new Set(['save', 'remove', 'softRemove', 'destroy', 'reload', 'update']);

/** Static finders on a model class; `find`, `findBy`, `findAll` answer a list of entities. */
const FINDERS =
  /^(?:findOne|findOneBy|findOneOrFail|findOneByOrFail|findById|findByPk|findOrFail|find|findBy|findAll)$/;

/** `Model.findOne(...)` (awaited) or `Model.create(...)`, where `Model` is a class the module imports. */
function modelRow(ctx: ModuleContext, init: Node | undefined, list: boolean): boolean {
  const awaited = unwrap(init)?.type === 'AwaitExpression';
  const call = awaited ? unwrap(unwrap(init)?.argument) : unwrap(init);
  const callee = unwrap(call?.callee);
  if (call?.type !== 'CallExpression' || callee?.type !== 'MemberExpression') return false;
  const model = unwrap(callee.object);
  const method = propertyName(callee.property, callee.computed) ?? '';
  // A class name (capitalised) bound by an import: not a repository object, not a local helper.
  if (model?.type !== 'Identifier' || !/^[A-Z]/.test(model.name as string)) return false;
  if (ctx.importOf(model.name as string, model) === undefined) return false;
  if (method === 'create') return !list && !awaited && call.arguments.length > 0;
  if (!awaited || !FINDERS.test(method)) return false;
  return list === /^(?:find|findBy|findAll)$/.test(method);
}

/** The entity a local names: its own initialiser, or the list a `for (const row of rows)` walks. */
function entityOrigin(ctx: ModuleContext, receiver: Node): boolean {
  const binding = ctx.resolve(receiver.name as string, receiver);
  if (binding === undefined || binding.declaration.type !== 'VariableDeclarator') return false;
  if (binding.init !== undefined) return modelRow(ctx, binding.init, false);
  const loop = ctx.parentOf(ctx.parentOf(binding.declaration) ?? binding.declaration);
  if (loop?.type !== 'ForOfStatement') return false;
  const rows = unwrap(loop.right);
  if (rows?.type !== 'Identifier') return modelRow(ctx, rows, true);
  const list = ctx.resolve(rows.name as string, rows);
  return list?.kind === 'const' && modelRow(ctx, list.init, true);
}

/**
 * `row.save()` (or remove, destroy, reload, update) on an entity a model class loaded or created: the
 * ORM's write answers a promise.
 *
 * @example
 * // const vuln = await Vulnerability.findOne(q); vuln.save();  -> true
 * // const hash = createHash('sha256'); hash.update(body);         -> false
 */
export function activeRecordWrite(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  if (!WRITES.has(propertyName(callee.property, callee.computed) ?? '')) return false;
  const receiver = unwrap(callee.object);
  return receiver?.type === 'Identifier' && entityOrigin(ctx, receiver);
}
