// Which catches around a key-fetching verifier verifierRebrandRules reports as rebranding an outage.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { verifierRebrandRules } from './authVerifierRebrand.js';

const HEAD = [
  "import { CognitoJwtVerifier } from 'aws-jwt-verify';",
  "const verifier = CognitoJwtVerifier.create({ userPoolId: 'p', tokenUse: 'access', clientId: 'c' });",
].join('\n');

/** The lines (1-based) reported in HEAD plus `source`. */
function reportedLines(source: string): number[] {
  const text = `${HEAD}\n${source}`;
  const ctx = contextOf(text, 'm.ts');
  const lines: number[] = [];
  verifierRebrandRules(ctx, (_rule, node) => lines.push(ctx.position(node.start).line));
  return lines;
}

/** A helper whose catch (line 4) runs `body`. */
const helper = (body: string, param = '(err)') =>
  `async function claims(t) {\n  try { return await verifier.verify(t); }\n  catch ${param}\n  { ${body} }\n}`;

describe('verifierRebrandRules', () => {
  it.each([
    ['a fixed token blame', "throw new Error('Invalid access token');"],
    ['an expired-or-invalid blame', "throw new Error('Token verification failed');"],
    [
      'one class told apart, the rest rebranded',
      "if (err instanceof JwtExpiredError) throw new Error('Token expired'); throw new Error('Invalid token');",
    ],
  ])('reported: %s', (_, body) => {
    expect(reportedLines(helper(body))).toEqual([5]);
  });

  it.each([
    ['the outage named', "throw new Error('Authentication service unavailable, retry later');"],
    ['the key fetch named', "throw new Error('Could not fetch token signing keys');"],
    ['a token word without a bad-token word', "throw new Error('Token check: see cause');"],
    [
      "the error rethrown when not the token's",
      "if (err instanceof JwtExpiredError) throw new Error('Token expired'); throw err;",
    ],
    [
      'a non-token error for the rest',
      "if (err instanceof JwtExpiredError) throw new Error('Token expired'); throw new Error('Upstream error');",
    ],
  ])('not reported: %s', (_, body) => {
    expect(reportedLines(helper(body))).toEqual([]);
  });

  it('not reported when a same-module caller answers any error 401 (that catch is the line)', () => {
    const caller =
      'export const h = async (e) => { try { return await claims(e.t); } catch { return { statusCode: 401 }; } };';
    expect(reportedLines(`${helper("throw new Error('Invalid access token');")}\n${caller}`)).toEqual([]);
  });

  it('reported when the same-module caller tests the rebranded message', () => {
    const caller =
      "export const h = async (e) => { try { return await claims(e.t); } catch (err) { if (err.message === 'Invalid access token') return { statusCode: 401 }; return { statusCode: 500 }; } };";
    expect(reportedLines(`${helper("throw new Error('Invalid access token');")}\n${caller}`)).toEqual([5]);
  });
});
