// swallowed-error: a status check whose 5xx branch returns a message instead of failing
// (`if (res.statusCode < 500) ... else return \`Server error: ${res.statusCode}\``): the function resolves,
// the invocation succeeds, and the retry the server error asked for never happens.
import { forEachDescendant, type Node, numberValue, someDescendant, unwrap } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

const STATUS = /^(status|statusCode)$/;

/** `x.status < 500` and its spellings: which branch of the `if` holds the 5xx answers, if any. */
function serverErrorBranch(test: Node | undefined): 'consequent' | 'alternate' | undefined {
  const t = unwrap(test);
  if (t?.type === 'LogicalExpression' && t.operator === '&&') return serverErrorBranch(t.right);
  if (t?.type !== 'BinaryExpression') return undefined;
  const left = unwrap(t.left);
  if (left?.type !== 'MemberExpression' || !STATUS.test(left.property?.name ?? '')) return undefined;
  const n = numberValue(t.right);
  if ((t.operator === '<' && n === 500) || (t.operator === '<=' && n === 499)) return 'alternate';
  if ((t.operator === '>=' && n === 500) || (t.operator === '>' && n === 499)) return 'consequent';
  return undefined;
}

/** A message or "nothing": a string, a template, or a default value, not a response object for a caller. */
function isMessage(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (
    n === undefined ||
    isDefaultValue(n) ||
    n.type === 'TemplateLiteral' ||
    (n.type === 'Literal' && typeof n.value === 'string')
  );
}

export function serverErrorResultRule(ctx: ModuleContext, report: Report): void {
  // The walk below is not indexed: only modules that compare with 500 pay for it.
  const source = ctx.source;
  if (!(source.includes('500') || source.includes('499')) || !/\b(500|499)\b/.test(source)) return;
  for (const statement of ifStatements(ctx)) {
    const which = serverErrorBranch(statement.test);
    const branch = which === undefined ? undefined : (statement[which] as Node | null);
    if (branch == null) continue;
    if (someDescendant(branch, (n) => n.type === 'ThrowStatement', true)) continue;
    const body = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
    const last = body.at(-1);
    if (last?.type !== 'ReturnStatement' || !isMessage(last.argument)) continue;
    const fn = ctx.enclosingFunction(statement);
    if (fn === undefined || !fn.async) continue;
    report(
      'swallowed-error',
      last,
      'a 5xx answer is returned as a message: the call resolves, the invocation succeeds and nothing retries it',
    );
  }
}

function ifStatements(ctx: ModuleContext): Node[] {
  const out: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'IfStatement') out.push(n);
    return true;
  });
  return out;
}
