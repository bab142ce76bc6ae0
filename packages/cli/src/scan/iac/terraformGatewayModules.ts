// HTTP APIs built by the registry's terraform-aws-modules/apigateway-v2: each route's Lambda is named in a
// map entry, `integrations = { "POST /" = { lambda_arn = module.fn.lambda_function_arn } }` (up to v4) or
// `routes = { "POST /" = { integration = { uri = module.fn.lambda_function_arn } } }` (v5), with the
// integration's own `timeout_milliseconds` or HTTP API's 30 s.

import { HTTP_API_MAX_MS } from './apiLimits.js';
import { type HclBlock, literal, parseHcl } from './hcl.js';
import { mapEntries } from './terraformLambdaModules.js';

/** Each route of this file's apigateway-v2 modules: its text (naming the function) and its limit. */
export function gatewayModuleRoutes(
  blocks: readonly HclBlock[],
): { readonly text: string; readonly limitMs: number; readonly name: string }[] {
  return blocks
    .filter((b) => b.type === 'module' && /apigateway-v2\b/.test(b.attrs.get('source')?.raw ?? ''))
    .flatMap((m) =>
      [...mapEntries(m.attrs.get('integrations')), ...mapEntries(m.attrs.get('routes'))].map(
        ({ key, block }) => {
          const nested = block.attrs.get('integration')?.raw;
          const integration = (nested?.startsWith('{') ? parseHcl(`x ${nested}`)[0] : undefined) ?? block;
          const ms = Number(literal(integration.attrs.get('timeout_milliseconds')) ?? HTTP_API_MAX_MS);
          return {
            text: block.text,
            limitMs: Number.isNaN(ms) ? HTTP_API_MAX_MS : ms,
            name: `module.${m.labels[0]} route "${key}"`,
          };
        },
      ),
    );
}
