// traceIdKey: which payload keys are tracing ids or FIFO ordering groups, never an emitted record's id.
import { describe, expect, it } from 'vitest';
import { emittedIdKey, traceIdKey } from './emittedIds.js';

describe('traceIdKey', () => {
  it.each([
    ['correlationId', true],
    ['x-trace-id', true],
    ['MessageGroupId', true],
    ['messageGroupId', true],
    // A bare group id names a domain entity (a chat group, a user group).
    ['groupId', false],
    ['group_id', false],
    ['teamId', false],
    ['eventId', false],
  ])('%s -> %s', (key, trace) => {
    expect(traceIdKey(key)).toBe(trace);
  });

  it('leaves groupId an emitted id', () => {
    expect(emittedIdKey('groupId')).toBe(true);
  });
});
