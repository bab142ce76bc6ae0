// The comparison every dialect of iac-gateway-timeout-exceeds-lambda makes. API Gateway's integration
// timeout (29 s REST, 30 s HTTP API, or the integration's own setting) counts from the request, so it
// includes Lambda's invocation overhead: a function allowed exactly as long as the integration is cut off by
// the gateway first, and the client gets 504 while the function keeps running. Equal therefore counts.

/** True when a function allowed `seconds` can outlive an integration that waits `limitSeconds`. */
export function outlivesGateway(seconds: number, limitSeconds: number): boolean {
  return seconds >= limitSeconds;
}

/**
 * The shortest integration timeout API Gateway has: 29 s for REST and WebSocket APIs (HTTP APIs wait 30 s).
 * A function default at or under it outlives no route, so the rules that judge a default before they know
 * its API (shared props, helper defaults, SST's function defaults) compare against it first.
 * @example
 * outlivesGateway(25, SHORTEST_GATEWAY_LIMIT) // false: no API Gateway integration gives up before 25 s
 */
export const SHORTEST_GATEWAY_LIMIT = 29;
