// SST v2's service layout: each core module names itself as a namespace (`export * as IoTData from
// './iot_data'`), handlers import it through a tsconfig path alias, and call `IoTData.publish(x)`. An
// async member left unawaited floats as a named import's would; a synchronous member, a settled one and
// a namespace of constants stay silent.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const IOT = `export * as IoTData from './iot_data';
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
const client = new IoTDataPlaneClient({});
const seen: string[] = [];
export const publish = async (topic: string) => {
  await client.send(new PublishCommand({ topic }));
};
export function topicFor(id: string) { return 'bots/' + id; }
export async function note(topic: string) { seen.push(topic); }
`;
const TOPICS = `export * as Topics from './topics';
export const ALERTS = 'alerts';
export const format = (id: string) => 'bots/' + id;
`;
const FILES = {
  'package.json': '{ "name": "fleet", "private": true, "workspaces": ["packages/*"] }',
  'tsconfig.base.json':
    '{ "compilerOptions": { "baseUrl": ".", "paths": { "@fleet/core/*": ["packages/core/src/*"], "services/*": ["packages/core/src/services/*"] } } }',
  'packages/functions/tsconfig.json': '{ "extends": "../../tsconfig.base.json" }',
  'packages/functions/package.json': '{ "name": "@fleet/functions", "private": true }',
  'packages/core/package.json': '{ "name": "@fleet/core", "private": true }',
  'packages/core/src/services/aws/iot_data.ts': IOT,
  'packages/core/src/services/topics.ts': TOPICS,
  'packages/core/src/services/index.ts':
    "export * as IoTData from './aws/iot_data';\nexport * as Topics from './topics';\n",
  'packages/core/src/index.ts': "export * as Services from './services/index';\n",
};

/** The floating-promise lines of the handler `body` (below two imports), in a project with the core above. */
async function floatingLines(imports: string, body: string): Promise<number[]> {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-namespaces-'));
  roots.push(root);
  const handler = `${imports}\nexport const handler = async (event: { id: string }) => {\n${body}\n  return {};\n};\n`;
  for (const [path, text] of Object.entries({ ...FILES, 'packages/functions/src/handler.ts': handler })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'packages/functions/src/handler.ts' && f.rule === 'floating-promise')
    .map((f) => f.line);
}

describe('calls through namespace objects', () => {
  it.each([
    [
      'the module named as itself, through a path alias',
      "import { IoTData } from '@fleet/core/services/aws/iot_data';",
      'IoTData.publish(event.id);',
    ],
    [
      'a namespace import',
      "import * as IoTData from '@fleet/core/services/aws/iot_data';",
      'IoTData.publish(event.id);',
    ],
    [
      'a namespace import through a bare path alias',
      "import * as IoTData from 'services/aws/iot_data';",
      'IoTData.publish(event.id);',
    ],
    [
      'a namespace a barrel passes on',
      "import * as core from '@fleet/core/services/index';",
      'core.IoTData.publish(event.id);',
    ],
    [
      'nested namespaces',
      "import { Services } from '@fleet/core/index';",
      'Services.IoTData.publish(event.id);',
    ],
  ])('reports an async member left unawaited: %s', async (_, imports, body) => {
    // Prepare / Act
    const lines = await floatingLines(imports, `  ${body}`);

    // Assess
    expect(lines).toEqual([3]);
  });

  it.each([
    [
      'a synchronous member',
      "import { IoTData } from '@fleet/core/services/aws/iot_data';",
      'IoTData.topicFor(event.id);',
    ],
    [
      'an async member that awaits nothing',
      "import { IoTData } from '@fleet/core/services/aws/iot_data';",
      'IoTData.note(event.id);',
    ],
    [
      'a namespace of constants and formatting',
      "import { Services } from '@fleet/core/index';",
      'Services.Topics.format(Services.Topics.ALERTS);',
    ],
    [
      'an awaited member',
      "import * as core from '@fleet/core/services/index';",
      'await core.IoTData.publish(event.id);',
    ],
  ])('stays silent on %s', async (_, imports, body) => {
    expect(await floatingLines(imports, `  ${body}`)).toEqual([]);
  });
});
