// sdk-client-no-timeout for the SQS extended client (npm `sqs-extended-client`, DVLA): since 1.0 its
// constructor takes one options object and builds `new SQSClient(options.sqsClientConfig || {})` and
// `new S3Client(options.s3ClientConfig || {})` itself (src/ExtendedSqsClient.js). Every send, receive and
// delete goes through that SQS client, and a large body through the S3 client (also the `middleware()`
// that reads bodies on the consumer side), so a config with no `requestHandler` leaves those requests
// unbounded, just as `new SQSClient({ region })` would. The pre-1.0 form handed its own clients in
// (`new SqsExtendedClient(sqs, s3, options)`): those are judged where they are built, not here.
import { type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { optionsShape } from '../sdkOptions.js';
import type { Report } from './Report.js';

const PACKAGE = 'sqs-extended-client';
const CONFIGS = ['sqsClientConfig', 's3ClientConfig'] as const;

/**
 * Does the module name the package? (a text test before any walk, through `spells`: the gate's
 * SourceWords.includes or a rule's ctx.spells, never SourceWords.of, whose one slot a helper module evicts)
 */
export function mentionsExtendedSqs(spells: (word: string) => boolean): boolean {
  return spells(PACKAGE);
}

/**
 * Reports `new ExtendedSqsClient({ sqsClientConfig: { region } })` when a client config it builds from is
 * seen in full without a `requestHandler` (left out counts: the package then uses `{}`).
 *
 * @example
 * extendedSqsClient(ctx, report, node) // new ExtendedSqsClient({ bucketName, sqsClientConfig: { region } })
 */
export function extendedSqsClient(ctx: ModuleContext, report: Report, node: Node): void {
  if (ctx.importRoot(node.callee as Node)?.source !== PACKAGE) return;
  const args = node.arguments as Node[];
  if (args.length !== 1) return;
  const options = objectProps(ctx.valueOf(args[0]));
  if (options === undefined || options.spread) return;
  const untimed = CONFIGS.filter((key) => {
    const config = options.props.get(key);
    if (config === undefined) return true;
    const shape = optionsShape(ctx, config);
    return !shape.unknown && shape.deferred.length === 0 && !shape.props.has('requestHandler');
  });
  if (untimed.length === 0) return;
  report(
    'sdk-client-no-timeout',
    node,
    `ExtendedSqsClient builds its ${untimed.map((k) => (k === 'sqsClientConfig' ? 'SQS' : 'S3')).join(' and ')} client from ${untimed.join(' and ')} with no requestHandler, so its requests have no connection or request timeout`,
  );
}
