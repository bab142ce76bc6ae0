// API methods wired by a module the scan cannot read: projects put each REST method behind a published
// "API method" module (`source = "github.com/…/api-gateway-lambda-method"`, a git or registry address),
// handing it the API (`rest_api_id = aws_api_gateway_rest_api.api.id`), the method
// (`http_method = "POST"`) and the function it integrates (`lambda_function_arn = aws_lambda_function.f.arn`).
// The module's integration is out of sight, so the call itself is the route, with the API type's ceiling
// (REST 29 s, HTTP API 30 s) unless the call passes a literal integration wait of its own. Only that shape
// counts: alarm, dashboard or WAF modules are handed an API and functions too, by name, and route nothing.
import { API_GATEWAY_MAX_MS, HTTP_API_MAX_MS } from './apiLimits.js';
import { type HclAttribute, type HclBlock, literal } from './hcl.js';

/** A function handed as what an integration calls: its ARN or invoke ARN, never its name alone. */
const FUNCTION_ARN = /\baws_lambda_function\.([\w-]+)(?:\[[^\]]*\])?\.(?:qualified_)?(?:invoke_)?arn\b/g;
/** An argument naming the integration's wait: `timeout_milliseconds`, `integration_timeout_ms`. */
const WAIT_ARG = /^(?:integration_)?timeout_(?:ms|millis|milliseconds)$/;

/** A module source the scan reads itself: a folder of this project. */
function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/**
 * The API a call hands by id (`rest_api_id`/`api_id`, or a prefixed `aws_api_gateway_rest_api` argument, =
 * `….id`): its ceiling, REST or HTTP.
 */
function apiCeilingMs(attrs: ReadonlyMap<string, HclAttribute>): number | undefined {
  let ceiling: number | undefined;
  for (const { raw } of attrs.values()) {
    if (/\baws_api_gateway_rest_api\.[\w-]+(?:\[[^\]]*\])?\.id\b/.test(raw)) return API_GATEWAY_MAX_MS;
    if (/\baws_apigatewayv2_api\.[\w-]+(?:\[[^\]]*\])?\.id\b/.test(raw)) ceiling = HTTP_API_MAX_MS;
  }
  return ceiling;
}

/**
 * Whether the call names a method or route: `http_method`, `route_key`, or `resource_id` plus a method
 * (prefixed too: `aws_api_gateway_method_http_method`, `aws_api_gateway_resource_id`).
 */
function namesMethod(keys: readonly string[]): boolean {
  return (
    keys.some((k) => /(?:^|_)(?:http_method|route_key)$/.test(k)) ||
    (keys.some((k) => /(?:^|_)resource_id$/.test(k)) && keys.some((k) => /method/i.test(k)))
  );
}

/**
 * The routes of this file's calls of unreadable API-method modules: each function an argument hands in by
 * ARN (an authorizer's excepted, `authorizer_uri`, `auth_function_arn`: it guards the route, it does not
 * answer it).
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
    const ceiling = apiCeilingMs(b.attrs);
    if (ceiling === undefined || !namesMethod([...b.attrs.keys()])) continue;
    const wait = [...b.attrs].find(([k]) => WAIT_ARG.test(k))?.[1];
    const ms = Number(literal(wait) ?? ceiling);
    const limitMs = Number.isNaN(ms) ? ceiling : ms;
    for (const [arg, attr] of b.attrs) {
      if (/auth/i.test(arg)) continue;
      for (const m of attr.raw.matchAll(FUNCTION_ARN))
        routes.push({ fn: `aws_lambda_function.${m[1]}`, limitMs, name: `module.${b.labels[0]}` });
    }
  }
  return routes;
}
