// The WebSocket API readings of iac-gateway-timeout-exceeds-lambda: the function an L2 integration routes, an
// L1 integration's API being a WebSocket one, and the $disconnect route no client waits on.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { onWebSocketApi, servesDisconnect, webSocketIntegration } from './cdkWebSocketApis.js';

const FILE = '/app/lib/sockets.ts';

function moduleOf(body: string): ModuleContext {
  const source = `import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';\nimport { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';\nexport function build(scope, fn) {\n${body}\n}\n`;
  return contextOf(source, FILE);
}

/** The `new WebSocketLambdaIntegration(...)` expressions of a body, in order. */
function integrations(ctx: ModuleContext): Node[] {
  return ctx.of('NewExpression').filter((n) => webSocketIntegration(n) !== undefined);
}

describe('webSocketIntegration', () => {
  it('names the function an integration routes, and nothing for another construct', () => {
    const ctx = moduleOf("new WebSocketLambdaIntegration('Conn', fn);\nnew apigwv2.HttpApi(scope, 'H');");
    const [integration, other] = ctx.of('NewExpression') as [Node, Node];
    expect(webSocketIntegration(integration)?.fn.name).toBe('fn');
    expect(webSocketIntegration(other)).toBeUndefined();
  });
});

describe('servesDisconnect', () => {
  it.each([
    ["new apigwv2.WebSocketApi(scope, 'A', { disconnectRouteOptions: { integration: INT } });", true],
    ["new apigwv2.WebSocketApi(scope, 'A', { connectRouteOptions: { integration: INT } });", false],
    ["const DISCONNECT = '$disconnect';\napi.addRoute(DISCONNECT, { integration: INT });", true],
    ["api.addRoute('sendmessage', { integration: INT });", false],
    [
      "new apigwv2.WebSocketRoute(scope, 'R', { webSocketApi: api, routeKey: '$disconnect', integration: INT });",
      true,
    ],
    [
      "new apigwv2.WebSocketRoute(scope, 'R', { webSocketApi: api, routeKey: 'typing', integration: INT });",
      false,
    ],
  ])('%s -> %s', (body, expected) => {
    const ctx = moduleOf(body.replace('INT', "new WebSocketLambdaIntegration('I', fn)"));
    expect(integrations(ctx).map((i) => servesDisconnect(ctx, i))).toEqual([expected]);
  });
});

describe('onWebSocketApi', () => {
  /** The answer for the `apiId` of the body's `new apigwv2.CfnIntegration(...)`. */
  const answer = (api: string, apiId: string) => {
    const ctx = moduleOf(`${api}\nnew apigwv2.CfnIntegration(scope, 'I', { apiId: ${apiId} });`);
    const integration = ctx.of('NewExpression').find((n) => n.callee.property?.name === 'CfnIntegration');
    const props = ((integration as Node).arguments as Node[])[2] as Node;
    const apiIdNode = (props.properties as Node[])[0]?.value as Node;
    return onWebSocketApi(ctx, apiIdNode);
  };

  it('is true for a CfnApi with protocolType WEBSOCKET, through .ref or a const holding it', () => {
    const api = "const sockets = new apigwv2.CfnApi(scope, 'S', { name: 's', protocolType: 'WEBSOCKET' });";
    expect(answer(api, 'sockets.ref')).toBe(true);
    expect(answer(`${api}\nconst socketsId = sockets.attrApiId;`, 'socketsId')).toBe(true);
  });

  it('is true for an L2 WebSocketApi, false for an HTTP CfnApi', () => {
    expect(answer("const api = new apigwv2.WebSocketApi(scope, 'W');", 'api.apiId')).toBe(true);
    expect(answer("const http = new apigwv2.CfnApi(scope, 'H', { protocolType: 'HTTP' });", 'http.ref')).toBe(
      false,
    );
  });
});
