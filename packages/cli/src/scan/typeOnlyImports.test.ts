// A module imported for its types only is not imported for its code, and an entry a template wires is never a
// shared module reached only through what importers name: the webhook producer whose event type the consumer
// imports keeps its discarded putEvents answer.
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';
import { typeOnlyImport } from './typeOnlyImports.js';

const tree = tempTrees('bulwark-type-imports-');

const TYPES =
  'export type LabEventType = "LabPublished";\nexport interface Lab { id: string }\nexport const labTypes = [];\n';
/** A value and a type under one name (zod's `z.infer` idiom): importing the name loads the value. */
const ORDER = 'export const Order = z.object({});\nexport type Order = z.infer<typeof Order>;\n';
const isLab = (source: string) => source === './lab';

describe('typeOnlyImport', () => {
  it.each([
    ['a name exported as a type', "import { LabEventType } from './lab';", true],
    ['an interface under an alias', "import { Lab as L } from './lab';", true],
    ['import type', "import type { labTypes } from './lab';", true],
    ['inline type bindings', "import { type labTypes, Lab } from './lab';", true],
    ['a value beside the type', "import { LabEventType, labTypes } from './lab';", false],
    ['a namespace import', "import * as lab from './lab';", false],
    ['a type import and a require', "import { Lab } from './lab';\nconst l = require('./lab');", false],
    ['a re-export of the type', "export { LabEventType } from './lab';", false],
    ['another module only', "import { Lab } from './other';", false],
    ['a schema whose type shares its name (trap)', "import { Order } from './lab';", false],
  ])('%s: %s', (_, text, expected) => {
    // Act
    const typeOnly = typeOnlyImport(text, isLab, `${TYPES}${ORDER}`);

    // Assess
    expect(typeOnly).toBe(expected);
  });
});

/** A webhook that forwards to EventBridge and drops the answer, as module `webhook`, and the consumer of its events. */
function producerTree(webhook: string, consumerImport: string): string {
  return tree({
    'package.json': '{ "name": "hub", "private": true, "dependencies": { "aws-sdk": "^2.1000.0" } }\n',
    'serverless.yml': [
      'service: hub',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      'functions:',
      '  labWebhook:',
      `    handler: src/${webhook}.handler`,
      '    events:',
      '      - httpApi: POST /webhooks/lab',
      '  indexLab:',
      '    handler: src/consumer.handler',
      '    events:',
      '      - eventBridge:',
      '          pattern: { source: [hub] }',
      '',
    ].join('\n'),
    'src/webhook.ts': [
      "import { framework as lambda } from '@hub/services-common';",
      "import { EventBridge } from 'aws-sdk';",
      'export const labWebhookFactory = (eventBridge: EventBridge) =>',
      '  lambda.http(async (request: lambda.Request) => {',
      '    await eventBridge.putEvents({ Entries: [{ Source: "hub", DetailType: "LabPublished", Detail: request.payload }] }).promise();',
      '    return { statusCode: 200 };',
      '  });',
      "export const labEventTypes = ['LabPublished', 'LabDeleted'] as const;",
      'export type LabEventType = (typeof labEventTypes)[number];',
      'export const handler = labWebhookFactory(new EventBridge({ httpOptions: { timeout: 2000 } }));',
      '',
    ].join('\n'),
    'src/shared.ts': [
      "import { EventBridge } from 'aws-sdk';",
      'const bus = new EventBridge({ httpOptions: { timeout: 2000 } });',
      'export async function publishLab(detail: string) {',
      '  await bus.putEvents({ Entries: [{ Source: "hub", DetailType: "LabPublished", Detail: detail }] }).promise();',
      '}',
      'export type LabEventType = "LabPublished" | "LabDeleted";',
      "export const labEventTypes = ['LabPublished', 'LabDeleted'];",
      '',
    ].join('\n'),
    'src/consumer.ts': [
      consumerImport,
      "import { forward } from './publisher';",
      'export const handler = async (event: { "detail-type": LabEventType }) => {',
      '  await forward(event["detail-type"]);',
      '  return labEventTypes.length;',
      '};',
      '',
    ].join('\n'),
    'src/publisher.ts': 'export async function forward(detail: string) {\n  return detail;\n}\n',
  });
}

async function swallowedIn(root: string, file: string): Promise<number[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings.filter((f) => f.file === file && f.rule === 'swallowed-error').map((f) => f.line);
}

describe('an entry the template wires, imported by a consumer for its event types', () => {
  it.each([
    ['its type only', "import { LabEventType } from './webhook';\nconst labEventTypes: string[] = [];"],
    ['its type and a constant', "import { LabEventType, labEventTypes } from './webhook';"],
  ])(
    'keeps the discarded putEvents answer of the factory its handler is built by (%s)',
    async (_, imports) => {
      // Prepare
      const root = producerTree('webhook', imports);

      // Act
      const lines = await swallowedIn(root, 'src/webhook.ts');

      // Assess
      expect(lines).toEqual([5]);
    },
  );
});

describe('a shared module with no handler of its own', () => {
  it('keeps a finding when its one importer takes only its type: nothing imports its code', async () => {
    // Prepare
    const root = producerTree(
      'webhook',
      "import type { LabEventType } from './shared';\nconst labEventTypes: string[] = [];",
    );

    // Act
    const lines = await swallowedIn(root, 'src/shared.ts');

    // Assess
    expect(lines).toEqual([4]);
  });

  it('drops it when its importer takes a constant and never names publishLab (trap)', async () => {
    // Prepare
    const root = producerTree('webhook', "import { LabEventType, labEventTypes } from './shared';");

    // Act
    const lines = await swallowedIn(root, 'src/shared.ts');

    // Assess
    expect(lines).toEqual([]);
  });
});
