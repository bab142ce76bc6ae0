// onlyOtherFields: a batch read's stored answer used only for its data (and printed whole, which looks at
// nothing) leaves its UnprocessedKeys unread; handed on whole, or only printed, it is not this.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { onlyOtherFields } from './batchResultUse.js';

/** The function body of `source` and the end of its `const out = ...` declarator. */
function answerOf(body: string) {
  const ctx = contextOf(`async function f(ddb, req, t) { ${body} }`);
  const nodes: Node[] = [];
  someDescendant(ctx.program, (n) => {
    if (n.type === 'VariableDeclarator' || n.type === 'FunctionDeclaration') nodes.push(n);
    return false;
  });
  const declarator = nodes.find((n) => n.type === 'VariableDeclarator') as Node;
  const scope = (nodes.find((n) => n.type === 'FunctionDeclaration') as Node).body as Node;
  return { ctx, scope, after: declarator.end as number };
}

describe('onlyOtherFields', () => {
  it.each([
    ['const out = await ddb.batchGet(req).promise(); return out.Responses[t];'],
    ['const out = await ddb.batchGet(req).promise(); log.debug("got", { out }); return out.Responses[t];'],
  ])('reads only the data: %s', (body) => {
    // Prepare
    const { ctx, scope, after } = answerOf(body);

    // Act
    const only = onlyOtherFields(ctx, scope, 'out', 'UnprocessedKeys', after);

    // Assess
    expect(only).toBe(true);
  });

  it.each([
    // Printed and nothing read: onlyPrinted's case, not this one.
    ['const out = await ddb.batchGet(req).promise(); log.debug("got", { out });'],
    // Handed back whole: the caller may look.
    ['const out = await ddb.batchGet(req).promise(); log.debug("got", { out }); return out;'],
    [
      'const out = await ddb.batchGet(req).promise(); if (out.UnprocessedKeys) throw new Error("left"); return out.Responses[t];',
    ],
    // Printed through a call that handles the leftovers: handed on, not only printed.
    [
      'const out = await ddb.batchGet(req).promise(); logger.info("resent", await resendUnprocessed(ddb, out)); return out.Responses[t];',
    ],
  ])('is not only the data: %s', (body) => {
    // Prepare
    const { ctx, scope, after } = answerOf(body);

    // Act
    const only = onlyOtherFields(ctx, scope, 'out', 'UnprocessedKeys', after);

    // Assess
    expect(only).toBe(false);
  });
});
