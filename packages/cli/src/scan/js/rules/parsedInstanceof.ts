// swallowed-error: a failure test that can never pass. `JSON.parse` builds plain objects, arrays and
// primitives, never an instance of a project's class, so `if (parsed instanceof ErrorMessage) throw parsed`
// on a parsed body (another function's answer, a queue message) is always false: the error answer the body
// carries is handed on as data and the caller reports success. `instanceof Object` / `Array` can be true and
// are not this; nor is a test on a value built by a reviver or a class's own `fromJSON`.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** Classes a parsed value can be an instance of. */
const PLAIN = new Set(['Object', 'Array']);

/** `JSON.parse(text)` with no reviver (a reviver may build class instances). */
function plainParse(n: Node | undefined): boolean {
  const v = unwrap(n);
  if (v?.type === 'AwaitExpression') return plainParse(v.argument as Node);
  if (v?.type !== 'CallExpression' || calleeName(v) !== 'parse') return false;
  const path = memberPath(v.callee as Node);
  return path?.[0] === 'JSON' && (v.arguments as Node[]).length === 1;
}

/**
 * Reports `if (x instanceof SomeError) throw ...` where `x` is a `JSON.parse` result: the branch that would
 * fail on the error answer is dead.
 * @example
 * // const result = JSON.parse(payload.body); if (result instanceof ErrorMessage) throw result; // reported
 */
export function parsedInstanceofRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('instanceof') || !ctx.spells('JSON.parse')) return;
  for (const call of ctx.of('CallExpression')) {
    if (!plainParse(call)) continue;
    // `const result = JSON.parse(body)` (awaited or not): the name the test reads.
    const { parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    const id = parent?.type === 'VariableDeclarator' ? (parent.id as Node) : undefined;
    const scope = ctx.enclosingFunction(call)?.body as Node | undefined;
    if (id?.type !== 'Identifier' || scope === undefined) continue;
    someDescendant(scope, (n) => {
      if (n.type !== 'IfStatement' || n.start < call.end) return false;
      const test = unwrap(n.test as Node);
      if (test?.type !== 'BinaryExpression' || test.operator !== 'instanceof') return false;
      const left = unwrap(test.left as Node);
      const right = unwrap(test.right as Node);
      if (left?.type !== 'Identifier' || left.name !== id.name) return false;
      // The name resolved where the test reads it: this const (a `let` may be given a class instance later;
      // a same-named const of another block or callback is another value).
      const binding = ctx.resolve(left.name as string, left);
      if (binding?.kind !== 'const' || binding.declaration !== parent) return false;
      if (right?.type !== 'Identifier' || PLAIN.has(right.name as string)) return false;
      const branch = n.consequent as Node;
      const throws =
        branch.type === 'ThrowStatement' || someDescendant(branch, (m) => m.type === 'ThrowStatement', true);
      if (!throws) return false;
      report(
        'swallowed-error',
        n,
        `\`instanceof ${right.name}\` on a JSON.parse result is never true (parsing builds plain objects): the failure branch is dead, and an error answer the body carries is handed on as data`,
      );
      return false;
    });
  }
}
