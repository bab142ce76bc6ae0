// A queue as an operator types it: a name, a queue URL or an ARN. Anything else is a usage error before any
// request, so a pasted console link or a typo never reaches SQS.

/** What the command line named; a URL is used as it is, a name or ARN through GetQueueUrl. */
export interface QueueRef {
  /** The text as given (checked: a name, URL or ARN). */
  readonly given: string;
  readonly name: string;
  readonly url: string | undefined;
  readonly accountId: string | undefined;
  /** The region a URL or ARN names, when it names one. */
  readonly region: string | undefined;
}

const NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const ARN = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;
const URL_PATH = /^\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)\/?$/;

/**
 * Reads a queue reference, or throws a TypeError saying what a queue reference looks like.
 * @example
 * parseQueueRef('orders-dlq'); // { name: 'orders-dlq', url: undefined, ... }
 */
export function parseQueueRef(text: string, what = 'queue'): QueueRef {
  if (NAME.test(text))
    return { given: text, name: text, url: undefined, accountId: undefined, region: undefined };
  const arn = ARN.exec(text);
  if (arn !== null)
    return { given: text, name: arn[3] ?? '', url: undefined, accountId: arn[2], region: arn[1] };
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const path = url === undefined ? null : URL_PATH.exec(url.pathname);
  if (
    url !== undefined &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    path !== null &&
    url.search === ''
  ) {
    const region = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1];
    return {
      given: text,
      name: path[2] ?? '',
      url: `${url.origin}${url.pathname.replace(/\/$/, '')}`,
      accountId: path[1],
      region,
    };
  }
  throw new TypeError(
    `${what} must be a queue name (1-80 of A-Z a-z 0-9 _ -, optional .fifo), a queue URL ` +
      `(https://sqs.<region>.amazonaws.com/<account>/<name>) or an ARN (arn:aws:sqs:<region>:<account>:<name>), got ${JSON.stringify(text)}`,
  );
}
