// swallowed-error: failures passed back as values. `.catch((error) => error)` turns a rejection into a
// resolved value; that is a design (errors as values) only if someone reads the value. A chain whose result
// is dropped where it is made (`await client.connect().catch((e) => e)`) loses the failure there; one a
// function returns loses it when a caller drops the awaited result (`await db.markDone(ids)` as a statement),
// in this module or in a module importing it (joined in project.ts through importerUses.ts).
import { isBuiltin } from 'node:module';
import { calleeName, isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { DroppedAwaits } from '../Candidate.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import { passedAnswer } from '../passedAnswer.js';
import { fanOutCalls } from './batchFanOut.js';
import { answersBuiltError } from './builtErrorAnswer.js';
import { caughtErrorReturnRules } from './caughtErrorReturns.js';
import type { Report } from './Report.js';

/** `(e) => e`, `(error) => { return error; }`: the handler hands back what it caught, untouched. */
function returnsItsError(fn: Node): boolean {
  const param = unwrap((fn.params as Node[])[0]);
  if ((fn.params as Node[]).length !== 1 || param?.type !== 'Identifier') return false;
  const body = fn.body as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : undefined;
  const value =
    statements === undefined
      ? body
      : statements.length === 1 && statements[0]?.type === 'ReturnStatement'
        ? (statements[0].argument as Node | null)
        : undefined;
  return unwrap(value)?.type === 'Identifier' && unwrap(value)?.name === param.name;
}

const THROUGH = new Set(['AwaitExpression', 'ParenthesizedExpression', 'TSAsExpression', 'ChainExpression']);

/** The call's awaited (or plain) result is the whole statement: nothing reads it. */
export function dropped(ctx: ModuleContext, call: Node): boolean {
  return ctx.climb(call, (p) => THROUGH.has(p.type)).parent?.type === 'ExpressionStatement';
}

/** The name callers use for the function whose result `node` is: `markDone` of `markDone() { return ... }`. */
export function returnedBy(ctx: ModuleContext, node: Node): string | undefined {
  const { node: top, parent } = ctx.climb(node, (p) => THROUGH.has(p.type));
  const fn = ctx.enclosingFunction(node);
  if (fn === undefined) return undefined;
  const returned = parent?.type === 'ReturnStatement' || (parent === fn && fn.body === top);
  if (!returned) return undefined;
  return returnedName(ctx, fn);
}

/** The name callers call a function by: its declaration, method, property or variable name. */
export function returnedName(ctx: ModuleContext, fn: Node): string | undefined {
  const owner = ctx.parentOf(fn);
  if (fn.id?.name !== undefined) return fn.id.name as string;
  if (
    owner?.type === 'MethodDefinition' ||
    owner?.type === 'Property' ||
    owner?.type === 'PropertyDefinition'
  )
    return propertyName(owner.key, owner.computed as boolean);
  if (owner?.type === 'VariableDeclarator' && owner.id?.type === 'Identifier') return owner.id.name as string;
  return undefined;
}

/**
 * The rule: `.catch` handlers that hand back what they caught, reported where the value is dropped (here, or
 * through `onlyIfResultDropped` by the project pass).
 *
 * @example
 * errorValueRules(ctx, report) // `await client.connect().catch((e) => e);` -> swallowed-error at `catch`
 */
export function errorValueRules(ctx: ModuleContext, report: Report): void {
  caughtErrorReturnRules(ctx, report);
  if (!ctx.spells('.catch(')) return;
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'catch' || (call.arguments as Node[]).length !== 1) continue;
    const fn = ctx.valueOf(call.arguments[0]);
    if (fn === undefined || !isFunction(fn)) continue;
    // `.catch((e) => new Error('run failed', { cause: e }))` hands back a built error: where it is made,
    // builtErrorAnswer.ts judges it; here only the function that returns the chain to its callers.
    const built = !returnsItsError(fn) && answersBuiltError(fn);
    if (!built && !returnsItsError(fn)) continue;
    if (built && offServicePath(ctx)) continue;
    // At `.catch(`, the line that turns the failure into a value, not where a long chain starts.
    const at = (unwrap(call.callee)?.property as Node | undefined) ?? call;
    if (!built && dropped(ctx, call)) {
      report(
        'swallowed-error',
        at,
        '.catch() hands the error back as a value and the statement drops it: the failure is lost and the code goes on',
      );
      continue;
    }
    const name = returnedBy(ctx, call);
    if (name !== undefined)
      report(
        'swallowed-error',
        at,
        `.catch() hands the error back as ${name}()'s result, and a caller drops that result unread: the failure is lost`,
        { onlyIfResultDropped: [name] },
      );
  }
}

/**
 * Each call awaited as a statement of its own (`await x.markDone(ids);`): its answer is dropped.
 * @example
 * for (const { statement, callee } of awaitedStatementCalls(ctx)) lastName(callee); // 'markDone'
 */
