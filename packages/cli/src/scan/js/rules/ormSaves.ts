// insert-no-upsert through ORM entity saves: TypeORM `manager.save(Entity, row)` / `repository.save(row)`,
// Sequelize and Mongoose `Model.create(row)`, Mongoose `new Model(row).save()`. With no primary key in the
// row the ORM INSERTs a new (serial- or ObjectId-keyed) row, so an at-least-once consumer that reaches the
// save writes it again on every redelivery. Judged where the row is built in plain sight: a row from a
// mapper, a filter or a lookup (which may carry the id of an existing row) is left alone.
import { calleeName, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { guarded } from './insertGuards.js';
import type { Report } from './Report.js';

/** A key that names the row: its primary key, whatever the ORM calls it. */
const PRIMARY_KEY = /^(id|_id|uuid|pk|PK|Id|ID)$/;
const ORM_IMPORT = /['"](typeorm|sequelize|sequelize-typescript|mongoose)['"]/;
const ORM_WORDS = ['typeorm', 'sequelize', 'mongoose'];
const REPOSITORY = /(repo|repository|manager)$/i;

/** The object literal a saved value is built from: `{ ... }`, `new Entity({ ... })`, `repo.create({ ... })`. */
function builtRow(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  let v = ctx.valueOf(value);
  if (v?.type === 'NewExpression' || (v?.type === 'CallExpression' && calleeName(v) === 'create'))
    v = ctx.valueOf((v.arguments as Node[])[0]);
  return v?.type === 'ObjectExpression' ? v : undefined;
}

function keyless(row: Node): boolean {
  return (row.properties as Node[]).every(
    (p) => p.type === 'Property' && !PRIMARY_KEY.test(propertyName(p.key, p.computed) ?? ''),
  );
}

/** The row a call saves, when it is an insert by one of the ORMs' save/create shapes. */
function savedRow(ctx: ModuleContext, call: Node): Node | undefined {
  const name = calleeName(call);
  const path = memberPath(call.callee);
  const args = call.arguments as Node[];
  const callee = unwrap(call.callee);
  if (name === 'save' && path !== undefined && path.length >= 2) {
    const holder = path[path.length - 2] ?? '';
    // `manager.save(Entity, row)`, `repository.save(row)`.
    if (REPOSITORY.test(holder)) return builtRow(ctx, args.length >= 2 ? args[1] : args[0]);
  }
  // `new Model({ ... }).save()`.
  if (name === 'save' && args.length === 0 && callee?.type === 'MemberExpression') {
    const object = unwrap(callee.object as Node);
    if (object?.type === 'NewExpression') return builtRow(ctx, object);
  }
  // `Model.create({ ... })` (Sequelize, Mongoose): a capitalised model, not `repo.create` (TypeORM builds only).
  if (name === 'create' && path?.length === 2 && /^[A-Z]/.test(path[0] ?? '') && args.length >= 1)
    return builtRow(ctx, args[0]);
  return undefined;
}

export function ormSaveRule(
  ctx: ModuleContext,
  report: Report,
  consumer: boolean,
  wired?: { readonly onlyIfEventWired: readonly string[] },
): void {
  const shared = ctx.handlers.size === 0;
  if (!(shared || consumer) || !ctx.testSpelled(ORM_IMPORT, ORM_WORDS)) return;
  for (const call of ctx.of('CallExpression')) {
    if (!shared && ctx.handlerKindAt(call) === undefined) continue;
    const row = savedRow(ctx, call);
    if (row === undefined || !keyless(row) || guarded(ctx, call)) continue;
    report(
      'insert-no-upsert',
      call,
      `${calleeName(call)}() of a row with no primary key inserts a new row ${shared ? 'in code an at-least-once consumer reaches' : 'in an at-least-once consumer'}: a redelivery writes it again`,
      shared ? { onlyIfConsumerCaller: sharedRequest(ctx, call) } : wired,
    );
  }
}
