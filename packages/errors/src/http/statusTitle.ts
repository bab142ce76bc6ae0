// Status phrases for the statuses Bulwark hands its callers (RFC 9110 §15).

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The phrase for a status, or a generic one for its class. */
export function statusTitle(status: number): string {
  // Stryker disable next-line EqualityOperator: 500 has its own phrase, so `>` and `>=` differ only where TITLES answers first
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}
