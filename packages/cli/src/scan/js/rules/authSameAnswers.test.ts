// Which class tests in a catch around a remote-JWKS jwtVerify still answer every error 401/403.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { authRules } from './auth.js';

const HEAD = [
  "import { createRemoteJWKSet, errors, jwtVerify } from 'jose';",
  "const jwks = createRemoteJWKSet(new URL('https://issuer.example/.well-known/jwks.json'));",
].join('\n');

/** The lines (1-based) infra-error-as-auth reports in HEAD plus a middleware whose catch (line 6) runs `body`. */
function reportedLines(body: string): number[] {
  const text = `${HEAD}\nexport async function auth(c, token) {\n  try {\n    await jwtVerify(token, jwks);\n  } catch (err) {\n    ${body}\n  }\n}`;
  const ctx = contextOf(text, 'm.ts');
  const lines: number[] = [];
  authRules(ctx, (rule, node) => {
    if (rule === 'infra-error-as-auth') lines.push(ctx.position(node.start).line);
  });
  return lines;
}

describe('a class test whose both sides answer 401/403', () => {
  it.each([
    [
      'expired told apart, 401 for the rest',
      "if (err instanceof errors.JWTExpired) { return c.json({ code: 'TOKEN_EXPIRED' }, 401); }\n    return c.json({ code: 'UNAUTHORIZED' }, 401);",
    ],
    [
      'an else answering 403',
      'if (err instanceof errors.JWTExpired) return c.json({}, 401);\n    else return c.json({}, 403);',
    ],
    [
      'a log between the test and the 401',
      "if (err.name === 'JWTExpired') return c.json({}, 401);\n    console.error(err);\n    return c.json({}, 401);",
    ],
  ])('reported: %s', (_, body) => {
    expect(reportedLines(body)).toEqual([6]);
  });

  it.each([
    ['the rest rethrown', 'if (err instanceof errors.JWTExpired) return c.json({}, 401);\n    throw err;'],
    [
      'the rest answered 503',
      'if (err instanceof errors.JWTExpired) return c.json({}, 401);\n    return c.json({}, 503);',
    ],
    [
      'a second test answering 503',
      'if (err instanceof errors.JWTExpired) return c.json({}, 401);\n    if (err instanceof errors.JWKSTimeout) return c.json({}, 503);\n    return c.json({}, 401);',
    ],
  ])('not reported: %s', (_, body) => {
    expect(reportedLines(body)).toEqual([]);
  });
});
