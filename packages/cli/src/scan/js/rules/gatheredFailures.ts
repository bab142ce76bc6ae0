// swallowed-error: the failed entries of batch answers gathered into a name that is only logged
// (`const refused = answers.flatMap((a) => a.Failed ?? []); if (refused.length) log(refused)`), where the
// batch is sent elsewhere (a project helper hands its answer back). The code went to the trouble of
// finding what the API refused and then goes on as if it were sent: those entries are lost. Where the
// function sends the batch itself, rules/partialBatch.ts judges the answer from the command.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { FAILURE_FIELD, V2_METHODS } from './batchApis.js';
import { everyLaterReference, printedReference } from './batchResultUse.js';
import { importedCall } from './batchWrappers.js';
import { isLogCall } from './catchFacts.js';
import type { Rule } from './Report.js';

/** Failure fields whose name alone says which API answered (`Errors` names too many other things). */
const FIELDS = new Set([...Object.values(FAILURE_FIELD)].filter((f) => f !== 'Errors'));

/**
 * A failure field read off an answer held in a camel-case name (`answer.Failed`, `res?.UnprocessedItems`):
 * an enum member (`Status.Failed`) is not an answer. The pre-parse gate (ruleGate.ts) admits modules by it.
 */
export const FAILED_READ =
  /\b[a-z_$][\w$]*\??\.(?:Failed|FailedEntryCount|FailedRecordCount|FailedPutCount|UnprocessedItems|UnprocessedKeys)\b/;

/**
 * Exactly `FAILED_READ.test(source)`: every match holds `.Failed` or `.Unprocessed`, and two plain searches
 * rule out most texts before the expression, which V8 tries at every word of the text (a 1,099-file
 * application spent more on it than on any other expression of the gate). `includes` must answer as
 * `source.includes` does: callers pass their word index (SourceWords, ModuleContext.spells).
 * @example
 * readsFailureField('if (res.FailedEntryCount > 0) retry(res)') // true
 */
export function readsFailureField(
  source: string,
  includes: (word: string) => boolean = (w) => source.includes(w),
): boolean {
  return (includes('.Failed') || includes('.Unprocessed')) && FAILED_READ.test(source);
}

/** A failure field read off a camel-case name: `answer.Failed`. */
function isFailureRead(n: Node): boolean {
  if (n.type !== 'MemberExpression' || n.computed === true) return false;
  const object = unwrap(n.object as Node);
  const field = unwrap(n.property as Node)?.name as string | undefined;
  if (field === undefined || !FIELDS.has(field) || object?.type !== 'Identifier') return false;
  return /^[a-z_$]/.test(object.name as string);
}

