import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { encodeBody, type HttpEventInput, splitPath } from './apiGatewayV2Event.js';

/**
 * Builds an API Gateway REST API (payload format 1.0) proxy event.
 *
 * @example
 * ```ts
 * const event = apiGatewayRestEvent({ method: 'DELETE', path: '/orders/7' });
 * event.httpMethod; // 'DELETE'
 * ```
 */
export function apiGatewayRestEvent(
  input: HttpEventInput & Partial<Omit<APIGatewayProxyEvent, 'body' | 'headers'>> = {},
): APIGatewayProxyEvent {
  const { method = 'GET', path = '/', body, headers, ...rest } = input;
  const { pathname, query, multiQuery } = splitPath(path, 'apiGatewayRestEvent');
  const encoded = encodeBody(body);
  const allHeaders: Record<string, string> = {
    Host: 'api.bulwark.test',
    'User-Agent': 'bulwark-test',
    ...(encoded.json ? { 'Content-Type': 'application/json' } : {}),
    ...headers,
  };
  const now = Date.now();
  const httpMethod = method.toUpperCase();
  const hasQuery = Object.keys(query).length > 0;
  return {
    resource: pathname,
    path: pathname,
    httpMethod,
    headers: allHeaders,
    multiValueHeaders: Object.fromEntries(Object.entries(allHeaders).map(([name, value]) => [name, [value]])),
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: null,
    stageVariables: null,
    body: encoded.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'bulwarkapi',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '192.0.2.1',
        user: null,
        userAgent: 'bulwark-test',
        userArn: null,
      },
      path: `/prod${pathname}`,
      stage: 'prod',
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'abc123',
      resourcePath: pathname,
    },
    ...rest,
  };
}
