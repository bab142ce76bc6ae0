import type { ALBEvent } from 'aws-lambda';
import { encodeBody, type HttpEventInput, lowerCase, splitPath } from './apiGatewayV2Event.js';

/**
 * Builds an Application Load Balancer target event (single-value headers).
 *
 * @example
 * ```ts
 * const event = albEvent({ method: 'POST', path: '/hooks', body: 'ping' });
 * event.requestContext.elb.targetGroupArn; // 'arn:aws:elasticloadbalancing:...'
 * ```
 */
export function albEvent(input: HttpEventInput & Partial<Omit<ALBEvent, 'body' | 'headers'>> = {}): ALBEvent {
  const { method = 'GET', path = '/', body, headers, ...rest } = input;
  const { pathname, query } = splitPath(path, 'albEvent');
  const encoded = encodeBody(body);
  return {
    requestContext: {
      elb: {
        targetGroupArn:
          'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/bulwark-test/6d0ecf831eec9f09',
      },
    },
    httpMethod: method.toUpperCase(),
    path: pathname,
    queryStringParameters: query,
    headers: {
      host: 'alb.bulwark.test',
      'user-agent': 'bulwark-test',
      ...(encoded.json ? { 'content-type': 'application/json' } : {}),
      ...lowerCase(headers),
    },
    body: encoded.body ?? '',
    isBase64Encoded: false,
    ...rest,
  };
}
