// The decision words besides BEST_EFFORT (decisionPhrases.ts): other languages, going on silently, an
// expected kind of failure ignored, the per-item "next one", and a comment after the catch on its line.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { trailingComments } from './catchComments.js';
import { decidedIn, GOES_ON_TO_NEXT } from './catchDecisionWords.js';
import { statesDecision } from './catchFacts.js';
import { moreDecisionWords } from './decisionPhrases.js';

describe('moreDecisionWords', () => {
  it.each([
    '// Non re-throw: DLQ failure non deve bloccare il batch',
    '// Non rilanciare: la notifica non è critica',
    '// No debe bloquear el pedido: el correo es opcional',
    '// Não deve bloquear o fluxo principal',
    '// Ne doit pas bloquer la commande',
    '// Nicht blockieren: der Export ist unkritisch',
    '// エラーが発生した場合はnullを返すことで、メインの処理フローを止めない',
    '// 发送失败不影响主流程',
    '// Fall through silently — return whatever is in the DB',
    '// continue silently with the cached copy',
    '.catch(() => {}) // ignore duplicates',
    '// ignore conflicts: the row is already there',
    '// Ignora l’errore: la notifica è opzionale',
  ])('states a decision: %s', (comment) => {
    expect(moreDecisionWords(comment)).toBe(true);
  });

  it.each([
    '// TODO: this falls through silently for now',
    "// don't fall through silently here",
    '// Registra l’errore nel log',
    '// Return default preferences on error',
    '// Return safe defaults',
    '// ignore',
    '// If move fails, still delete the gallery record',
    '// No ignorar errores: el pago se pierde',
    '// 不要忽略错误',
    '// não ignorar os erros',
    '// TODO: non deve bloccare il batch, da sistemare',
    '} catch {} // This used to fall through silently and lost orders',
    '.catch(() => {}) // ignore duplicates? no: a duplicate here is a bug',
  ])('decides nothing: %s', (comment) => {
    expect(moreDecisionWords(comment)).toBe(false);
  });
});

describe('GOES_ON_TO_NEXT', () => {
  it.each([
    '// Continue with next target',
    '// move on to the next record',
    '// In caso di errore anche sul singolo check, skippa questo eventId',
    '// skip this item',
  ])('goes on to the next item: %s', (comment) => {
    expect(decidedIn(comment, GOES_ON_TO_NEXT)).toBe(true);
  });

  it.each([
    '// Continue to update DynamoDB',
    '// skip validation',
    '// next: write the summary',
    "// don't skip this record: the whole batch must be retried",
    '// TODO: skip this record?',
    '// スキップしない',
    '// continue to the next step: write the summary',
  ])('decides no next item: %s', (comment) => {
    expect(decidedIn(comment, GOES_ON_TO_NEXT)).toBe(false);
  });
});

describe('statesDecision on keeping the main work up', () => {
  it.each([
    '// Audit must never take provisioning down with it — log and continue.',
    '// a metrics outage should not bring the checkout down',
    '// log and carry on: the digest is rebuilt tomorrow',
  ])('states a decision: %s', (c) => {
    expect(statesDecision(c)).toBe(true);
  });

  it.each([
    '// take the old stack down before the new one starts',
    '// log the failure and the request id',
    '// continue the upload with the next part',
  ])('states none: %s', (c) => {
    expect(statesDecision(c)).toBe(false);
  });
});

describe('statesDecision on going silently', () => {
  it.each(['// TODO: do not fail silently', '// Never fail silently here'])('asks the opposite: %s', (c) => {
    expect(statesDecision(c)).toBe(false);
  });
});

/** The trailing comments of the first catch body of `source`. */
function afterCatch(source: string): string {
  const ctx = contextOf(source);
  let body: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'CatchClause') body = n.body as Node;
    return body !== undefined;
  });
  if (body === undefined) throw new Error(`no catch in ${source}`);
  return trailingComments(ctx, body);
}

describe('trailingComments', () => {
  it('reads a comment after the catch on its closing line', () => {
    const text = afterCatch(
      'async function f() {\n  try { await put() } catch {} // non-fatal: the reader creates it\n}',
    );
    expect(text).toBe('// non-fatal: the reader creates it');
    expect(statesDecision(text)).toBe(true);
  });

  it('reads nothing on the next line or after more code', () => {
    expect(afterCatch('async function f() {\n  try { await put() } catch {}\n  // non-fatal\n}')).toBe('');
    expect(afterCatch('async function f() {\n  try { await put() } catch {} next(); // non-fatal\n}')).toBe(
      '',
    );
  });

  it('a comment that says what decides nothing', () => {
    const text = afterCatch(
      'async function f() {\n  try { await put() } catch {} // TODO: handle the credit\n}',
    );
    expect(statesDecision(text)).toBe(false);
  });
});