export function* awaitedStatementCalls(
  ctx: ModuleContext,
): Generator<{ statement: Node; call: Node; callee: Node | undefined }> {
  for (const statement of ctx.of('ExpressionStatement')) {
    const awaited = unwrap(statement.expression as Node);
    if (awaited?.type !== 'AwaitExpression') continue;
    const call = unwrap(awaited.argument as Node);
    if (call?.type === 'CallExpression') yield { statement, call, callee: unwrap(call.callee as Node) };
  }
}

/**
 * The calls whose awaited result this module drops (`await x.markDone(ids)` as a statement), and the
 * imports that may name the module defining them: what importerUses.ts joins to the candidates above. A
 * bare call of an imported function is kept with its import (`imported`), so it marks only the module it
 * resolves to: another module exporting the same name is not touched. A method's owner is seldom known
 * (`this.ledger.markDone`, typed by an `import type`), so `names` may belong to this module or any import.
 */
export function droppedAwaits(ctx: ModuleContext): DroppedAwaits | undefined {
  const names = new Set<string>();
  const imported = new Map<string, { source: string; name: string }>();
  // A call gathered by an awaited `Promise.all([...])` statement is dropped as surely (batchFanOut.ts).
  for (const { call, callee } of [...awaitedStatementCalls(ctx), ...fanOutCalls(ctx)]) {
    const binding = callee?.type === 'Identifier' ? ctx.imports.get(callee.name as string) : undefined;
    if (binding !== undefined && binding.imported !== 'default' && binding.imported !== '*') {
      imported.set(`${binding.source}#${binding.imported}`, {
        source: binding.source,
        name: binding.imported,
      });
      // `const { send } = require('./mailer')` is a property of that module's exported object too.
      const owned = objectMethodDrop(binding.imported);
      imported.set(`${binding.source}#${owned}`, { source: binding.source, name: owned });
      continue;
    }
    // `await mailer.send(b);` on a default or namespace import: the method of that module's exported object,
    // kept with its import. The bare name below marks every imported module, so a method of an exported
    // object (failureResult.ts) is joined only through this key: `await sqs.send(...)` would mark it too.
    const receiver = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
    const owner = receiver?.type === 'Identifier' ? ctx.imports.get(receiver.name as string) : undefined;
    const method = calleeName(call);
    if (
      owner !== undefined &&
      (owner.imported === 'default' || owner.imported === '*') &&
      method !== undefined
    ) {
      const owned = objectMethodDrop(method);
      imported.set(`${owner.source}#${owned}`, { source: owner.source, name: owned });
    }
    const name = calleeName(call);
    if (name !== undefined) names.add(name);
    // `await save(x);` where `save` only hands on `api.process(x)`'s answer: that answer is dropped too.
    const inner =
      callee?.type === 'Identifier' ? passedAnswer(ctx, ctx.functionOf(callee) ?? callee) : undefined;
    const innerName = inner === undefined ? undefined : calleeName(inner);
    if (innerName !== undefined) names.add(innerName);
  }
  if (names.size === 0 && imported.size === 0) return undefined;
  return {
    sources: names.size === 0 ? [] : projectSources(ctx),
    names: [...names],
    ...(imported.size > 0 ? { imported: [...imported.values()] } : {}),
  };
}

/**
 * The drop name of `method` called on a module's exported object (`mailer.send(...)` -> `default.send`),
 * which only a member call on that module's import marks (droppedAwaits), never a same-named method of
 * another receiver.
 */
export function objectMethodDrop(method: string): string {
  return `default.${method}`;
}

/**
 * The project sources a module imports, `import type` too: a method is often reached through a field
 * typed by the class (answered once per module).
 */
export function projectSources(ctx: ModuleContext): string[] {
  const cached = SOURCES.get(ctx);
  if (cached !== undefined) return cached;
  const sources = new Set<string>();
  // A bare name may be a workspace package of the project (`slic-tools`): the resolver tells.
  for (const imp of ctx.imports.values()) if (maybeOwnPackage(imp.source)) sources.add(imp.source);
  if (ctx.spells('import type'))
    for (const [, source] of ctx.source.matchAll(/\bimport\s+type\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/g))
      if (source !== undefined && maybeOwnPackage(source)) sources.add(source);
  const out = [...sources];
  SOURCES.set(ctx, out);
  return out;
}

const SOURCES = new WeakMap<ModuleContext, string[]>();

/** Not a Node built-in or a public scope: a relative path, a path alias or (perhaps) a workspace package. */
function maybeOwnPackage(source: string): boolean {
  return mayBeProjectSource(source) || (/^[a-z0-9][\w.-]*$/i.test(source) && !isBuiltin(source));
}
