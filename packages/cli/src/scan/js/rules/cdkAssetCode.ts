// A function's code from a folder: `Code.fromAsset(dir)`, `lambda.Code.asset(dir)` (CDK v1), or the class
// behind both, `new lambda.AssetCode(dir)`, which CDK v1 factories often write out.
import { calleeName, memberPath, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The folder argument of a `code` value that loads a folder, as written; undefined for inline or image code.
 * @example
 * assetCodeDir(ctx, codeNode) // the template literal of `new lambda.AssetCode(`${src}${folder}/`)`
 */
export function assetCodeDir(ctx: ModuleContext, code: Node | undefined): Node | undefined {
  const n = ctx.valueOf(code);
  if (n?.type === 'CallExpression' && (calleeName(n) === 'fromAsset' || calleeName(n) === 'asset'))
    return (n.arguments as Node[])[0];
  if (n?.type === 'NewExpression' && memberPath(n.callee as Node)?.at(-1) === 'AssetCode')
    return (n.arguments as Node[])[0];
  return undefined;
}
