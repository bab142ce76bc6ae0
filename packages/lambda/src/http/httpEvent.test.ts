// The event view at the edges the builders in @bulwark/testing never make: near-miss shapes (refused with the
// wiring message, never a bare "Cannot read properties"), ALB query and header quirks, bodies that are absent
// yet flagged base64, and responses written for each source.

import { albEvent, apiGatewayRestEvent, apiGatewayV2Event } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { viewHttpEvent, writeHttpResponse } from './httpEvent.js';

const EXPECTED = 'httpHandler: expected an API Gateway REST, HTTP API (v2) or ALB event; got';
const WIRING = 'Is this function wired to an HTTP trigger?';

describe('viewHttpEvent: what it refuses', () => {
  it.each([
    ['null', null, 'null'],
    ['a string', 'GET /', '"GET /"'],
  ])('refuses %s', (_label, event, got) => {
    // Act + Assess
    expect(() => viewHttpEvent(event)).toThrow(new TypeError(`${EXPECTED} ${got}.`));
  });

  it.each([
    ['version 2.0 without a request context', { version: '2.0' }],
    ['version 2.0 with a null request context', { version: '2.0', requestContext: null }],
    ['version 2.0 without requestContext.http', { version: '2.0', requestContext: {} }],
    ['version 2.0 with a null requestContext.http', { version: '2.0', requestContext: { http: null } }],
    ['a request context without httpMethod', { requestContext: { requestId: 'r' } }],
    ['httpMethod without a request context', { httpMethod: 'GET' }],
    ['httpMethod with a null request context', { httpMethod: 'GET', requestContext: null }],
  ])('refuses %s with the wiring message', (_label, event) => {
    // Act + Assess
    expect(() => viewHttpEvent(event)).toThrow(
      new TypeError(`${EXPECTED} an object with keys ${JSON.stringify(Object.keys(event))}. ${WIRING}`),
    );
  });

  it('names at most eight of the keys it got', () => {
    // Prepare
    const event = Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1]));
    // Act + Assess
    expect(() => viewHttpEvent(event)).toThrow(
      new TypeError(`${EXPECTED} an object with keys ["a","b","c","d","e","f","g","h"]. ${WIRING}`),
    );
  });
});

describe('viewHttpEvent: which source', () => {
  it('reads a payload that is not version 2.0 by its httpMethod, even with a requestContext.http', () => {
    // Prepare
    const event = {
      version: '1.0',
      httpMethod: 'GET',
      path: '/v1',
      requestContext: { requestId: 'r-1', http: { method: 'POST', path: '/v2' } },
    };
    // Act
    const view = viewHttpEvent(event);
    // Assess
    expect(view).toMatchObject({ source: 'api-gateway-rest', method: 'GET', path: '/v1', requestId: 'r-1' });
  });

  it('reads a REST event whose elb is null as REST', () => {
    // Act
    const view = viewHttpEvent({
      httpMethod: 'GET',
      path: '/',
      requestContext: { requestId: 'r', elb: null },
    });
    // Assess
    expect(view.source).toBe('api-gateway-rest');
  });

  it('prefers the v2 rawPath, and falls back to requestContext.http.path', () => {
    // Prepare
    const event = apiGatewayV2Event({ method: 'GET', path: '/raw' }) as unknown as Record<string, unknown>;
    const http = (event.requestContext as { http: { path: string } }).http;
    http.path = '/stage/raw';
    // Act + Assess
    expect(viewHttpEvent(event).path).toBe('/raw');
    expect(viewHttpEvent({ ...event, rawPath: undefined }).path).toBe('/stage/raw');
  });

  it('keeps only the string path parameters and query values', () => {
    // Prepare
    const event = {
      ...apiGatewayRestEvent({ method: 'GET', path: '/orders/7' }),
      pathParameters: { id: '7', none: null },
      queryStringParameters: { page: '2', none: null },
    };
    // Act
    const view = viewHttpEvent(event);
    // Assess
    expect({ ...view.pathParameters }).toStrictEqual({ id: '7' });
    expect({ ...view.query }).toStrictEqual({ page: '2' });
  });
});

