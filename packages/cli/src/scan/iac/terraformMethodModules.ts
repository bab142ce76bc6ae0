// API methods wired by a module the scan cannot read: projects put each REST method behind a published
// "API method" module (`source = "github.com/…/api-gateway-lambda-method"`, a git or registry address),
// handing it the API (`rest_api_id = aws_api_gateway_rest_api.api.id`) and the function it integrates
// (`lambda_function_arn = aws_lambda_function.f.arn`). The module's integration is out of sight, so the
// call itself is the route: a module given both an API and a function puts that function behind the API,
// with the API type's ceiling (REST 29 s, HTTP API 30 s) unless the call passes a literal wait of its own.
import { type HclBlock, literal } from './hcl.js';

const API_GATEWAY_MAX_MS = 29_000;
const HTTP_API_MAX_MS = 30_000;
const FUNCTION_READ = /\baws_lambda_function\.([\w-]+)(?:\[[^\]]*\])?\./g;

/** A module source the scan reads itself: a folder of this project. */
function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** The API a module argument reads: REST (`aws_api_gateway_rest_api.x`) or HTTP (`aws_apigatewayv2_api.x`). */
function apiCeilingMs(blocks: Iterable<{ readonly raw: string }>): number | undefined {
  let ceiling: number | undefined;
  for (const { raw } of blocks) {
    if (/\baws_api_gateway_rest_api\.[\w-]+/.test(raw)) return API_GATEWAY_MAX_MS;
    if (/\baws_apigatewayv2_api\.[\w-]+/.test(raw)) ceiling = HTTP_API_MAX_MS;
  }
  return ceiling;
}

/**
 * The routes of this file's calls of unreadable modules given an API and a function: each function an
 * argument hands in (an authorizer's excepted: it guards the route, it does not answer it).
 * @example
 * methodModuleRoutes(parseHcl(tf)) // [{ fn: 'aws_lambda_function.signup', limitMs: 29000, name: 'module.signup_post' }]
 */
export function methodModuleRoutes(
  blocks: readonly HclBlock[],
): { readonly fn: string; readonly limitMs: number; readonly name: string }[] {
  const routes: { fn: string; limitMs: number; name: string }[] = [];
  for (const b of blocks) {
    const source = literal(b.attrs.get('source'));
    if (b.type !== 'module' || source === undefined || isLocalSource(source)) continue;
    const ceiling = apiCeilingMs(b.attrs.values());
    if (ceiling === undefined) continue;
    const wait = [...b.attrs].find(([k]) => /timeout.*(ms|milli)/i.test(k))?.[1];
    const ms = Number(literal(wait) ?? ceiling);
    const limitMs = Number.isNaN(ms) ? ceiling : ms;
    for (const [arg, attr] of b.attrs) {
      if (/authori[sz]er/i.test(arg)) continue;
      for (const m of attr.raw.matchAll(FUNCTION_READ))
        routes.push({ fn: `aws_lambda_function.${m[1]}`, limitMs, name: `module.${b.labels[0]}` });
    }
  }
  return routes;
}
