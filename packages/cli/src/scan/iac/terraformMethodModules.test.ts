import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import { checkTerraform } from './terraform.js';
import { methodModuleRoutes } from './terraformMethodModules.js';

const call = (args: string) => `
module "m" {
  source = "github.com/example-org/terraform-apigw-lambda-method?ref=v1"
${args}
}
`;
const METHOD = `  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.r.id
  http_method = "POST"`;

describe('methodModuleRoutes', () => {
  it.each([
    [
      'an alarms module handed the API and function names',
      `  api_name = aws_api_gateway_rest_api.api.name
  function_names = [aws_lambda_function.f.function_name]`,
      [],
    ],
    [
      'a module given the API by id and a function ARN but no method',
      `  rest_api_id = aws_api_gateway_rest_api.api.id
  function_arns = [aws_lambda_function.f.arn]`,
      [],
    ],
    [
      'a method handed only the function name',
      `${METHOD}\n  function_name = aws_lambda_function.f.function_name`,
      [],
    ],
    [
      'a method module',
      `${METHOD}\n  lambda_function_arn = aws_lambda_function.f.arn`,
      [['aws_lambda_function.f', 29000]],
    ],
    [
      'a method module with prefixed arguments',
      `  aws_api_gateway_rest_api = "\${aws_api_gateway_rest_api.api.id}"
  aws_api_gateway_resource_id = "\${aws_api_gateway_resource.r.id}"
  aws_api_gateway_method_http_method = "POST"
  aws_lambda_function_arn = "\${aws_lambda_function.f.arn}"
  aws_lambda_function_name = "\${aws_lambda_function.f.function_name}"`,
      [['aws_lambda_function.f', 29000]],
    ],
    [
      'an HTTP API route',
      `  api_id = aws_apigatewayv2_api.api.id\n  route_key = "GET /x"\n  invoke_arn = aws_lambda_function.f.invoke_arn`,
      [['aws_lambda_function.f', 30000]],
    ],
    [
      'an authorizer and an auth function beside the route',
      `${METHOD}
  function_arn = aws_lambda_function.f.invoke_arn
  authorizer_uri = aws_lambda_function.a.invoke_arn
  auth_function_arn = aws_lambda_function.b.arn`,
      [['aws_lambda_function.f', 29000]],
    ],
    [
      'timeout_milliseconds',
      `${METHOD}\n  timeout_milliseconds = 5000\n  lambda_function_arn = aws_lambda_function.f.arn`,
      [['aws_lambda_function.f', 5000]],
    ],
    [
      'a quoted number',
      `${METHOD}\n  timeout_milliseconds = "12000"\n  lambda_function_arn = "\${aws_lambda_function.f.arn}"`,
      [['aws_lambda_function.f', 12000]],
    ],
    [
      "the function's own timeout, not the integration's",
      `${METHOD}\n  lambda_timeout_ms = 900000\n  lambda_function_arn = aws_lambda_function.f.arn`,
      [['aws_lambda_function.f', 29000]],
    ],
  ])('%s', (_name, args, expected) => {
    // Act
    const routes = methodModuleRoutes(parseHcl(call(args)));

    // Assess
    expect(routes.map((r) => [r.fn, r.limitMs])).toEqual(expected);
  });

  it('takes no local module as a route', () => {
    // Act
    const routes = methodModuleRoutes(
      parseHcl(
        call(`${METHOD}\n  lambda_function_arn = aws_lambda_function.f.arn`).replace(
          /source = ".*"/,
          'source = "./method"',
        ),
      ),
    );

    // Assess
    expect(routes).toEqual([]);
  });
});

describe('checkTerraform with a method module in the same file', () => {
  it('reports the function at once, naming the module that routes it', () => {
    // Prepare
    const file = join(
      import.meta.dirname,
      '../../../fixtures/corpus/terraform/method-module-same-file/main.tf',
    );
    const reports: [number, string][] = [];

    // Act
    checkTerraform(
      readFileSync(file, 'utf8'),
      (rule, line, message) => {
        // Judged here, not left to the folder join ('{resolved later}'), which would find it too.
        if (rule === 'iac-gateway-timeout-exceeds-lambda' && message !== '{resolved later}')
          reports.push([line, message]);
      },
      [],
    );

    // Assess
    expect(reports).toEqual([
      [
        18,
        'aws_lambda_function.place_order timeout 40s is at least the 29000 ms integration timeout of module.orders_post',
      ],
    ]);
  });
});
