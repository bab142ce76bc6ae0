// The title is what every problem body's reader sees first: each phrase is pinned, and so is the class
// fallback for a status without one (a 5xx must never read "Client Error").
import { describe, expect, it } from 'vitest';
import { statusTitle } from './statusTitle.js';

describe('statusTitle', () => {
  it.each([
    [400, 'Bad Request'],
    [404, 'Not Found'],
    [408, 'Request Timeout'],
    [409, 'Conflict'],
    [410, 'Gone'],
    [412, 'Precondition Failed'],
    [413, 'Content Too Large'],
    [422, 'Unprocessable Content'],
    [429, 'Too Many Requests'],
    [499, 'Client Closed Request'],
    [500, 'Internal Server Error'],
    [501, 'Not Implemented'],
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
    [504, 'Gateway Timeout'],
  ])('names %i as RFC 9110 does: %s', (status, title) => {
    // Act + Assess
    expect(statusTitle(status)).toBe(title);
  });

  it.each([
    [401, 'Client Error'],
    [418, 'Client Error'],
    [505, 'Server Error'],
    [599, 'Server Error'],
  ])('falls back to the class of %s: %s', (status, title) => {
    // Act + Assess
    expect(statusTitle(status)).toBe(title);
  });
});
