// Props a project helper merges (`getFunctionProps({ environment })` over its defaults, `Object.assign`) are
// read as the defaults' keys, the helper's own and the caller's object; a helper that is no merge stays
// unknown. A NodejsFunction naming no code runs `<file>.<id>.ts` beside the file that builds it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { defaultEntryLink } from './cdkDefaultEntry.js';
import { openProps } from './cdkPassedProps.js';

const root = mkdtempSync(join(tmpdir(), 'merged-props-'));
mkdirSync(join(root, 'src/lib'), { recursive: true });
mkdirSync(join(root, 'src/stacks'), { recursive: true });
writeFileSync(
  join(root, 'src/lib/utils.ts'),
  [
    "export const DEFAULTS = { runtime: 'nodejs20.x', tracing: 'Active', environment: { NODE_OPTIONS: '--enable-source-maps' } };",
    'export const getFunctionProps = (props?: object) => ({',
    '  ...DEFAULTS,',
    '  ...props,',
    '  environment: { ...DEFAULTS.environment, ...props?.environment },',
    '});',
    'export function withDlq(props) { return { deadLetterQueueEnabled: true, ...(props ?? {}) }; }',
    'export const pick = (props) => ({ ...DEFAULTS, timeout: props.timeout });',
    'export const opaque = (props) => ({ ...loadDefaults(), ...props });',
  ].join('\n'),
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The context and the props argument of the first `new NodejsFunction(...)` of a stack whose body is `body`. */
function propsOf(body: string) {
  const file = join(root, 'src/stacks/WebhookStack.ts');
  const ctx = contextOf(
    `import { getFunctionProps, withDlq, pick, opaque } from '../lib/utils';\n${body}`,
    file,
  );
  const fn = ctx.of('NewExpression')[0] as Node;
  return { ctx, fn, props: (fn.arguments as Node[])[2] };
}

describe('openProps of a merge helper call', () => {
  it('reads the defaults, the helper keys and the caller object of an imported merge', () => {
    // Prepare
    const { ctx, props } = propsOf(
      "new NodejsFunction(this, 'Sender', getFunctionProps({ timeout, environment: { URL } }));",
    );

    // Act
    const open = openProps(ctx, props);

    // Assess
    expect(open?.unknown).toBe(false);
    expect([...(open?.props.keys() ?? [])].sort()).toEqual(['environment', 'runtime', 'timeout', 'tracing']);
    // The environment the caller wrote is kept: it is the node this module can read.
    expect(ctx.source.slice(open?.props.get('environment')?.start, open?.props.get('environment')?.end)).toBe(
      '{ URL }',
    );
  });

  it.each([
    [
      'a DLQ the defaults turn on',
      "new NodejsFunction(this, 'F', withDlq({ timeout }));",
      'deadLetterQueueEnabled',
    ],
    [
      'a DLQ the caller hands in',
      "new NodejsFunction(this, 'F', getFunctionProps({ onFailure: dest }));",
      'onFailure',
    ],
    [
      'Object.assign of local objects',
      "const base = { runtime }; new NodejsFunction(this, 'F', Object.assign({}, base, { deadLetterQueue: q }));",
      'deadLetterQueue',
    ],
    [
      'a local merge helper held in a const',
      "const local = (p) => ({ memorySize: 256, ...p }); const fnProps = local({ onFailure: d }); new NodejsFunction(this, 'F', { ...fnProps, entry });",
      'onFailure',
    ],
  ])('reads %s', (_, body, key) => {
    // Prepare
    const { ctx, props } = propsOf(body);

    // Act
    const open = openProps(ctx, props);

    // Assess
    expect(open?.unknown).toBe(false);
    expect(open?.props.has(key)).toBe(true);
  });

  it.each([
    [
      'a helper that picks one field of its parameter (no merge)',
      "new NodejsFunction(this, 'F', pick({ timeout }));",
    ],
    ['a project call the scan cannot read', "new NodejsFunction(this, 'F', buildProps({ timeout }));"],
  ])('gives no props for %s', (_, body) => {
    // Prepare
    const { ctx, props } = propsOf(body);

    // Act
    const open = openProps(ctx, props);

    // Assess
    expect(open).toBeUndefined();
  });

  it('marks a merge over defaults it cannot read as unknown', () => {
    // Prepare
    const { ctx, props } = propsOf("new NodejsFunction(this, 'F', opaque({ timeout }));");

    // Act
    const open = openProps(ctx, props);

    // Assess
    expect(open?.unknown).toBe(true);
  });
});

describe('defaultEntryLink', () => {
  it('links a NodejsFunction naming no code to <file>.<id> beside its stack', () => {
    // Prepare
    const { ctx, fn } = propsOf("new NodejsFunction(this, 'Sender', getFunctionProps({ handler: 'main' }));");

    // Act
    const link = defaultEntryLink(ctx, fn, 'no-work');

    // Assess
    expect(link).toEqual({
      stems: [join(root, 'src/stacks/WebhookStack.Sender')],
      export: 'main',
      clearWhen: 'no-work',
    });
  });

  it.each([
    ['names its entry', "new NodejsFunction(this, 'F', { entry: 'src/f.ts' });"],
    ['has props the scan cannot read', "new NodejsFunction(this, 'F', opaque({}));"],
    ['has an id that is no literal', 'new NodejsFunction(this, name, { timeout });'],
    ['is a plain Function', "new Function(this, 'F', { handler: 'index.handler' });"],
  ])('links nothing for a function that %s', (_, body) => {
    // Prepare
    const { ctx, fn } = propsOf(body);

    // Act
    const link = defaultEntryLink(ctx, fn, 'no-work');

    // Assess
    expect(link).toBeUndefined();
  });
});