/** An import or require of a project module (ModuleContext.ts isProjectSource, relative paths only). */
export const PROJECT_IMPORT = /(?:\bfrom|\brequire\()\s*['"`]\.{1,2}\//;

/** The first such read in `init` (the init itself included), if any. */
function failureRead(init: Node): Node | undefined {
  if (isFailureRead(init)) return init;
  let found: Node | undefined;
  someDescendant(init, (n) => {
    if (!isFailureRead(n)) return false;
    found = n;
    return true;
  });
  return found;
}

/**
 * The name holding the answers the read is taken from: the object itself (`answer.Failed`), or the array
 * a callback walks (`answers.flatMap((a) => a.Failed ?? [])` -> answers).
 */
function answersName(ctx: ModuleContext, read: Node): Node | undefined {
  const object = unwrap(read.object as Node) as Node;
  const fn = ctx.enclosingFunction(read);
  const params = (fn?.params as Node[] | undefined) ?? [];
  if (fn === undefined || !params.some((p) => unwrap(p)?.name === object.name)) return object;
  const call = ctx.parentOf(fn);
  const callee = call?.type === 'CallExpression' ? unwrap(call.callee as Node) : undefined;
  if (callee?.type !== 'MemberExpression') return undefined;
  const array = unwrap(callee.object as Node);
  return array?.type === 'Identifier' ? array : undefined;
}

/** The project import whose call the answers come from (`await Promise.all(cs.map((c) => queueBatch(c)))`). */
function answeringImport(ctx: ModuleContext, init: Node): ReturnType<typeof importedCall> {
  let found: ReturnType<typeof importedCall>;
  const test = (n: Node) => {
    if (n.type === 'CallExpression') found = importedCall(ctx, n);
    return found !== undefined;
  };
  if (!test(init)) someDescendant(init, test);
  return found;
}

/** `reference` sits in the test of an `if` whose branch only logs and that has no `else`. */
function testsToLog(ctx: ModuleContext, reference: Node): boolean {
  for (let at = reference, p = ctx.parentOf(at); p !== undefined; at = p, p = ctx.parentOf(p)) {
    if (p.type === 'IfStatement') {
      if (p.test !== at || p.alternate != null) return false;
      const c = p.consequent as Node;
      const statements = c.type === 'BlockStatement' ? (c.body as Node[]) : [c];
      return statements.length > 0 && statements.every((s) => isLogCall(s));
    }
    if (p.type.endsWith('Statement') || p.type === 'VariableDeclarator') return false;
  }
  return false;
}

/** The function sends a batch itself: partialBatch.ts judges it from the command. */
function sendsBatch(ctx: ModuleContext, scope: Node): boolean {
  const text = ctx.source.slice(scope.start, scope.end);
  return (
    Object.keys(FAILURE_FIELD).some((c) => text.includes(`new ${c}`)) ||
    (text.includes('.promise(') && V2_METHODS.some((m) => text.includes(`.${m}(`)))
  );
}

/**
 * @example
 * // const refused = answers.flatMap((a) => a.Failed ?? []); if (refused.length) console.error(refused) -> reported at a.Failed
 */
export const gatheredFailureRules: Rule = (ctx, report) => {
  if (!readsFailureField(ctx.source, (w) => ctx.spells(w))) return;
  // Declarations are not indexed; the text test above makes this walk rare.
  const declarators: Node[] = [];
  someDescendant(ctx.program, (n) => {
    if (n.type === 'VariableDeclarator') declarators.push(n);
    return false;
  });
  // Whether each function sends a batch itself, tested once per function.
  const sent = new Map<Node, boolean>();
  for (const declarator of declarators) {
    const id = unwrap(declarator.id as Node);
    const init = unwrap(declarator.init as Node);
    if (id?.type !== 'Identifier' || init === undefined) continue;
    const read = failureRead(init);
    if (read === undefined) continue;
    const scope = (ctx.enclosingFunction(declarator)?.body as Node | undefined) ?? ctx.program;
    if (!sent.has(scope)) sent.set(scope, sendsBatch(ctx, scope));
    if (sent.get(scope)) continue;
    const logged = everyLaterReference(
      scope,
      id.name as string,
      declarator.end,
      (n) => printedReference(ctx, scope, n) || testsToLog(ctx, n),
    );
    if (!logged) continue;
    // The answers come from a project import's call, and nothing but the gathering and logging reads them.
    const answers = answersName(ctx, read);
    const binding = answers && ctx.resolve(answers.name as string, answers);
    const imported = binding?.init && answeringImport(ctx, unwrap(binding.init) as Node);
    if (binding === undefined || !imported) continue;
    const gathered = (n: Node) => n.start >= declarator.start && n.end <= declarator.end;
    const answersLogged = everyLaterReference(
      binding.scope,
      answers?.name as string,
      binding.declaration.end,
      (n) => gathered(n) || printedReference(ctx, scope, n) || testsToLog(ctx, n),
    );
    if (!answersLogged) continue;
    const field = unwrap(read.property as Node)?.name as string;
    report(
      'swallowed-error',
      read,
      `the entries a batch API refused (${field}) are gathered and only logged: the code goes on as if they were sent, so they are lost`,
      { onlyIfImportBatchResult: imported },
    );
  }
};