describe('viewHttpEvent: ALB', () => {
  const alb = (extra: Record<string, unknown>) => ({ ...albEvent({ method: 'GET', path: '/' }), ...extra });

  it('decodes query values (+ as a space), takes the first of several, and keeps a malformed one as sent', () => {
    // Prepare
    const event = alb({
      queryStringParameters: { q: 'a+b%20c', bad: '%E0%A4%A', both: 'single' },
      multiValueQueryStringParameters: { many: ['1', '2'], both: ['multi'], none: null },
    });
    // Act
    const view = viewHttpEvent(event);
    // Assess
    expect({ ...view.query }).toStrictEqual({ q: 'a b c', bad: '%E0%A4%A', both: 'single', many: '1' });
  });

  it('takes multi-value query values when the single ones are absent', () => {
    // Prepare
    const event = alb({
      queryStringParameters: undefined,
      multiValueQueryStringParameters: { a: ['x%2By'] },
    });
    // Act + Assess
    expect({ ...viewHttpEvent(event).query }).toStrictEqual({ a: 'x+y' });
  });

  it.each([
    ['single-value headers only', { headers: { a: '1' }, multiValueHeaders: undefined }, false],
    ['multi-value headers only', { headers: undefined, multiValueHeaders: { a: ['1'] } }, true],
    ['both', { headers: { a: '1' }, multiValueHeaders: { a: ['1'] } }, false],
    ['neither', { headers: undefined, multiValueHeaders: undefined }, false],
  ])('answers in multi-value headers only when it got %s: %s', (_label, headers, multiValue) => {
    // Act + Assess
    expect(viewHttpEvent(alb(headers)).multiValue).toBe(multiValue);
  });

  it('never answers a REST event in multi-value headers', () => {
    // Prepare
    const event = {
      ...apiGatewayRestEvent({ method: 'GET' }),
      headers: undefined,
      multiValueHeaders: { a: ['1'] },
    };
    // Act + Assess
    expect(viewHttpEvent(event).multiValue).toBe(false);
  });
});

describe('viewHttpEvent: body', () => {
  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
  ])('has no body text when the body is %s, even flagged base64', (_label, body) => {
    // Prepare
    const event = { ...apiGatewayV2Event({ method: 'POST' }), body, isBase64Encoded: true };
    // Act + Assess
    expect(viewHttpEvent(event).bodyText()).toBeUndefined();
  });
});

describe('writeHttpResponse', () => {
  // Views made inside each test, never while the file loads: a mutant reached at load time would run every test.
  const rest = () => viewHttpEvent(apiGatewayRestEvent({ method: 'GET' }));
  const alb = () => viewHttpEvent(albEvent({ method: 'GET' }));

  it('gives an ALB answer a status description, trimmed when the status has no text', () => {
    // Act + Assess
    expect(writeHttpResponse(alb(), 418, {}, '').statusDescription).toBe('418');
    expect(writeHttpResponse(alb(), 503, {}, '').statusDescription).toBe('503 Service Unavailable');
  });

  it.each([
    [200, 'OK'],
    [201, 'Created'],
    [202, 'Accepted'],
    [204, 'No Content'],
    [400, 'Bad Request'],
    [404, 'Not Found'],
    [409, 'Conflict'],
    [422, 'Unprocessable Content'],
    [429, 'Too Many Requests'],
    [500, 'Internal Server Error'],
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
    [504, 'Gateway Timeout'],
  ])('describes an ALB %i as %s', (status, text) => {
    // Act + Assess
    expect(writeHttpResponse(alb(), status, {}, '').statusDescription).toBe(`${status} ${text}`);
  });

  it('gives a REST answer neither a status description nor cookies', () => {
    // Act
    const response = writeHttpResponse(rest(), 200, { a: '1' }, 'ok', { cookies: ['c=1'] });
    // Assess
    expect(response).toStrictEqual({
      statusCode: 200,
      body: 'ok',
      isBase64Encoded: false,
      headers: { a: '1' },
    });
  });
});
