// A helper that hands back a key-fetching verifier's promise unawaited (`return getVerifier().verify(t)`)
// fails as that verify fails: a catch answering 401 around `await helper(t)` answers a JWKS outage.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { authRules } from './auth.js';

const HEAD = [
  "import { CognitoJwtVerifier } from 'aws-jwt-verify';",
  'let verifier;',
  'function getVerifier() {',
  "  if (!verifier) verifier = CognitoJwtVerifier.create({ userPoolId: 'p', tokenUse: 'id', clientId: 'c' });",
  '  return verifier;',
  '}',
].join('\n');

/** The lines infra-error-as-auth reports in HEAD, `helper`, and a handler whose catch sits on line 10. */
function reportedLines(helper: string): number[] {
  const handler =
    'export const handler = async (e) => {\n  try { await verifyJwt(e.token); }\n  catch (err) { console.error(err); return { statusCode: 401 }; }\n  return { statusCode: 200 };\n};';
  const text = `${HEAD}\n${helper}\n${handler}`;
  const ctx = contextOf(text, 'm.ts');
  const lines: number[] = [];
  authRules(ctx, (rule, node) => {
    if (rule === 'infra-error-as-auth') lines.push(ctx.position(node.start).line);
  });
  return lines;
}

describe('a helper handing back a remote verify unawaited', () => {
  it.each([
    ['returned from an async helper', 'async function verifyJwt(t) { return getVerifier().verify(t); }'],
    ['an arrow whose body is the verify', 'const verifyJwt = (t) => getVerifier().verify(t);'],
    ['awaited, as before', 'async function verifyJwt(t) { return await getVerifier().verify(t); }'],
    [
      'an awaited verify named for a token, judged by its name',
      'async function verifyJwt(t) { return await sessions.verifyToken(t); }',
    ],
  ])('reported: %s', (_, helper) => {
    expect(reportedLines(helper)).toEqual([10]);
  });

  it.each([
    [
      'a verify that is not handed back',
      'async function verifyJwt(t) { getVerifier().verify(t).catch(() => {}); }',
    ],
    ['a sync local check returned', 'async function verifyJwt(t) { return getVerifier().verifySync(t); }'],
    // Only an awaited call is judged by its name's words; one handed back is judged only as a known
    // verifier or client, and `sessions` is neither (authRemote's `awaited &&` before NAMED_REMOTE).
    [
      'a verify named for a token, of an unknown object, handed back',
      'async function verifyJwt(t) { return sessions.verifyToken(t); }',
    ],
    ['the same as an arrow body', 'const verifyJwt = (t) => sessions.verifyToken(t);'],
  ])('not reported: %s', (_, helper) => {
    expect(reportedLines(helper)).toEqual([]);
  });

  it("not reported: a try's own unawaited return, whose rejection escapes its catch", () => {
    const text = `${HEAD}\nexport const handler = async (e) => {\n  try { return getVerifier().verify(e.token); }\n  catch { return { statusCode: 401 }; }\n};`;
    const ctx = contextOf(text, 'm.ts');
    const rules: string[] = [];
    authRules(ctx, (rule) => rules.push(rule));
    expect(rules).toEqual([]);
  });
});
