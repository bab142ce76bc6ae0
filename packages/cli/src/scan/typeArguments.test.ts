// A call spelled with type arguments (`fetcher<Labels>(url, { headers })`) is a call of the helper all the
// same: the project pass reads callers' text for the options each passes (callerTimeoutArgs.ts), and a
// caller it missed left the helper's request judged on no caller at all (silent).
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';
import { TYPE_ARGUMENTS } from './typeArguments.js';

const tree = tempTrees('bulwark-typeargs-');

const FETCHER = `export async function fetcher<T>(url: string, options?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...options, headers: { Accept: 'application/json', ...options?.headers } });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as T;
}
`;
const HANDLER = (call: string) => `import type { APIGatewayProxyHandler } from 'aws-lambda';
import { fetcher } from './fetcher';
interface Labels { readonly labels: string[] }
export const handler: APIGatewayProxyHandler = async (event) => {
  const url = 'https://labels.example.com/' + (event.path ?? '');
  const found = await ${call};
  return { statusCode: 200, body: JSON.stringify(found) };
};
`;

/** The rules reported on the helper's request (line 2 of fetcher.ts). */
async function helperFindings(call: string): Promise<string[]> {
  const root = tree({ 'src/fetcher.ts': FETCHER, 'src/handler.ts': HANDLER(call) });
  const { findings } = await scan({ root, workers: 0 });
  return findings
    .filter((f) => f.file === 'src/fetcher.ts' && f.line === 2)
    .map((f) => f.rule)
    .sort();
}

describe('calls spelled with type arguments', () => {
  it.each([
    ['one type argument', 'fetcher<Labels>(url, { headers: {} })'],
    ['a nested one', 'fetcher<Page<Labels>>(url)'],
    ['a union of nested ones', 'fetcher<Array<Labels> | Error>(url)'],
  ])('read %s as a call that passes no signal and no method', async (_, call) => {
    // Act
    const rules = await helperFindings(call);

    // Assess
    expect(rules).toEqual(['http-no-timeout', 'no-retry']);
  });

  it('leave the helper silent when every typed call passes a deadline and a POST', async () => {
    // Act
    const rules = await helperFindings(
      "fetcher<Labels>('https://labels.example.com/q', { method: 'POST', body: event.body ?? '', signal: AbortSignal.timeout(3000) })",
    );

    // Assess
    expect(rules).toEqual([]);
  });

  it.each([
    ['fetcher<A>(x)', true],
    ['fetcher<A<B<C>>>(x)', true],
    ['fetcher(x)', true],
    ['fetcher<A>;', false],
  ])('the fragment reads %s as a call: %s', (text, expected) => {
    expect(new RegExp(`\\bfetcher\\s*${TYPE_ARGUMENTS}\\(`).test(text)).toBe(expected);
  });
});
