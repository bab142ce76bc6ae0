import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText } from './redactText.js';

describe('redactText', () => {
  it.each([
    ['GET https://api.example.com/v1/u?api_key=abc failed', 'GET https://api.example.com/v1/u failed'],
    ['to https://user:pa55@host.example/x#frag', 'to https://host.example/x'],
    ['Authorization: Bearer abcdefghijklmnop', 'Authorization: [redacted]'],
    ['sent bearer abcdefghijklmnop', 'sent bearer [redacted]'],
    ['password=hunter2 and user=bob', 'password=[redacted] and user=bob'],
    ['{"x-amz-security-token":"FwoGZXIvYXdz"}', '{"x-amz-security-token":"[redacted]"}'],
    ['key AKIAIOSFODNN7EXAMPLE used', 'key [redacted] used'],
    ['jwt eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl here', 'jwt [redacted] here'],
    ['\u001b[2J\rclosed\r\nedna', '\\u001b[2J\\rclosed\\r\\nedna'],
    ['plain words stay', 'plain words stay'],
  ])('%j -> %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('keeps line breaks when multiline, still escaping other controls', () => {
    expect(redactText('a\nb\u0007', 100, { multiline: true })).toBe('a\nb\\u0007');
  });

  it('cuts at maxLength', () => {
    expect(redactText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(redactText('x'.repeat(1e6)).length).toBe(1000);
  });

  it('returns an empty string for a non-string', () => {
    expect(redactText(42)).toBe('');
  });

  it('never returns a planted query secret or a control character', () => {
    fc.assert(
      fc.property(fc.string(), fc.webUrl(), fc.string(), (before, url, after) => {
        const text = redactText(`${before} ${url}?token=PLANTEDSECRET99 ${after}`);
        expect(text).not.toContain('PLANTEDSECRET99');
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
        expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
    );
  });
});
