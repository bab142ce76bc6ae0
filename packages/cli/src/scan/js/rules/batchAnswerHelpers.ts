// A batch handler that collects its failed records and returns a project helper's answer built from them
// (`return prepareBatchFailureObj(failedRecords)`, the helper in a shared module returning
// `{ batchItemFailures: data.map(...) }`) answers partial failure as surely as one writing the object itself.
// The helper lives in another module, so the handler names the imports whose call it returns and the
// project pass asks each whether it answers item failures from its argument (ExportFact.answersItems).
import { memberPath, type Node, propertyName, someDescendant, unwrap, wrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { codeText } from '../codeText.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';

/** Does the node read the name, itself or through a local it is bound to (`const failures = data.map(...)`)? */
function reads(ctx: ModuleContext, node: Node | null | undefined, name: string): boolean {
  const value = unwrap(node);
  const bound = value?.type === 'Identifier' && value.name !== name ? ctx.valueOf(value) : value;
  return someDescendant(wrap(bound), (n) => n.type === 'Identifier' && n.name === name);
}

/**
 * An object literal (or a name bound to one) whose `batchItemFailures` is built from `name`: a constant
 * (`{ batchItemFailures: [] }`) answers that nothing failed, whatever the function was handed.
 */
function answerFrom(ctx: ModuleContext, node: Node | null | undefined, name: string): boolean {
  const value = unwrap(node);
  const object = value?.type === 'Identifier' ? unwrap(ctx.valueOf(value)) : value;
  return (
    object?.type === 'ObjectExpression' &&
    (object.properties as Node[]).some(
      (p) =>
        p.type === 'Property' &&
        propertyName(p.key as Node, p.computed as boolean) === 'batchItemFailures' &&
        reads(ctx, p.value as Node, name),
    )
  );
}

/**
 * Does the function return `{ batchItemFailures }` built from its first parameter: the answer for the
 * failures it is handed, not a constant.
 * @example
 * answersItemsFromArg(ctx, fn) // (data) => ({ batchItemFailures: data.map((e) => ({ itemIdentifier: e.messageId })) }) -> true
 */
export function answersItemsFromArg(ctx: ModuleContext, fn: Node): boolean {
  const first = unwrap((fn.params as Node[])[0]);
  if (first?.type !== 'Identifier') return false;
  const name = first.name as string;
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return answerFrom(ctx, body, name);
  return someDescendant(
    body,
    (n) => n.type === 'ReturnStatement' && answerFrom(ctx, n.argument as Node | null, name),
    true,
  );
}

/** The import a returned call reaches: `helper(x)` imported by name, or `shared.helper(x)` of a module object. */
function importedCallee(ctx: ModuleContext, call: Node): ImportRef | undefined {
  const callee = unwrap(call.callee as Node);
  const path = callee === undefined ? undefined : memberPath(callee);
  if (path === undefined || path.length > 2) return undefined;
  const root = callee?.type === 'Identifier' ? callee : unwrap(callee?.object as Node);
  const imp = ctx.importOf(path[0] as string, root as Node);
  if (imp === undefined || !mayBeProjectSource(imp.source)) return undefined;
  const whole = imp.imported === '*' || imp.imported === 'default';
  // `shared.helper(x)` names an export only when `shared` is the whole module; `helper(x)` only when it is one.
  if (path.length === 2 ? !whole : whole) return undefined;
  return { from: ctx.file, source: imp.source, name: path.length === 2 ? (path[1] as string) : imp.imported };
}

/**
 * The project imports whose call the handler returns with arguments (`return prepareBatchFailureObj(failed)`,
 * awaited or not): the finding is dropped when one answers item failures from its argument.
 */
export function returnedAnswerImports(ctx: ModuleContext, fn: Node): readonly ImportRef[] {
  const refs: ImportRef[] = [];
  const consider = (node: Node | null | undefined) => {
    let call = unwrap(node);
    if (call?.type === 'AwaitExpression') call = unwrap(call.argument as Node);
    if (call?.type !== 'CallExpression' || (call.arguments as Node[]).length === 0) return;
    const ref = importedCallee(ctx, call);
    if (ref !== undefined) refs.push(ref);
  };
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') consider(body);
  else
    someDescendant(
      body,
      (n) => {
        if (n.type === 'ReturnStatement') consider(n.argument as Node | null);
        return false;
      },
      true,
    );
  return refs;
}

/**
 * The cross-module conditions of an unanswered batch handler's finding: dropped when a helper it hands its
 * records to refuses a batch, or a helper whose call it returns answers item failures.
 */
export function batchImportConditions(
  ctx: ModuleContext,
  fn: Node,
  refusing: readonly ImportRef[],
): { unlessImportRefusesBatch?: readonly ImportRef[]; unlessImportAnswersItems?: readonly ImportRef[] } {
  // A module that answers item failures in its own code does so itself; one only a comment spells it in does not.
  const answersHere =
    ctx.spells('batchItemFailures') && codeText(ctx, ctx.program).includes('batchItemFailures');
  const answering = answersHere ? [] : returnedAnswerImports(ctx, fn);
  return {
    ...(refusing.length > 0 ? { unlessImportRefusesBatch: refusing } : {}),
    ...(answering.length > 0 ? { unlessImportAnswersItems: answering } : {}),
  };
}
