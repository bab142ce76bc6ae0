// Which project functions only presign (onlyPresigns), and which tries reach other systems only through
// them (presignTry).
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { onlyPresigns, presignTry } from './presignHelpers.js';

const S3 = `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const client = new S3Client({});\n`;

/** Whether the module's function `f` only presigns. */
function presigns(source: string): boolean {
  const ctx = contextOf(`${S3}${source}`);
  let fn: Node | undefined;
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'VariableDeclarator' && n.id?.name === 'f') fn = ctx.functionOf(n.init as Node);
    return fn === undefined;
  });
  return onlyPresigns(ctx, fn as Node);
}

/** The block of the module's first try. */
const tryBlockOf = (ctx: ModuleContext): Node =>
  (ctx.parentOf(ctx.of('CatchClause')[0] as Node) as Node).block as Node;

describe('onlyPresigns', () => {
  it.each([
    ['an expression body', 'const f = async (k) => getSignedUrl(client, new GetObjectCommand({ Key: k }));'],
    [
      'a block with a guard that throws',
      'const f = async (k) => { if (!k) throw new Error("key"); const url = await getSignedUrl(client, new GetObjectCommand({ Key: k })); return url; };',
    ],
    [
      'a module function under Promise.all',
      'const one = async (k) => getSignedUrl(client, new GetObjectCommand({ Key: k }));\nconst f = async (ks) => Promise.all(ks.map(async (k) => { try { return await one(k) } catch { return null } }));',
    ],
  ])('presigns only: %s', (_, source) => {
    expect(presigns(source)).toBe(true);
  });

  it.each([
    [
      'a read beside the presign',
      'const f = async (k) => { await client.send(new GetObjectCommand({ Key: k })); return getSignedUrl(client, new GetObjectCommand({ Key: k })); };',
    ],
    [
      'a write, no presign',
      'const f = async (k) => { await client.send(new PutObjectCommand({ Key: k })); };',
    ],
    [
      'an awaited unknown call beside the presign',
      'const f = async (k) => { await db.touch(k); return getSignedUrl(client, c); };',
    ],
    ['no presign at all', 'const f = async (k) => k.trim();'],
  ])('does more, or no presign: %s', (_, source) => {
    expect(presigns(source)).toBe(false);
  });
});

describe('presignTry', () => {
  it('names the imported calls for the project pass once the local ones only presign', () => {
    // Prepare
    const ctx = contextOf(
      `${S3}import { signThumb } from './storage';\nconst sign = async (k) => getSignedUrl(client, new GetObjectCommand({ Key: k }));\nexport async function g(k) { try { const u = await sign(k); const t = await signThumb(k); return [u, t] } catch (e) { log(e) } }`,
    );

    // Act
    const refs = presignTry(ctx, tryBlockOf(ctx));

    // Assess
    expect(refs?.map((r) => r.name)).toEqual(['signThumb']);
  });

  it('is undefined when the try also reaches another system itself', () => {
    const ctx = contextOf(
      `${S3}const sign = async (k) => getSignedUrl(client, new GetObjectCommand({ Key: k }));\nexport async function g(k) { try { await client.send(new PutObjectCommand({ Key: k })); return await sign(k) } catch (e) { log(e) } }`,
    );
    expect(presignTry(ctx, tryBlockOf(ctx))).toBeUndefined();
  });
});
