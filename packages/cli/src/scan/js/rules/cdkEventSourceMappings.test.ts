// iac-missing-dlq for a CDK stream mapping: which mappings are reported, and what the message says a failing
// record's fate is (a retry limit of -1, AWS's "no limit", bounds nothing).
import { describe, expect, it } from 'vitest';
import { type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import {
  addedStreamMappings,
  streamMappingWithoutOnFailure,
  streamSourceWithoutOnFailure,
} from './cdkEventSourceMappings.js';

const FILE = '/app/lib/streams.ts';

/** The module of a stack body, with `table` and `fn` in scope. */
function moduleOf(body: string): ModuleContext {
  const source = `import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';\nexport function build(scope, table, fn) {\n${body}\n}\n`;
  return contextOf(source, FILE);
}

/** The messages of the iac-missing-dlq findings on `fn.addEventSourceMapping(...)` calls. */
function added(body: string): string[] {
  const out: string[] = [];
  addedStreamMappings(moduleOf(body), (rule, _node, message) => {
    if (rule === 'iac-missing-dlq') out.push(message);
  });
  return out;
}

/** The messages of the findings on each `new lambda.CfnEventSourceMapping(...)` of the body. */
function cfn(body: string): string[] {
  const ctx = moduleOf(body);
  const out: string[] = [];
  for (const node of ctx.of('NewExpression'))
    streamMappingWithoutOnFailure(ctx, node, 'CfnEventSourceMapping', (_rule, _node, message) => {
      out.push(message);
    });
  return out;
}

const BLOCKS = /blocks its shard until it expires/;
const SKIPPED = /skipped once its retries or age run out/;

describe('addedStreamMappings', () => {
  const mapping = (extra: string) =>
    `fn.addEventSourceMapping('M', { eventSourceArn: table.tableStreamArn, startingPosition: lambda.StartingPosition.LATEST${extra} });`;

  it('says a record blocks its shard when nothing bounds its retries', () => {
    expect(added(mapping(''))).toEqual([expect.stringMatching(BLOCKS)]);
  });

  it('reads retryAttempts: -1 as no limit, not as a bound', () => {
    expect(added(mapping(', retryAttempts: -1'))).toEqual([expect.stringMatching(BLOCKS)]);
  });

  it('says a record is skipped once a bounded retry count runs out', () => {
    expect(added(mapping(', retryAttempts: 2'))).toEqual([expect.stringMatching(SKIPPED)]);
  });

  it('follows a module constant holding the limit', () => {
    expect(added(`const FOREVER = -1;\n${mapping(', retryAttempts: FOREVER')}`)).toEqual([
      expect.stringMatching(BLOCKS),
    ]);
  });

  it('keeps quiet with an on-failure destination, or on a queue mapping (no starting position)', () => {
    expect(added(mapping(', onFailure: dlq'))).toEqual([]);
    expect(added("fn.addEventSourceMapping('Q', { eventSourceArn: queue.queueArn });")).toEqual([]);
  });
});

describe('streamMappingWithoutOnFailure (L1)', () => {
  const mapping = (extra: string) =>
    `new lambda.CfnEventSourceMapping(scope, 'M', { functionName: fn.functionName, eventSourceArn: table.tableStreamArn, startingPosition: 'LATEST'${extra} });`;

  it('reads maximumRetryAttempts and maximumRecordAgeInSeconds of -1 as no limit', () => {
    expect(cfn(mapping(', maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1'))).toEqual([
      expect.stringMatching(BLOCKS),
    ]);
  });

  it('takes a bounded age as a bound even when the retries are unlimited', () => {
    expect(cfn(mapping(', maximumRetryAttempts: -1, maximumRecordAgeInSeconds: 3600'))).toEqual([
      expect.stringMatching(SKIPPED),
    ]);
  });

  it('keeps quiet with destinationConfig.onFailure', () => {
    expect(cfn(mapping(", destinationConfig: { onFailure: { destination: 'arn' } }"))).toEqual([]);
  });
});

describe('streamSourceWithoutOnFailure', () => {
  /** The lines of the findings (each one, not deduplicated) on each `new DynamoEventSource(...)` of the body. */
  function lines(body: string): number[] {
    const ctx = moduleOf(body);
    const out: number[] = [];
    for (const node of ctx.of('NewExpression')) {
      if (!/DynamoEventSource/.test(ctx.source.slice(node.start as number, node.end as number))) continue;
      const options = ctx.valueOf((node.arguments as Node[])[1]);
      if (options?.type !== 'ObjectExpression') continue;
      streamSourceWithoutOnFailure(ctx, node, 'DynamoEventSource', objectProps(options), (_rule, at) => {
        out.push(ctx.position(at.start as number).line);
      });
    }
    return out;
  }
  const OPTIONS = 'const opts = { startingPosition: lambda.StartingPosition.LATEST, retryAttempts: 3 };';

  it('reports options shared by several sources once, at the object where the onFailure goes', () => {
    const body = `${OPTIONS}\nfn.addEventSource(new DynamoEventSource(a, opts));\nfn.addEventSource(new DynamoEventSource(b, opts));`;
    expect(lines(body)).toEqual([4]);
    expect(lines(`${body}\nfn.addEventSource(new DynamoEventSource(c, opts));`)).toEqual([4]);
  });

  it('counts only stream sources as the users of shared options', () => {
    const body = `${OPTIONS}\nfn.addEventSource(new DynamoEventSource(a, opts));\nnew CustomThing(this, opts);`;
    expect(lines(body)).toEqual([5]);
  });

  it('reports options used by one source at the source', () => {
    expect(lines(`${OPTIONS}\nfn.addEventSource(new DynamoEventSource(a, opts));`)).toEqual([5]);
  });
});
