// A batch consumer that catches each record's failure and hands the failed record itself to a function
// that writes it somewhere durable (a retry table a scheduled re-driver sends back to the queue, another
// queue) never fails the batch and loses nothing: the record is parked, not dropped. What counts is data
// flow, not names: the catch passes the record (or its body) and the receiving function writes that
// parameter (storedParams.ts). A catch that logs the record, or writes a failure flag keyed by an id,
// drops it, and batch-no-partial-failure stands. The parking function usually lives in a shared module,
// so the handler names the imports it hands records to and the project pass asks each (ExportFact.storesParams).
import { memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { storedParams } from '../storedParams.js';

/** An imported function a catch hands its failed record to, and at which argument. */
export interface ParkRef extends ImportRef {
  readonly param: number;
}

const WALKS = /^(map|forEach|flatMap|filter|reduce|some|every)$/;

/** The names the handler gives one record: `event.Records.map(async (record) => ...)`, `for (const r of event.Records)`. */
function recordNames(fn: Node): Set<string> {
  const names = new Set<string>();
  someDescendant(fn.body as Node, (n) => {
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      const method = callee?.type === 'MemberExpression' ? memberPath(callee) : undefined;
      if (method === undefined || !WALKS.test(method.at(-1) ?? '') || method.at(-2) !== 'Records')
        return false;
      const walker = unwrap((n.arguments as Node[])[0]);
      const first = unwrap((walker?.params as Node[] | undefined)?.[0]);
      if (first?.type === 'Identifier') names.add(first.name as string);
    } else if (n.type === 'ForOfStatement' && memberPath(n.right as Node)?.at(-1) === 'Records') {
      const decl =
        (n.left as Node).type === 'VariableDeclaration' ? (n.left.declarations as Node[])[0] : undefined;
      if (decl?.id.type === 'Identifier') names.add(decl.id.name as string);
    }
    return false;
  });
  return names;
}

/** Is the argument the record itself or its body (`record`, `record.body`)? */
function isRecord(arg: Node | undefined, records: ReadonlySet<string>): boolean {
  const path = memberPath(unwrap(arg));
  return (
    path !== undefined &&
    records.has(path[0] ?? '') &&
    (path.length === 1 || (path.length === 2 && path[1] === 'body'))
  );
}

/**
 * Does the try's catch see every failure of its block, and keep it from the batch? Not when the catch
 * rethrows (the record is parked and the whole batch fails anyway), nor when the block returns a call's
 * promise unawaited (`return save(record)`): its rejection settles after the try and skips the catch.
 */
function guards(statement: Node): boolean {
  if (someDescendant((statement.handler as Node).body as Node, (n) => n.type === 'ThrowStatement', true))
    return false;
  return !someDescendant(
    statement.block as Node,
    (n) => n.type === 'ReturnStatement' && unwrap(n.argument as Node)?.type === 'CallExpression',
    true,
  );
}

/** What a catch awaits the record's parking on: a local function that writes it, or an import to ask. */
function parkingIn(
  ctx: ModuleContext,
  clause: Node,
  records: ReadonlySet<string>,
): { local: boolean; imports: ParkRef[] } {
  let local = false;
  const imports: ParkRef[] = [];
  someDescendant(clause.body as Node, (n) => {
    if (n.type !== 'AwaitExpression') return false;
    const call = unwrap(n.argument as Node);
    const callee = unwrap(call?.callee);
    if (call?.type !== 'CallExpression' || callee?.type !== 'Identifier') return false;
    const param = (call.arguments as Node[]).findIndex((a) => isRecord(a, records));
    if (param < 0) return false;
    const own = ctx.functionOf(callee);
    if (own !== undefined) local ||= storedParams(ctx, own).includes(param);
    const imp = own === undefined ? ctx.importOf(callee.name as string, callee) : undefined;
    if (imp !== undefined && imp.imported !== '*' && !imp.source.startsWith('node:'))
      imports.push({ from: ctx.file, source: imp.source, name: imp.imported, param });
    return false;
  });
  return { local, imports };
}

/**
 * Does every failure of the handler's records end in a catch that parks the record? Undefined when not;
 * `local` when the module's own functions park them all, else the imports that must each turn out to
 * write the record they are handed. Every await of the handler lies inside such a try or wraps one
 * (`await Promise.all(event.Records.map(...))`).
 */
export function parkedRecords(
  ctx: ModuleContext,
  fn: Node,
): { local: boolean; imports: ParkRef[] } | undefined {
  if (!ctx.spells('catch')) return undefined;
  const records = recordNames(fn);
  if (records.size === 0) return undefined;
  const tries: Node[] = [];
  const imports: ParkRef[] = [];
  let pending = false;
  someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'TryStatement' || n.handler == null || !guards(n)) return false;
    const found = parkingIn(ctx, n.handler as Node, records);
    if (!found.local && found.imports.length === 0) return false;
    tries.push(n);
    if (!found.local) {
      pending = true;
      imports.push(...found.imports);
    }
    return false;
  });
  if (tries.length === 0) return undefined;
  const inside = (n: Node, t: Node) => t.start <= n.start && n.end <= t.end;
  const loose = someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'AwaitExpression' && !tries.some((t) => inside(n, t)) && !tries.some((t) => inside(t, n)),
  );
  if (loose) return undefined;
  return { local: !pending, imports: pending ? imports : [] };
}
