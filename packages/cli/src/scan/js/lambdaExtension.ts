// Requests to a Lambda extension in the same execution environment (AppConfig, Parameters and Secrets):
// neither http-no-timeout nor no-retry is asked of the local hop (rules/http.ts).
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** The local endpoint of an AWS Lambda extension: AppConfig (localhost:2772), Parameters and Secrets (2773). */
const EXTENSION_URL =
  /\b(localhost|127\.0\.0\.1):277[23]\b|APPCONFIG_EXTENSION_HTTP_PORT|PARAMETERS_SECRETS_EXTENSION_HTTP_PORT/;

/**
 * A request to a Lambda extension in the same execution environment: it answers from its own cache and
 * bounds its own calls to AWS, so neither a timeout nor a retry of the local hop is asked for.
 */
export function lambdaExtension(ctx: ModuleContext, call: Node): boolean {
  const target = ctx.valueOf(call.arguments[0] as Node | undefined);
  if (target === undefined) return false;
  const text = ctx.source.slice(target.start, target.end);
  if (EXTENSION_URL.test(text)) return true;
  // `http://localhost:${port}/...` with the port read from the extension's variable.
  if (target.type !== 'TemplateLiteral' || !/\b(localhost|127\.0\.0\.1):\$\{/.test(text)) return false;
  return (target.expressions as Node[]).some((e) => {
    const v = ctx.valueOf(e);
    return v !== undefined && EXTENSION_URL.test(ctx.source.slice(v.start, v.end));
  });
}
