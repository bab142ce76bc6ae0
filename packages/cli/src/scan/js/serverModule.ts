// Whether a module is visibly server code: a Lambda handler's, or one that imports Node built-ins or server
// libraries, reads the environment, calls require or uses Node's Buffer. A module with none of these (a
// plain helper over the global fetch) may as well run in a browser or a script, so the rules that ask
// (no-retry, an unchecked fetch) judge it only when a handler is found calling it.
import type { ModuleContext } from './ModuleContext.js';

const SERVER_IMPORTS =
  /^(node:|@aws-sdk\/|aws-sdk|aws-lambda|@aws-lambda-powertools\/|@bulwark\/|express|fastify|koa|hono|@nestjs\/|@middy\/|pg|mysql2?|mongodb|ioredis|redis|undici|node-fetch|got|superagent|fs|http|https|crypto|path)/;

/** Lambda handlers, or modules importing Node built-ins or server libraries. */
export function isServerModule(ctx: ModuleContext): boolean {
  if (ctx.isLambdaModule) return true;
  for (const imp of ctx.imports.values()) if (SERVER_IMPORTS.test(imp.source)) return true;
  // Substring tests first: the expression alone is tried at every position of the module's text.
  const source = ctx.source;
  // Node's globals say so too: `process.env`, `require(...)`, and `Buffer`, which browsers do not have.
  return (
    (source.includes('process.env') && /\bprocess\.env\b/.test(source)) ||
    (source.includes('require(') && /\brequire\(/.test(source)) ||
    (source.includes('Buffer.') &&
      /(?<![\w$.])Buffer\.(?:from|alloc|concat|isBuffer|byteLength)\(/.test(source))
  );
}
