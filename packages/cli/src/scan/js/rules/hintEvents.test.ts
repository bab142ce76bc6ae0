import { describe, expect, it } from 'vitest';
import { contextOf, firstOfType } from '../testing/parsed.js';
import { onlyHints } from './hintEvents.js';

const judge = (params: string) => onlyHints(contextOf(''), firstOfType(`(${params})`, 'ObjectExpression'));

describe('onlyHints', () => {
  it.each([
    ["{ Entries: [{ DetailType: 'packs.updated', Detail: '{}' }] }", true],
    ["{ Entries: [{ DetailType: 'refresh', Detail: JSON.stringify({}) }, { Detail: '{ }' }] }", true],
    ["{ Entries: [{ DetailType: 'grant', Detail: JSON.stringify({ userId }) }] }", false],
    ["{ Entries: [{ DetailType: 'refresh', Detail: '{}' }, { Detail: body }] }", false],
    ['{ Entries: events.map((e) => ({ Detail: "{}" })) }', false],
    ['{ Entries: [] }', false],
    [
      "{ Entries: [{ Source: 'hello.ws', DetailType: 'update', Detail: JSON.stringify({ deviceId, message }) }] }",
      false,
    ],
    ["{ Entries: [{ Source: 'shop.wsdl', Detail: JSON.stringify({ order }) }] }", false],
    ["{ Entries: [{ Source: 'news', Detail: JSON.stringify({ order }) }] }", false],
    [
      "{ Entries: [{ Source: 'payments-ws', DetailType: 'PaymentCaptured', Detail: JSON.stringify(order) }] }",
      false,
    ],
    ["{ Entries: [{ ...base, Detail: '{}' }] }", false],
  ])('%s -> %s', (params, expected) => {
    // Act
    const answer = judge(params as string);

    // Assess
    expect(answer).toBe(expected);
  });
});
