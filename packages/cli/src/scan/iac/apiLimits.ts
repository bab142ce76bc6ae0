// What every API route join reads: API Gateway's integration ceilings and how Terraform names a function.

/** A REST API (v1) integration's longest wait. */
export const API_GATEWAY_MAX_MS = 29_000;
/** An HTTP API (v2) integration's longest wait. */
export const HTTP_API_MAX_MS = 30_000;
/** A read of a Terraform function's attribute (`aws_lambda_function.x.arn`, `aws_lambda_function.x[0].arn`). */
export const FUNCTION_READ = /\baws_lambda_function\.([\w-]+)(?:\[[^\]]*\])?\./g;
