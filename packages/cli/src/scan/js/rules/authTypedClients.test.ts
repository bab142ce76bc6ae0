// An HTTP client handed in as a parameter typed by its library's instance type (`client: Got`,
// `http: AxiosInstance`) makes a request: a tuple helper's error (apr-intercept, await-to-js) or a catch
// around it answered 403 answers the other system's outage as a refusal.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { errorTupleRules } from './authErrorTuples.js';

/** The lines reported for a lookup through `client` (typed `type`, imported by `typeImport`); the `if` is line 6. */
function reportedLines(
  typeImport: string,
  type: string,
  answer = 'throw Boom.forbidden();',
  lookup = "client.get('users', { searchParams: { code } }).json()",
): number[] {
  const text = `import Boom from '@hapi/boom';
import Intercept from 'apr-intercept';
${typeImport}
export const fetchByCode = async (code: string, client: ${type}) => {
  const [err, res] = await Intercept(${lookup} as Promise<{ items: string[] }>);
  if (err) {
    ${answer}
  }
  return res.items[0];
};`;
  const ctx = contextOf(text, 'm.ts');
  const lines: number[] = [];
  errorTupleRules(ctx, (rule, node) => {
    if (rule === 'infra-error-as-auth') lines.push(ctx.position(node.start).line);
  });
  return lines;
}

describe('a request through a client typed by its library', () => {
  it.each([
    ["got's Got", "import type { Got } from 'got';", 'Got'],
    ["axios's AxiosInstance", "import { AxiosInstance } from 'axios';", 'AxiosInstance'],
  ])('reported: %s', (_, typeImport, type) => {
    expect(reportedLines(typeImport, type)).toEqual([6]);
  });

  it.each([
    ["a project's own client type", "import type { Got } from './squidex';", 'Got'],
    ['an untyped parameter', '', 'any'],
  ])('not reported: %s', (_, typeImport, type) => {
    expect(reportedLines(typeImport, type)).toEqual([]);
  });

  it.each([
    [
      "got's extend (a new instance, no request)",
      "import type { Got } from 'got';",
      'Got',
      'client.extend({ headers: { code } })',
    ],
    [
      "axios's getUri (a URL, no request)",
      "import { AxiosInstance } from 'axios';",
      'AxiosInstance',
      'client.getUri({ params: { code } })',
    ],
  ])('not reported: %s', (_, typeImport, type, lookup) => {
    expect(reportedLines(typeImport, type, 'throw Boom.forbidden();', lookup)).toEqual([]);
  });

  it('not reported: the error answered 502', () => {
    expect(reportedLines("import type { Got } from 'got';", 'Got', 'throw Boom.badGateway();')).toEqual([]);
  });
});
