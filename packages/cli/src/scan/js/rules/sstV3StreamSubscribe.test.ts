import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { sstV3StreamSubscribeRules } from './sstV3StreamSubscribe.js';

const TABLE =
  "export const follow = new sst.aws.Dynamo('Follow', { fields: { pk: 'string' }, primaryIndex: { hashKey: 'pk' }, stream: 'new-and-old-images' });\n";
const SUBSCRIBER = "{ handler: 'src/follow.handler', link: [follow] }";

/** Lines (1-based) of the findings in an infra module holding the table and `body`. */
function lines(body: string, head = TABLE): number[] {
  const source = head + body;
  const found: number[] = [];
  sstV3StreamSubscribeRules(contextOf(source, '/app/infra/follow.ts'), (rule, node: Node) => {
    if (rule === 'iac-missing-dlq') found.push(source.slice(0, node.start as number).split('\n').length);
  });
  return found;
}

describe('sstV3StreamSubscribeRules', () => {
  it.each([
    ['no args', `follow.subscribe(${SUBSCRIBER});`],
    [
      'a name first, filters only',
      `follow.subscribe('FollowSubscriber', ${SUBSCRIBER}, { filters: [{ eventName: ['INSERT'] }] });`,
    ],
    [
      'bounded retries and no destination',
      `follow.subscribe('S', ${SUBSCRIBER}, { transform: { eventSourceMapping: { batchSize: 10, maximumRetryAttempts: 5 } } });`,
    ],
  ])('reports a working subscriber with %s', (_name, body) => {
    expect(lines(body)).toEqual([2]);
  });

  it('reports a Kinesis stream subscriber too', () => {
    const head = "const events = new sst.aws.KinesisStream('Events');\n";
    expect(lines("events.subscribe({ handler: 'src/e.handler', permissions: [p] });", head)).toEqual([2]);
  });

  it.each([
    [
      'an on-failure destination on the mapping',
      `follow.subscribe('S', ${SUBSCRIBER}, { transform: { eventSourceMapping: { destinationConfig: { onFailure: { destinationArn: dlq.arn } } } } });`,
    ],
    ['args it cannot read', `follow.subscribe('S', ${SUBSCRIBER}, shared);`],
    [
      'a transform callback',
      `follow.subscribe('S', ${SUBSCRIBER}, { transform: { eventSourceMapping: (args) => { tune(args); } } });`,
    ],
    [
      'a spread in the mapping transform',
      `follow.subscribe('S', ${SUBSCRIBER}, { transform: { eventSourceMapping: { ...mappingDefaults } } });`,
    ],
    ['a subscriber given nothing to work with', "follow.subscribe('S', { handler: 'src/log.handler' });"],
    ['a handler string alone', "follow.subscribe('src/follow.handler');"],
    ['a subscriber it cannot read', 'follow.subscribe(subscriber);'],
  ])('leaves %s', (_name, body) => {
    expect(lines(body)).toEqual([]);
  });

  it('leaves a subscribe on anything the module does not build as a stream', () => {
    expect(lines(`imported.subscribe(${SUBSCRIBER});\nqueue.subscribe(${SUBSCRIBER});`)).toEqual([]);
    const bus = "const bus = new sst.aws.Bus('Bus');\n";
    expect(lines(`bus.subscribe(${SUBSCRIBER});`, bus)).toEqual([]);
  });

  it('leaves every subscription of a module that transforms all event source mappings', () => {
    const defaults =
      '$transform(aws.lambda.EventSourceMapping, (args) => { args.destinationConfig = dest; });\n';
    expect(lines(`${defaults}follow.subscribe(${SUBSCRIBER});`)).toEqual([]);
  });

  it.each([
    [
      'a commented-out destination',
      `follow.subscribe('S', ${SUBSCRIBER}, { transform: { eventSourceMapping: { batchSize: 10,\n  // destinationConfig: { onFailure: { destinationArn: dlq.arn } },\n} } });`,
    ],
    [
      'a subscriber whose description says permissions',
      "follow.subscribe({ handler: 'src/f.handler', link: [follow], description: 'permissions: none' });",
    ],
  ])('reads %s as written, not as text', (_name, body) => {
    expect(lines(body)).toEqual([2]);
    expect(
      lines("follow.subscribe({ handler: 'src/f.handler', description: 'permissions: none' });"),
    ).toEqual([]);
  });

  it('leaves a zero retries with a comment giving the reason, as for a CDK stream mapping', () => {
    const zero =
      '{ transform: { eventSourceMapping: { maximumRetryAttempts: 0 /* a skipped record is recomputed nightly */ } } }';
    expect(lines(`follow.subscribe('S', ${SUBSCRIBER}, ${zero});`)).toEqual([]);
  });

  it('leaves the findings to the project pass when sst.config.ts transforms every mapping', () => {
    const found: unknown[] = [];
    const source = `${TABLE}follow.subscribe(${SUBSCRIBER});`;
    sstV3StreamSubscribeRules(contextOf(source, '/app/infra/follow.ts'), (_rule, _node, _message, extra) => {
      found.push(extra);
    });
    expect(found).toEqual([{ unlessSstTransform: 'mapping-destination' }]);
  });
});
