// A verify helper's result destructured (`const { isValid, payload } = await verifyJWT(t)`) and read as
// a deny (`if (!isValid || !payload) return unauthorized()`): the helper's catch answering
// `{ isValid: false }` for a JWKS outage becomes a 401.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { authAcrossModulesRules } from './authAcrossModules.js';

const HELPER = [
  "import { CognitoJwtVerifier } from 'aws-jwt-verify';",
  'export async function verifyJWT(token) {',
  '  try {',
  "    const verifier = CognitoJwtVerifier.create({ userPoolId: 'p', tokenUse: 'access', clientId: 'c' });",
  '    const payload = await verifier.verify(token);',
  '    return { payload, isValid: true };',
  '  } catch (err) {',
  "    console.error('JWT verification failed', err);",
  '    return { isValid: false };',
  '  }',
  '}',
].join('\n');

/** The lines infra-error-as-auth reports in HELPER (its catch is line 7) and a caller running `body`. */
function reportedLines(body: string): number[] {
  const text = `${HELPER}\nexport async function authenticate(event) {\n  ${body}\n}`;
  const ctx = contextOf(text, 'm.ts');
  const lines: number[] = [];
  // The same-module gate reports unconditionally; an exported helper's report waits on other modules' callers.
  authAcrossModulesRules(ctx, (rule, node, _message, conditions) => {
    if (rule === 'infra-error-as-auth' && conditions?.onlyIfAuthGated === undefined)
      lines.push(ctx.position(node.start).line);
  });
  return lines;
}

describe('a destructured verdict read as a deny', () => {
  it.each([
    [
      'the verdict or the payload missing, answered by a 401 helper',
      "const { isValid, payload } = await verifyJWT(event.token);\n  if (!isValid || !payload) return { isValid: false, error: unauthorized('Unauthorized') };\n  return { isValid: true, payload };",
    ],
    [
      'the verdict alone, renamed',
      'const { isValid: ok } = await verifyJWT(event.token);\n  if (!ok) return { statusCode: 401 };\n  return { statusCode: 200 };',
    ],
  ])('reported: %s', (_, body) => {
    expect(reportedLines(body)).toEqual([7]);
  });

  it.each([
    [
      'a deny on a name the result does not bind',
      'const { isValid } = await verifyJWT(event.token);\n  if (!event.admin) return { statusCode: 403 };\n  return { statusCode: isValid ? 200 : 500 };',
    ],
    [
      "a deny on a callback's own name the result also binds (shadowed)",
      'const { isValid } = await verifyJWT(event.token);\n  const rows = event.rows.map((row) => { const isValid = row.ok; if (!isValid) return { statusCode: 403 }; return row; });\n  return { statusCode: isValid ? 200 : 500, rows };',
    ],
    [
      'a missing verdict answered 404',
      'const { isValid } = await verifyJWT(event.token);\n  if (!isValid) return { statusCode: 404 };\n  return { statusCode: 200 };',
    ],
  ])('not reported: %s', (_, body) => {
    expect(reportedLines(body)).toEqual([]);
  });
});
