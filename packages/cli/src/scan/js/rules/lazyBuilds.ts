// A verifier or key set built lazily: a module `let verifier = null` assigned on first use
// (`verifier = CognitoJwtVerifier.create(...)`, `jwks = createRemoteJWKSet(url)`), often handed out by a
// getter of the module (`const v = getVerifier()`, whose body ends `return verifier`). The binding's
// initialiser (null) says nothing of what it holds; its assignments do. Without this a key-fetching
// verifier built where env vars are sure to be set reads as no remote at all.

import { escapeRegExp } from '../../escapeRegExp.js';
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Binding } from '../moduleIndex.js';
import { someBelow } from '../subtreeIndex.js';

/** An initialiser that holds nothing yet: none, `null`, `undefined`. */
function empty(init: Node | undefined): boolean {
  const v = unwrap(init);
  return (
    v === undefined ||
    (v.type === 'Literal' && v.value === null) ||
    (v.type === 'Identifier' && v.name === 'undefined')
  );
}

/** The calls and `new`s assigned to `binding` anywhere in the module (`x = make()`, `x ??= make()`). */
function assignedCalls(ctx: ModuleContext, binding: Binding): Node[] {
  // Cheap text check first: most names are never reassigned.
  if (!new RegExp(`\\b${escapeRegExp(binding.name)}\\s*(\\?\\?|\\|\\|)?=(?!=)`).test(ctx.source)) return [];
  const found: Node[] = [];
  for (const type of ['CallExpression', 'NewExpression'] as const) {
    for (const call of ctx.of(type)) {
      const parent = ctx.parentOf(call);
      if (parent?.type !== 'AssignmentExpression' || unwrap(parent.right) !== call) continue;
      const left = unwrap(parent.left);
      if (left?.type === 'Identifier' && ctx.resolve(left.name as string, left) === binding) found.push(call);
    }
  }
  return found;
}

/** The value a `let`/`var` name holds once built: its assigned calls, when it starts out empty. */
function builtInto(ctx: ModuleContext, id: Node): Node[] {
  const b = ctx.resolve(id.name as string, id);
  if (b === undefined || (b.kind !== 'let' && b.kind !== 'var') || !empty(b.init)) return [];
  return assignedCalls(ctx, b);
}

/** What a getter of the module hands back (`return verifier`, `return (verifier ??= make())`). */
function getterBuilds(ctx: ModuleContext, call: Node): Node[] {
  const fn = call.callee?.type === 'Identifier' ? ctx.functionOf(call.callee) : undefined;
  if (fn === undefined || (call.arguments as Node[]).length > 0) return [];
  const body = fn.body as Node;
  const returned: Node[] = [];
  if (body.type !== 'BlockStatement') returned.push(body);
  else
    someBelow(
      body,
      ['ReturnStatement'],
      (r) => {
        if (r.argument) returned.push(r.argument as Node);
        return false;
      },
      true,
    );
  const found: Node[] = [];
  for (const r of returned) {
    const v = unwrap(r);
    if (v?.type === 'Identifier') found.push(...builtInto(ctx, v));
    else if (v?.type === 'AssignmentExpression') {
      const right = unwrap(v.right);
      if (right?.type === 'CallExpression' || right?.type === 'NewExpression') found.push(right);
    }
  }
  return found;
}

/**
 * The calls that build what `node` holds when it is built lazily: a `let` name starting out empty, a
 * getter call of the module returning one, or a `const` holding such a getter's result. Empty otherwise
 * (the caller judges an ordinary initialiser itself).
 */
export function lazyBuilds(ctx: ModuleContext, node: Node | undefined): Node[] {
  let n = unwrap(node);
  if (n?.type === 'Identifier') {
    const b = ctx.resolve(n.name as string, n);
    if (b?.kind === 'let' || b?.kind === 'var') return builtInto(ctx, n);
    if (b?.kind !== 'const') return [];
    n = unwrap(b.init);
  }
  if (n?.type === 'AwaitExpression') n = unwrap(n.argument as Node);
  return n?.type === 'CallExpression' && !isFunction(n) ? getterBuilds(ctx, n) : [];
}
