// wrapperKeyFacts remembers per module whether it names keys or calls random: asked of two modules in turn,
// each export must still get its own facts.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { wrapperKeyFacts } from './wrappedKeys.js';

/** wrapperKeyFacts of the module's first export, a function. */
function factsOf(ctx: ModuleContext) {
  const first = (ctx.program.body as Node[])[0] as Node;
  return wrapperKeyFacts(ctx, first.declaration as Node, undefined);
}

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

describe('wrapperKeyFacts', () => {
  it('gives each module its own facts when two alternate (A, B, A)', () => {
    // Prepare
    const keyed = contextOf(
      'export function send(body, dedupId) {\n  return sqs.send({ MessageDeduplicationId: dedupId, MessageBody: body });\n}',
    );
    const plain = contextOf('export function add(a, b) {\n  return a + b;\n}');

    // Act
    const facts = [keyed, plain, keyed].map(factsOf);

    // Assess
    expect(facts).toEqual([{ keyParams: [1] }, undefined, { keyParams: [1] }]);
  });
});
