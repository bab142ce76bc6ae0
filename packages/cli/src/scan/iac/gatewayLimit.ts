// The comparison every dialect of iac-gateway-timeout-exceeds-lambda makes. API Gateway's integration
// timeout (29 s REST, 30 s HTTP API, or the integration's own setting) counts from the request, so it
// includes Lambda's invocation overhead: a function allowed exactly as long as the integration is cut off by
// the gateway first, and the client gets 504 while the function keeps running. Equal therefore counts.

/** True when a function allowed `seconds` can outlive an integration that waits `limitSeconds`. */
export function outlivesGateway(seconds: number, limitSeconds: number): boolean {
  return seconds >= limitSeconds;
}
