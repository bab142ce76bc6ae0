// Whether what a failed read left in a variable goes nowhere: the best-effort read exemptions of
// swallowed-error (fallbackValueRead.ts, gatheredReads.ts) hold only then. A whitelist, not a list of
// dangers: every later use must be a plain value read that ends in a log line (`log(`found ${n}`)`,
// `log('rows', rows.length)`, a `.map` into a local that is itself only so used). Anything else (a test,
// a switch, an alias, a return, an argument of a write, a loop over it, a response body) decides on the
// stand-in or hands it on, and then the failure is a real defect.
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { everyLaterReference } from './batchResultUse.js';
import { isLogCall } from './catchFacts.js';

/** Calls on a value that only reshape it for printing: `rows.map(...)`, `parts.join(', ')`, `n.toFixed(2)`. */
const RESHAPE = /^(map|join|slice|toString|toFixed|trim|toLowerCase|toUpperCase)$/;

/** Nodes a printed value may pass through on its way to the log call. */
const CARRIERS = new Set([
  'TemplateLiteral',
  'ArrayExpression',
  'ObjectExpression',
  'ChainExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
]);

/**
 * From `reference`, the value only reaches a log statement (through templates, `+`, `.length`, object and
 * array literals, reshaping calls), or a local declared from it whose own later uses all do.
 */
function endsInLog(ctx: ModuleContext, reference: Node, depth: number): boolean {
  let at: Node = reference;
  for (let p = ctx.parentOf(at); p !== undefined; at = p, p = ctx.parentOf(p)) {
    if (CARRIERS.has(p.type)) continue;
    if (p.type === 'BinaryExpression' && p.operator === '+') continue;
    if (p.type === 'Property' && p.value === at) continue;
    if (p.type === 'MemberExpression' && p.object === at && p.computed !== true) {
      const field = p.property?.name as string | undefined;
      if (field === 'length') continue;
      const call = ctx.parentOf(p);
      if (
        field !== undefined &&
        RESHAPE.test(field) &&
        call?.type === 'CallExpression' &&
        call.callee === p
      ) {
        p = call;
        continue;
      }
      return false;
    }
    if (p.type === 'CallExpression' && (p.arguments as Node[]).includes(at)) {
      const statement = ctx.parentOf(p);
      const awaited = statement?.type === 'AwaitExpression' ? ctx.parentOf(statement) : statement;
      return awaited?.type === 'ExpressionStatement' && isLogCall(p);
    }
    if (p.type === 'VariableDeclarator' && p.init === at && p.id?.type === 'Identifier' && depth < 3) {
      const block = ctx.parentOf(ctx.parentOf(p) as Node);
      return block !== undefined && goesNowhere(ctx, block, p.id.name as string, p.end, undefined, depth + 1);
    }
    return false;
  }
  return false;
}

/**
 * Every reference to `name` in `scope` from `after` on, other than those inside `skip` (the try that sets
 * it) and its own declaration, only ends in a log line; and there is at least one reference.
 */
export function goesNowhere(
  ctx: ModuleContext,
  scope: Node,
  name: string,
  after: number,
  skip?: Node,
  depth = 0,
): boolean {
  const inSkip = (n: Node) => skip !== undefined && skip.start <= n.start && n.end <= skip.end;
  // A closure that reads it (`const save = () => put({ balance })`) may use it anywhere: not judged here.
  const inClosure = (n: Node) => {
    for (let p = ctx.parentOf(n); p !== undefined && p !== scope; p = ctx.parentOf(p))
      if (/Function/.test(p.type)) return true;
    return false;
  };
  const closed = someDescendant(
    scope,
    (n) =>
      n.type === 'Identifier' &&
      n.name === name &&
      n.start >= after &&
      !inSkip(n) &&
      !nameOnly(ctx, n) &&
      inClosure(n),
  );
  if (closed) return false;
  return everyLaterReference(scope, name, after, (n) => {
    if (inSkip(n) || nameOnly(ctx, n)) return true;
    const parent = ctx.parentOf(n);
    if (parent?.type === 'VariableDeclarator' && parent.id === n) return true;
    return endsInLog(ctx, n, depth);
  });
}

/** An identifier that names a field, not the variable: `{ balance: x }`'s key, `out.balance`. */
function nameOnly(ctx: ModuleContext, n: Node): boolean {
  const parent = ctx.parentOf(n);
  return (
    (parent?.type === 'Property' && parent.key === n && parent.value !== n && parent.computed !== true) ||
    (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true)
  );
}
