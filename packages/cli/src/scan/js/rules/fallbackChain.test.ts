import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { fallsToBackup } from './fallbackChain.js';

/** The function's first try statement, judged as the first link of a fallback chain. */
const judge = (body: string) => {
  const ctx = contextOf(
    `import { S3Client } from '@aws-sdk/client-s3'; const s3 = new S3Client({}); async function f(key, cached) { ${body} }`,
  );
  let tryStatement: Node | undefined;
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'TryStatement') tryStatement ??= n;
    return tryStatement === undefined;
  });
  if (tryStatement === undefined) throw new Error('no try in the case');
  return fallsToBackup(ctx, tryStatement);
};

describe('fallsToBackup', () => {
  it.each([
    // The classic chain: the try answers, the code after it reads the answer from another source.
    [
      'try { return await s3.send(get(key)) } catch (e) { log(e) } const body = await s3.send(other(key)); return body;',
      true,
    ],
    // A cache hit answered from inside an `if` of the try: a miss and a failed read both reach the rebuild.
    [
      'try { const head = await s3.send(head(key)); if (head.ETag) { return { statusCode: 200, body: head.ETag } } } catch (e) { log(e) } const made = await s3.send(make(key)); return { statusCode: 200, body: made };',
      true,
    ],
    // The try ends an `if` block with no else: the statements after the `if` are the backup for both paths.
    [
      'if (cached) { try { await cached.ping(); return cached } catch (e) { log(e) } } const fresh = await s3.send(connect(key)); return fresh;',
      true,
    ],
    // An `if` with an `else` does not fall out to what follows for both sides: not read as a chain.
    [
      'if (cached) { try { await cached.ping(); return cached } catch (e) { log(e) } } else { log(key) } const fresh = await s3.send(connect(key)); return fresh;',
      false,
    ],
    // A guard, not a cache hit: the try's `if` refuses (409) and what follows writes and answers 201.
    [
      'try { const old = await s3.send(head(key)); if (old) { return reply(409, old) } } catch (e) { log(e) } await s3.send(put(key)); return reply(201, key);',
      false,
    ],
    // The cache hit and the rebuild give the same answer (200): a chain.
    [
      'try { const old = await s3.send(get(key)); if (old) { return reply(200, old) } } catch (e) { log(e) } const made = await s3.send(make(key)); return reply(200, made);',
      true,
    ],
    // The try's `if` answers only a default: no answer of its own to fall back from.
    [
      'try { const head = await s3.send(head(key)); if (head.ETag) { return null } } catch (e) { log(e) } const made = await s3.send(make(key)); return made;',
      false,
    ],
    // What follows does no I/O: a constant stands in for the failed read, which is the swallow.
    [
      "try { const head = await s3.send(head(key)); if (head.ETag) { return { body: head.ETag } } } catch (e) { log(e) } return { body: 'none' };",
      false,
    ],
    // The `if` of the try has an else: a branch that does not answer falls out too, but so does a chain
    // the code has not decided; kept reported.
    [
      'try { const head = await s3.send(head(key)); if (head.ETag) { return { body: head.ETag } } else { log(key) } } catch (e) { log(e) } const made = await s3.send(make(key)); return made;',
      false,
    ],
  ])('%s -> %s', (body, expected) => {
    // Act
    const answer = judge(body as string);

    // Assess
    expect(answer).toBe(expected);
  });
});
