// Construction-time behaviour; the probe's runs are tested against the SSM emulator in test/shared-state/.
import { describe, expect, it } from 'vitest';
import { breakerProbeHandler } from './breakerProbeHandler.js';

describe('breakerProbeHandler construction', () => {
  it('makes no SSM client or call until invoked', () => {
    expect(
      typeof breakerProbeHandler({ dependencies: [{ name: 'edna', url: 'https://edna.test/health' }] }),
    ).toBe('function');
  });

  it.each([
    [undefined, /options must be an object/],
    [{ dependencies: 'edna' }, /"dependencies" must be a non-empty array/],
    [{ dependencies: [{ name: 'a', check: 'yes' }] }, /"check" must be a function, got string/],
    [
      { dependencies: [{ name: 'a', url: 'https://a.test', timeoutMs: -5 }] },
      /dependencies\[0\]: "timeoutMs" must be > 0 and <= 2147483647, got -5/,
    ],
    [
      { dependencies: [{ name: 'a', url: 'https://a.test' }], checksPerInvocation: 0 },
      /"checksPerInvocation" must be an integer >= 1, got 0/,
    ],
    [
      { dependencies: [{ name: 'a', url: 'https://a.test' }], checkIntervalMs: -1 },
      /"checkIntervalMs" must be a number >= 0 and <= 2147483647, got -1/,
    ],
  ])('throws a TypeError naming the field for %o', (options, message) => {
    expect(() => breakerProbeHandler(options as never)).toThrow(TypeError);
    expect(() => breakerProbeHandler(options as never)).toThrow(message);
  });

  it.each([
    [{ dependencies: { token: 'PLANTED-7f3a' } }, /"dependencies" must be a non-empty array, got an object$/],
    [{ dependencies: [{ name: 'a', url: 'not a url ?token=PLANTED-7f3a' }] }, /"url" is not a URL, got "/],
  ])('describes a bad value without printing what it holds (%#)', (options, message) => {
    // Act
    let text = '';
    try {
      breakerProbeHandler(options as never);
    } catch (error) {
      text = (error as Error).message;
    }
    // Assess
    expect(text).toMatch(message);
    expect(text).not.toContain('PLANTED-7f3a');
  });
});
