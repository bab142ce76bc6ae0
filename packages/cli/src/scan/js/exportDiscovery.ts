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
      ctx.exports.set('default', ctx.valueOf(stmt.declaration) ?? stmt.declaration);
    } else if (stmt.type === 'ExpressionStatement') {
      const e = unwrap(stmt.expression);
      if (e?.type !== 'AssignmentExpression') continue;
      const path = memberPath(e.left)?.join('.');
      if (path === undefined) continue;
      const m = /^(?:module\.)?exports\.(\w+)$/.exec(path);
      if (m?.[1]) ctx.exports.set(m[1], ctx.valueOf(e.right) ?? e.right);
      else if (path === 'module.exports') {
        const right = unwrap(e.right);
        if (right?.type === 'ObjectExpression') {
          for (const p of right.properties as Node[]) {
            const name = p.type === 'Property' ? propertyName(p.key, p.computed) : undefined;
            if (name !== undefined) ctx.exports.set(name, ctx.valueOf(p.value) ?? p.value);
          }
        } else ctx.exports.set('default', ctx.valueOf(e.right) ?? e.right);
      }
    }
  }
}
