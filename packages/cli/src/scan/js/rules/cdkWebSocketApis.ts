// API Gateway WebSocket APIs in CDK. A WebSocket route invokes its function synchronously, as a REST route
// does, and the integration gives up after 29 s (an HTTP API waits 30 s): the L2 `WebSocketLambdaIntegration`
// (aws-cdk-lib/aws-apigatewayv2-integrations or the alpha package) names its function, and an L1
// `CfnIntegration` belongs to a WebSocket API when its `apiId` is a `CfnApi` with `protocolType: 'WEBSOCKET'`.
import { memberPath, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** API Gateway's integration timeout for a WebSocket route, in seconds. */
export const WEBSOCKET_LIMIT = 29;

/**
 * The function a `new WebSocketLambdaIntegration(id, fn, options?)` routes, and its options.
 * @example
 * webSocketIntegration(node) // new WebSocketLambdaIntegration('Conn', connectFn) -> { fn: connectFn }
 */
export function webSocketIntegration(node: Node): { fn: Node; options: Node | undefined } | undefined {
  if (memberPath(node.callee as Node)?.at(-1) !== 'WebSocketLambdaIntegration') return undefined;
  const [, fn, options] = node.arguments as Node[];
  return fn === undefined ? undefined : { fn, options };
}

/**
 * True when an L1 integration's `apiId` (`api.ref`, `api.attrApiId`, or the construct's id held in a
 * const) is a `CfnApi` built in this module with `protocolType: 'WEBSOCKET'`.
 * @example
 * onWebSocketApi(ctx, apiIdExpr) // apiId: sockets.ref, const sockets = new CfnApi(this, 'S', { protocolType: 'WEBSOCKET' }) -> true
 */
export function onWebSocketApi(ctx: ModuleContext, apiId: Node | undefined): boolean {
  const id = ctx.valueOf(apiId);
  const api = id?.type === 'MemberExpression' ? ctx.valueOf(unwrap(id.object as Node)) : undefined;
  if (api?.type !== 'NewExpression') return false;
  // an L2 `new WebSocketApi(...)` with L1 integrations (`apiId: api.apiId`)
  if (memberPath(api.callee as Node)?.at(-1) === 'WebSocketApi') return true;
  if (memberPath(api.callee as Node)?.at(-1) !== 'CfnApi') return false;
  const props = objectProps(ctx.valueOf((api.arguments as Node[])[2]))?.props;
  return stringValue(ctx.valueOf(props?.get('protocolType')))?.toUpperCase() === 'WEBSOCKET';
}

/** The route key API Gateway calls after the socket has closed, best effort: no client waits on its answer. */
const DISCONNECT = '$disconnect';

/**
 * True when a WebSocket integration serves the `$disconnect` route: held by `disconnectRouteOptions`, handed
 * to `addRoute('$disconnect', ...)`, or to a `WebSocketRoute` whose `routeKey` is `$disconnect`. API Gateway
 * invokes that route after the client has gone, so a slow cleanup makes nobody wait and the gateway's
 * integration limit does not apply.
 * @example
 * servesDisconnect(ctx, integration) // disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('D', fn) } -> true
 */
export function servesDisconnect(ctx: ModuleContext, integration: Node): boolean {
  const prop = ctx.parentOf(integration);
  if (prop?.type !== 'Property' || propertyName(prop.key, prop.computed as boolean) !== 'integration')
    return false;
  const options = ctx.parentOf(prop);
  const holder = options === undefined ? undefined : ctx.parentOf(options);
  if (holder?.type === 'Property')
    return propertyName(holder.key, holder.computed as boolean) === 'disconnectRouteOptions';
  if (holder?.type === 'CallExpression' && memberPath(holder.callee as Node)?.at(-1) === 'addRoute')
    return stringValue(ctx.valueOf((holder.arguments as Node[])[0])) === DISCONNECT;
  if (holder?.type === 'NewExpression' && memberPath(holder.callee as Node)?.at(-1) === 'WebSocketRoute')
    return stringValue(ctx.valueOf(objectProps(options)?.props.get('routeKey'))) === DISCONNECT;
  return false;
}
