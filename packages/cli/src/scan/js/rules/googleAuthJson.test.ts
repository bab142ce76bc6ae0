// A client the default GoogleAuth builds from a credentials file (`Auth.auth.fromJSON(creds)`) sends its raw
// `request(opts)` through gaxios with no timeout unless the request or the client's options name one.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { googleApiRules } from './googleApis.js';

/** The lines googleApiRules reports in `body`, after the import lines. */
function reported(body: string): number[] {
  const source = `import { Auth, google } from 'googleapis';\nimport { auth } from 'google-auth-library';\n${body}`;
  const lines: number[] = [];
  googleApiRules(contextOf(source, 'handler.ts'), (_rule, node) => {
    lines.push(source.slice(0, node.start).split('\n').length);
  });
  return lines;
}

describe('googleApiRules on fromJSON clients', () => {
  it.each([
    [
      "googleapis' Auth re-export",
      'export async function f(c) {\n  const client = Auth.auth.fromJSON(c) as Auth.JWT;\n  await client.request({ url, method: "POST" });\n}',
    ],
    [
      "googleapis' google.auth",
      'export async function f(c) {\n  const client = google.auth.fromJSON(c);\n  await client.request({ url });\n}',
    ],
    [
      "google-auth-library's auth",
      'export async function f(c) {\n  const client = auth.fromJSON(c);\n  await client.request({ url });\n}',
    ],
  ])('reports a request through %s', (_name, body) => {
    // Act
    const lines = reported(body);

    // Assess
    expect(lines).toEqual([5]);
  });

  it.each([
    [
      'a request naming a timeout',
      'export async function f(c) {\n  const client = Auth.auth.fromJSON(c);\n  await client.request({ url, timeout: 5000 });\n}',
    ],
    [
      'client options naming a timeout',
      'export async function f(c) {\n  const client = auth.fromJSON(c, { transporterOptions: { timeout: 5000 } });\n  await client.request({ url });\n}',
    ],
    [
      'a local method of the client',
      'export async function f(c) {\n  const client = auth.fromJSON(c);\n  client.setCredentials(t);\n}',
    ],
  ])('stays silent on %s', (_name, body) => {
    expect(reported(body)).toEqual([]);
  });
});
