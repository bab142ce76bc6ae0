import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { linkSettled } from '../../templateSettles.js';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import type { HandlerLink } from '../ModuleFacts.js';
import { sstAppRoot } from './sstAppRoot.js';
import { sstV3PartialResponseRules } from './sstV3PartialResponses.js';

/** The findings the rule reports for an infra module of an app at `/app`, with their handler links. */
function findingsOf(body: string) {
  const source = `const jobs = new sst.aws.Queue('Jobs', { dlq: dead.arn });\n${body}`;
  const parsed = parseSync('m.ts', source);
  const ctx = new ModuleContext(
    '/app/infra/queues.ts',
    source,
    parsed.program as unknown as Node,
    parsed.comments,
  );
  const found: { rule: string; link?: HandlerLink }[] = [];
  sstV3PartialResponseRules(ctx, (rule, _node, _message, extra) => {
    found.push({ rule, ...(extra?.handlerLink !== undefined ? { link: extra.handlerLink } : {}) });
  });
  return found;
}

describe('sstV3PartialResponseRules', () => {
  it.each([
    ['no args (SST defaults partialResponses to false)', "jobs.subscribe('src/jobs.handler');"],
    ['a batch of ten', "jobs.subscribe({ handler: 'src/jobs.handler' }, { batch: { size: 10 } });"],
    ['partialResponses false', "jobs.subscribe('src/jobs.handler', { batch: { partialResponses: false } });"],
  ])('reports %s, linked to the handler to be kept only if it answers', (_, body) => {
    const found = findingsOf(body);
    expect(found).toHaveLength(1);
    expect(found[0]?.rule).toBe('batch-no-partial-failure');
    expect(found[0]?.link?.clearWhen).toBe('answers-nothing');
    expect(found[0]?.link?.export).toBe('handler');
    expect(found[0]?.link?.stems[0]?.endsWith('/src/jobs')).toBe(true);
  });

  it.each([
    ['partialResponses true', "jobs.subscribe('src/jobs.handler', { batch: { partialResponses: true } });"],
    ['one record a call', "jobs.subscribe('src/jobs.handler', { batch: { size: 1 } });"],
    ['a size it cannot read', "jobs.subscribe('src/jobs.handler', { batch: { size: SIZE } });"],
    [
      'response types on the mapping',
      "jobs.subscribe('src/jobs.handler', { transform: { eventSourceMapping: { functionResponseTypes: ['ReportBatchItemFailures'] } } });",
    ],
    ['args it cannot read', "jobs.subscribe('src/jobs.handler', options);"],
    ['a subscriber by ARN', 'jobs.subscribe(worker.arn);'],
  ])('leaves %s alone', (_, body) => {
    expect(findingsOf(body)).toEqual([]);
  });
});

describe("linkSettled for 'answers-nothing'", () => {
  const link: HandlerLink = { stems: ['/app/src/jobs'], export: 'handler', clearWhen: 'answers-nothing' };

  it('keeps the finding only for a handler known to answer batchItemFailures', () => {
    expect(linkSettled(link, { work: true, recordWork: true, answersItems: true })).toBe(false);
    expect(linkSettled(link, { work: true, recordWork: true })).toBe(true);
    // Code the scan cannot find answers nothing it knows of.
    expect(linkSettled(link, undefined)).toBe(true);
  });
});

describe('sstAppRoot', () => {
  it('finds the folder of sst.config.ts above the module, else the module folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'sst-app-'));
    mkdirSync(join(root, 'infra', 'deep'), { recursive: true });
    writeFileSync(join(root, 'sst.config.ts'), 'export default $config({});');
    expect(sstAppRoot(join(root, 'infra', 'deep', 'queues.ts'))).toBe(root);
    const bare = mkdtempSync(join(tmpdir(), 'no-app-'));
    expect(sstAppRoot(join(bare, 'queues.ts'))).toBe(bare);
  });
});
