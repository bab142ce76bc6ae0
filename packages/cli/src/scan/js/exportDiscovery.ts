// What a module exports, by name: ES exports (declarations, specifiers, default) and CommonJS
// (`exports.x =`, `module.exports = { ... }`), each mapped to the node that stands for it.

import { memberPath, type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

export function findExports(ctx: ModuleContext): void {
  for (const stmt of ctx.program.body as Node[]) {
    if (stmt.type === 'ExportNamedDeclaration') {
      const d = stmt.declaration;
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations as Node[])
          if (v.id.type === 'Identifier') ctx.exports.set(v.id.name as string, v.init ?? v);
      } else if (d && (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
        ctx.exports.set(d.id.name as string, d);
      }
      if (!stmt.source) {
        for (const s of (stmt.specifiers ?? []) as Node[]) {
          const exported = propertyName(s.exported);
          const local = s.local;
          if (exported !== undefined && local?.type === 'Identifier')
            ctx.exports.set(exported, ctx.valueOf(local) ?? local);
        }
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const value = ctx.valueOf(stmt.declaration) ?? stmt.declaration;
      ctx.exports.set('default', value);
      // `export default { get }`: importers call `secrets.get(...)` on the default import, as they would
      // on `module.exports = { get }`; the object's functions are its exports too.
      if (unwrap(value)?.type === 'ObjectExpression') objectExports(ctx, unwrap(value) as Node);
    } else if (stmt.type === 'ExpressionStatement') {
      const e = unwrap(stmt.expression);
      if (e?.type !== 'AssignmentExpression') continue;
      const path = memberPath(e.left)?.join('.');
      if (path === undefined) continue;
      const m = /^(?:module\.)?exports\.(\w+)$/.exec(path);
      if (m?.[1]) ctx.exports.set(m[1], ctx.valueOf(e.right) ?? e.right);
      else if (path === 'module.exports') {
        const right = unwrap(e.right);
        if (right?.type === 'ObjectExpression') objectExports(ctx, right, true);
        else {
          const value = ctx.valueOf(e.right) ?? e.right;
          ctx.exports.set('default', value);
          // `const exportable = { handler, processRecords }; module.exports = exportable`: callback-era code
          // names the object to call its own functions through it (`exportable.processRecords(...)`, so tests
          // can stub them); its functions are then the module's exports as if the object were written in
          // place. An object the module never calls through stays one default export (a helper object its
          // importers call as `notifier.send(...)`, judged through the default import).
          const object = unwrap(value);
          const local = unwrap(e.right);
          if (object?.type === 'ObjectExpression' && local?.type === 'Identifier' && callsThrough(ctx, local))
            objectExports(ctx, object, true);
        }
      }
    }
  }
}

/**
 * The properties of an exported object literal, each under its own name; for a default export, a name
 * the module also exports by itself keeps that value.
 */
function objectExports(ctx: ModuleContext, object: Node, override = false): void {
  for (const p of object.properties as Node[]) {
    const name = p.type === 'Property' ? propertyName(p.key, p.computed) : undefined;
    if (name === undefined || (!override && ctx.exports.has(name))) continue;
    // `module.exports = { Updater, handler: exports.handler }` after `exports.handler = async () => ...`:
    // the object lists the function exported before, which it replaces as the module's exports.
    const earlier = /^(?:module\.)?exports\.(\w+)$/.exec(memberPath(p.value)?.join('.') ?? '')?.[1];
    const value = earlier === undefined ? undefined : ctx.exports.get(earlier);
    ctx.exports.set(name, value ?? ctx.valueOf(p.value) ?? p.value);
  }
}

/** Does the module call a function through `object`'s name (`exportable.processRecords(...)`)? */
function callsThrough(ctx: ModuleContext, object: Node): boolean {
  return ctx.of('CallExpression').some((call) => {
    const callee = unwrap(call.callee);
    const receiver = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
    return receiver?.type === 'Identifier' && receiver.name === object.name;
  });
}
