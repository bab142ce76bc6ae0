// What a provider answered, made safe to act on: its text (or why there is none), SSM's "no parameter" told
// apart from a failure, and the one-line description of a failed read that goes into the warning log.
import { GetParameterError, ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import { describe, expect, it } from 'vitest';
import { answerText, describeReadError, isParameterNotFound } from './ssmReadAnswer.js';

/** An error whose cause chain is `depth` errors deep, the last one named `name`. */
function chain(depth: number, name: string): Error {
  let e = Object.assign(new Error('inner'), { name });
  for (let i = 1; i < depth; i++) e = new Error(`wrapper ${i}`, { cause: e });
  return e;
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('answerText', () => {
  it('answers a string as it is, and UTF-8 bytes as their text', () => {
    expect(answerText('{"state":"open"}')).toBe('{"state":"open"}');
    expect(answerText(new TextEncoder().encode('{"reason":"déjà"}'))).toBe('{"reason":"déjà"}');
  });

  it('refuses bytes that are not UTF-8 (never a replacement character)', () => {
    expect(answerText(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toEqual({
      problem: 'the provider answered bytes that are not UTF-8',
    });
  });

  it.each([
    [42, 'the provider answered a number, not text'],
    [null, 'the provider answered null, not text'],
    [{ Value: 'x' }, 'the provider answered an object, not text'],
    [['x'], 'the provider answered an object, not text'],
    [() => 'x', 'the provider answered a function, not text'],
    [true, 'the provider answered a boolean, not text'],
  ])('says what %o is instead of text', (value, problem) => {
    expect(answerText(value)).toEqual({ problem });
  });

  it('describes a revoked Proxy (it throws on instanceof) as an object', () => {
    expect(answerText(revokedProxy())).toEqual({ problem: 'the provider answered an object, not text' });
  });
});

describe('isParameterNotFound', () => {
  it.each([
    ['the SDK error', chain(1, 'ParameterNotFound')],
    ["Powertools' ParameterNotFoundError", new ParameterNotFoundError('no /bulwark/breakers/edna')],
    ['the SDK error under GetParameterError', chain(2, 'ParameterNotFound')],
    ['one five errors deep', chain(5, 'ParameterNotFound')],
  ])('recognises %s', (_label, error) => {
    expect(isParameterNotFound(error)).toBe(true);
  });

  it.each([
    ['a throttling', chain(1, 'ThrottlingException')],
    ['one six errors deep', chain(6, 'ParameterNotFound')],
    ['undefined', undefined],
    ['null', null],
    ['a cause of null', new Error('x', { cause: null })],
    ['a revoked Proxy', revokedProxy()],
  ])('does not take %s for a missing parameter', (_label, error) => {
    expect(isParameterNotFound(error)).toBe(false);
  });

  it('stops on a cycle of causes', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(isParameterNotFound(a)).toBe(false);
  });
});

describe('describeReadError', () => {
  it("names the SDK's error under Powertools' GetParameterError", () => {
    const sdk = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(describeReadError(new GetParameterError('could not read', { cause: sdk }))).toBe(
      'ThrottlingException: Rate exceeded',
    );
  });

  it('names the error itself when it is not a GetParameterError, whatever its cause', () => {
    const error = Object.assign(new Error('denied', { cause: new Error('inner') }), {
      name: 'AccessDeniedException',
    });
    expect(describeReadError(error)).toBe('AccessDeniedException: denied');
  });

  it('names the GetParameterError itself when it has no cause, or its cause cannot be read', () => {
    const throwing = new GetParameterError('could not read');
    Object.defineProperty(throwing, 'cause', {
      get() {
        throw new Error('no');
      },
    });
    expect(describeReadError(new GetParameterError('could not read'))).toBe(
      'GetParameterError: could not read',
    );
    expect(describeReadError(throwing)).toBe('GetParameterError: could not read');
  });

  it('redacts what the message carries', () => {
    const error = new Error('GET https://ssm.internal/x?token=abc123 failed');
    expect(describeReadError(error)).not.toContain('abc123');
  });
});
