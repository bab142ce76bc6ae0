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

/**
 * An app on disk whose sst.config.ts sits above the infra module: the handler string is relative to the
 * app, so the link must be rooted there and not at the module's folder.
 */
const app = mkdtempSync(join(tmpdir(), 'sst-partial-'));
mkdirSync(join(app, 'infra'));
writeFileSync(join(app, 'sst.config.ts'), 'export default $config({});');

/** The findings the rule reports for the app's infra/queues.ts, with their handler links. */
function findingsOf(body: string) {
  const source = `const jobs = new sst.aws.Queue('Jobs', { dlq: dead.arn });\n${body}`;
  const parsed = parseSync('m.ts', source);
  const ctx = new ModuleContext(
    join(app, 'infra', 'queues.ts'),
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
    // Words are not settings: a comment or an env value naming the response type sets nothing (r44 review).
    [
      'a comment naming the response type',
      "jobs.subscribe('src/jobs.handler', {\n  // TODO: ReportBatchItemFailures later\n  batch: { size: 10 },\n});",
    ],
    [
      'an env value naming it',
      "jobs.subscribe('src/jobs.handler', { transform: { function: { environment: { MODE: 'ReportBatchItemFailures' } } } });",
    ],
    // A queue's subscribe never takes a name: the third argument is Pulumi's opts (r44 review).
    [
      'a third argument (opts)',
      "jobs.subscribe('src/jobs.handler', { batch: { size: 10 } }, { dependsOn: [dead] });",
    ],
  ])('reports %s, linked to the handler to be kept only if it answers', (_, body) => {
    const found = findingsOf(body);
    expect(found).toHaveLength(1);
    expect(found[0]?.rule).toBe('batch-no-partial-failure');
    expect(found[0]?.link?.clearWhen).toBe('answers-nothing');
    expect(found[0]?.link?.export).toBe('handler');
    expect(found[0]?.link?.stems[0]).toBe(join(app, 'src', 'jobs'));
  });

  it.each([
    ['partialResponses true', "jobs.subscribe('src/jobs.handler', { batch: { partialResponses: true } });"],
    ['one record a call', "jobs.subscribe('src/jobs.handler', { batch: { size: 1 } });"],
    ['a size it cannot read', "jobs.subscribe('src/jobs.handler', { batch: { size: SIZE } });"],
    [
      'response types on the mapping',
      "jobs.subscribe('src/jobs.handler', { transform: { eventSourceMapping: { functionResponseTypes: ['ReportBatchItemFailures'] } } });",
    ],
    [
      'a mapping transform by callback',
      "jobs.subscribe('src/jobs.handler', { transform: { eventSourceMapping: (a) => ({ ...a }) } });",
    ],
    [
      'an app-wide mapping transform',
      "$transform(aws.lambda.EventSourceMapping, (args) => { args.functionResponseTypes = ['ReportBatchItemFailures']; });\njobs.subscribe('src/jobs.handler');",
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
    expect(linkSettled(link, { work: true, recordWork: true, returnsItemAnswer: true })).toBe(false);
    // answersItems is the module-wide over-approximation bisect reads: no evidence that this handler answers.
    expect(linkSettled(link, { work: true, recordWork: true, answersItems: true })).toBe(true);
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
