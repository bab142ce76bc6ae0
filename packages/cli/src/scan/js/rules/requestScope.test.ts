import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { servesRequestOnly } from './requestScope.js';

/** servesRequestOnly asked of the first `idempotencyKey` property of `source`. */
function askedOfKey(source: string): boolean {
  const ctx = contextOf(source);
  const prop = ctx.of('Property').find((p) => p.key?.name === 'idempotencyKey');
  if (prop === undefined) throw new Error('no idempotencyKey property');
  return servesRequestOnly(ctx, prop);
}

describe('servesRequestOnly', () => {
  it('holds for a function taking an API Gateway event imported from aws-lambda', () => {
    const source = `import { APIGatewayProxyEvent } from 'aws-lambda';
import { v4 } from 'uuid';
export async function check(event: APIGatewayProxyEvent, userId: string) {
  if (!event.body) return { idempotencyKey: v4() };
  return { idempotencyKey: event.headers['idempotency-key'] };
}`;
    expect(askedOfKey(source)).toBe(true);
  });

  it('holds for a key in the response body of an arrow answering the request', () => {
    const source = `import type { ALBEvent } from 'aws-lambda';
export const handler = async (event: ALBEvent) => ({ statusCode: 200, body: JSON.stringify({ idempotencyKey: crypto.randomUUID() }) });`;
    expect(askedOfKey(source)).toBe(true);
  });

  it('does not hold for a key a callback answers to another call', () => {
    const source = `import type { ALBEvent } from 'aws-lambda';
export const handler = async (event: ALBEvent) => [1].map(() => ({ idempotencyKey: crypto.randomUUID() }));`;
    expect(askedOfKey(source)).toBe(false);
  });

  it('does not hold for a key sent to another service', () => {
    const source = `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
export async function pay(event: APIGatewayProxyEvent) {
  const intent = await stripe.paymentIntents.create(params(event), { idempotencyKey: randomUUID() });
  return { statusCode: 200, body: intent.id };
}`;
    expect(askedOfKey(source)).toBe(false);
  });

  it('does not hold for a key made in a loop, a retry per attempt', () => {
    const source = `import type { APIGatewayProxyEvent } from 'aws-lambda';
export async function quote(event: APIGatewayProxyEvent) {
  for (let attempt = 0; attempt < 3; attempt++) return { idempotencyKey: crypto.randomUUID() };
}`;
    expect(askedOfKey(source)).toBe(false);
  });

  it('holds for a handler typed on its variable, with no parameter type', () => {
    const handlerType = `import type { APIGatewayProxyHandler } from 'aws-lambda';
export const handler: APIGatewayProxyHandler = async (event) => ({ statusCode: 200, body: '', idempotencyKey: event.body ? 'k' : crypto.randomUUID() });`;
    expect(askedOfKey(handlerType)).toBe(true);
    const generic = `import type { APIGatewayProxyEvent, Handler } from 'aws-lambda';
export const handler: Handler<APIGatewayProxyEvent, unknown> = async (event) => ({ idempotencyKey: crypto.randomUUID() });`;
    expect(askedOfKey(generic)).toBe(true);
  });

  it('does not hold for a project alias of the type', () => {
    const source = `import { APIGatewayProxyEvent } from './types';
export async function check(event: APIGatewayProxyEvent) { return { idempotencyKey: crypto.randomUUID() }; }`;
    expect(askedOfKey(source)).toBe(false);
  });

  it('does not hold for an SQS consumer', () => {
    const source = `import type { SQSEvent } from 'aws-lambda';
export const handler = async (event: SQSEvent) => { await send({ idempotencyKey: crypto.randomUUID() }); };`;
    expect(askedOfKey(source)).toBe(false);
  });

  it('does not hold for a module whose other handler is a queue consumer', () => {
    const source = `import type { APIGatewayProxyEvent, SQSEvent } from 'aws-lambda';
export const api = async (event: APIGatewayProxyEvent) => ({ idempotencyKey: crypto.randomUUID() });
export const worker = async (event: SQSEvent) => { for (const r of event.Records) await go(r); };`;
    expect(askedOfKey(source)).toBe(false);
  });

  it('does not hold for an untyped parameter', () => {
    const source = `export async function check(event) { return { idempotencyKey: crypto.randomUUID() }; }`;
    expect(askedOfKey(source)).toBe(false);
  });
});
