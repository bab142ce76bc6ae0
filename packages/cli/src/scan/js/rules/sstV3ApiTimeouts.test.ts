// SST v3's API components: which route functions' timeouts are judged, against which limit, and where.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { sstV3ApiTimeoutRules } from './sstV3ApiTimeouts.js';

/** The lines sstV3ApiTimeoutRules reports in `source`. */
function reportedLines(source: string): number[] {
  const ctx = contextOf(source, '/app/infra/api.ts');
  const lines: number[] = [];
  sstV3ApiTimeoutRules(ctx, (_rule, node) =>
    lines.push(ctx.source.slice(0, node.start as number).split('\n').length),
  );
  return lines;
}

describe('sstV3ApiTimeoutRules', () => {
  it.each([
    ['an HTTP API route at its 30 s limit', 'ApiGatewayV2', '"30 seconds"', [3]],
    ['an HTTP API route under it', 'ApiGatewayV2', '"29 seconds"', []],
    ['a REST API route at 29 s', 'ApiGatewayV1', '29', [3]],
    ['a WebSocket route in minutes', 'ApiGatewayWebSocket', '"1 minute"', [3]],
  ])('%s', (_name, component, timeout, expected) => {
    const source = `const api = new sst.aws.${component}("Api");
api.route("POST /x", {
  handler: "src/x.handler", timeout: ${timeout},
});`;
    expect(reportedLines(source)).toEqual(expected);
  });

  it("judges a function handed by ARN once, and not on a WebSocket's $disconnect route alone", () => {
    const source = `const ws = new sst.aws.ApiGatewayWebSocket("Ws");
const fn = new sst.aws.Function("F", { handler: "src/ws.handler", timeout: "45 seconds" });
const gone = new sst.aws.Function("G", { handler: "src/gone.handler", timeout: "5 minutes" });
ws.route("$connect", fn.arn);
ws.route("ping", fn.arn);
ws.route("$disconnect", gone.arn);`;
    expect(reportedLines(source)).toEqual([2]);
  });

  it("reports the API's route transform for handler strings, and a spread helper's answer", () => {
    const source = `function config(handler) {
  return { handler, timeout: "900 seconds" };
}
const api = new sst.aws.ApiGatewayV2("Api", {
  transform: { route: { handler: { timeout: "40 seconds" } } },
});
api.route("GET /a", "src/a.handler");
api.route("GET /b", "src/b.handler");
api.route("POST /c", { ...config("src/c.handler") });
const bare = new sst.aws.ApiGatewayV2("Bare");
bare.route("POST /d", { ...config("src/d.handler") });`;
    expect(reportedLines(source)).toEqual([5, 2]);
  });

  it('judges nothing it cannot read: an imported API, an unknown spread, a global that is shadowed', () => {
    expect(
      reportedLines(`import { api } from './api';\napi.route("GET /a", { handler: "a", timeout: 60 });`),
    ).toEqual([]);
    expect(
      reportedLines(
        `const api = new sst.aws.ApiGatewayV2("Api", { transform: { route: { handler: (args) => args } } });\napi.route("GET /a", { handler: "a", timeout: 60 });`,
      ),
    ).toEqual([]);
    expect(
      reportedLines(
        `const api = new sst.aws.ApiGatewayV2("Api");\napi.route("GET /a", { timeout: "60 seconds", ...shared });`,
      ),
    ).toEqual([]);
    expect(
      reportedLines(
        `const sst = lib();\nconst api = new sst.aws.ApiGatewayV2("Api");\napi.route("GET /a", { handler: "a", timeout: 60 });`,
      ),
    ).toEqual([]);
  });

  it("lets the API's route transform win over a route's own timeout, in either order", () => {
    const api = (t: string) =>
      `const api = new sst.aws.ApiGatewayV2("Api", {\n  transform: { route: { handler: { timeout: ${t} } } },\n});\n`;
    expect(
      reportedLines(`${api('"10 seconds"')}api.route("POST /a", { handler: "a", timeout: "60 seconds" });`),
    ).toEqual([]);
    expect(
      reportedLines(`${api('"60 seconds"')}api.route("POST /a", { handler: "a", timeout: "10 seconds" });`),
    ).toEqual([2]);
    expect(
      reportedLines(
        `${api('"60 seconds"')}api.route("GET /x", "arn:aws:lambda:us-east-1:1:function:legacy");`,
      ),
    ).toEqual([]);
  });

  it('reads the key written last: a later unreadable spread hides the timeout, an earlier one does not', () => {
    const api = 'const api = new sst.aws.ApiGatewayV2("Api");\n';
    expect(
      reportedLines(`${api}api.route("POST /a", { handler: "a", timeout: "60 seconds", ...cfg() });`),
    ).toEqual([]);
    expect(
      reportedLines(`${api}api.route("POST /a", { ...cfg(), handler: "a", timeout: "60 seconds" });`),
    ).toEqual([2]);
  });
});
