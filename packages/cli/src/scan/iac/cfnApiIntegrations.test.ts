// Functions routed only through an API's OpenAPI definition (`x-amazon-apigateway-integration` URIs) are
// behind that API: their timeout, or the Globals one they inherit, is judged against the integration's wait.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeIac } from './analyzeIac.js';

const integration = (fn: string, extra = '') => `
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST${extra}
                uri:
                  Fn::Sub: arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`;

/** A SAM template with a Globals timeout, two functions with no events and a REST API routing them. */
function template(globalsTimeout: number, definition: string, apiType = 'AWS::Serverless::Api'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: ${globalsTimeout}
Resources:
  Api:
    Type: ${apiType}
    Properties:
      StageName: prod
${definition}
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/orders
      Handler: index.handler
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/report
      Handler: index.handler
      Timeout: 120
`;
}

const INLINE = (extra = '') => `      DefinitionBody:
        openapi: '3.0.1'
        paths:
          /orders:
            post:${integration('OrdersFunction', extra)}`;

/** `line rule` of each gateway finding the scan makes for the template (and an included file beside it). */
function gatewayLines(text: string, include?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-openapi-'));
  const file = join(dir, 'template.yaml');
  writeFileSync(file, text);
  if (include !== undefined) writeFileSync(join(dir, 'openapi.yaml'), include);
  return analyzeIac(file, text)
    .candidates.filter((c) => c.rule === 'iac-gateway-timeout-exceeds-lambda')
    .map((c) => `${c.line} ${c.message.slice(0, 40)}`);
}

describe('functions routed by an OpenAPI definition', () => {
  it('reports the Globals timeout a function routed only by DefinitionBody inherits, at the Globals line', () => {
    expect(gatewayLines(template(30, INLINE()))).toEqual(['6 Globals Function Timeout 30s is at least']);
  });

  it('reports a routed function at its own timeout, and reads the HTTP API ceiling of an HttpApi', () => {
    const both = `${INLINE()}
          /report:
            get:${integration('ReportFunction')}`;
    expect(gatewayLines(template(10, both, 'AWS::Serverless::HttpApi'))).toEqual([
      '39 integration waits 30000 ms but ReportFun',
    ]);
  });

  it('reads a definition brought in by AWS::Include from a file beside the template', () => {
    const include = `openapi: '3.0.1'
paths:
  /orders:
    post:${integration('OrdersFunction').replace(/^ {12}/gm, '      ')}
`;
    const transform = `      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: ./openapi.yaml`;
    expect(gatewayLines(template(30, transform), include)).toEqual([
      '6 Globals Function Timeout 30s is at least',
    ]);
  });

  it.each([
    ['a Globals timeout under the wait', template(20, INLINE())],
    [
      'an integration whose own timeoutInMillis outlasts the function',
      template(30, INLINE('\n                timeoutInMillis: 45000')),
    ],
    [
      'a definition that routes no function (ReportFunction stays unrouted)',
      template(30, '      DefinitionBody: {}'),
    ],
  ])('leaves %s', (_name, text) => {
    expect(gatewayLines(text)).toEqual([]);
  });

  // The Location is the repository's text: hostile or careless, it must not end the scan or read outside it.
  describe('an AWS::Include location the scan does not read', () => {
    const include = `openapi: '3.0.1'
paths:
  /orders:
    post:${integration('OrdersFunction').replace(/^ {12}/gm, '      ')}
`;
    const transform = (location: string) => `      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: ${location}`;
    /** The template in `<dir>/app`, scanned with `app` as its root, and the included file one folder up. */
    function outsideLines(location: string): string[] {
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-openapi-'));
      const root = join(dir, 'app');
      mkdirSync(root);
      writeFileSync(join(dir, 'openapi.yaml'), include);
      const text = template(30, transform(location.replace('<dir>', dir)));
      writeFileSync(join(root, 'template.yaml'), text);
      return analyzeIac(join(root, 'template.yaml'), text, root)
        .candidates.filter((c) => c.rule === 'iac-gateway-timeout-exceeds-lambda')
        .map((c) => `${c.line}`);
    }

    it.each([
      ['a relative path out of the scan root', '../openapi.yaml'],
      ['an absolute path out of the scan root', '<dir>/openapi.yaml'],
      ['a device that never ends a read', '/dev/zero'],
      ['a folder', '.'],
      ['the template itself', './template.yaml'],
    ])('leaves %s as written', (_name, location) => {
      expect(outsideLines(location)).toEqual([]);
    });

    it.each([
      [
        'an alias that names its own ancestor (a cycle)',
        "openapi: '3.0.1'\npaths: &p\n  /orders:\n    again: *p\n",
      ],
      [
        'an alias bomb',
        `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(8)}*a]\nc: &c [${'*b, '.repeat(8)}*b]\nd: &d [${'*c, '.repeat(8)}*c]\ne: [${'*d, '.repeat(8)}*d]\n`,
      ],
    ])('leaves a file holding %s as written, and the template is still read', (_name, text) => {
      // Prepare: either used to throw out of the template's analysis, losing all of its findings.
      const transform = `      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: ./openapi.yaml`;

      // Act + Assess
      expect(gatewayLines(template(30, transform), text)).toEqual([]);
    });
  });
});
