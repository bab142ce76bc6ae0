// Which method calls on instances of the module's own classes answer a pending promise (localAsyncMethod):
// a built local, a field the class fills with `new`, and the near misses that stay silent.
import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { localAsyncMethod } from './localInstanceMethods.js';

const NOTIFIER =
  'class Notifier { constructor(c) { this.c = c; } async notify(b) { await this.c.send(b); } async noted(b) { seen.push(b); } sync(b) { return b; } }\n';

/** localAsyncMethod for the first call of `method` in `source` (after the Notifier class). */
function pending(body: string, method: string): boolean {
  const ctx = contextOf(NOTIFIER + body);
  const call = ctx.of('CallExpression').find((c) => calleeName(c) === method) as Node;
  return localAsyncMethod(ctx, call);
}

describe('localAsyncMethod', () => {
  it.each([
    [
      'a const built from the class',
      'const n = new Notifier(sqs);\nexport const h = async () => { n.notify(1); };',
    ],
    [
      'a field given the class in the constructor',
      'class Svc { constructor() { this.n = new Notifier(sqs); } run() { this.n.notify(1); } }',
    ],
    ['a field initializer', 'class Svc { n = new Notifier(sqs); run() { this.n.notify(1); } }'],
  ])('is pending on %s', (_name, body) => {
    expect(pending(body, 'notify')).toBe(true);
  });

  it.each([
    ['an async method that awaits nothing', 'const n = new Notifier(sqs);\nn.noted(1);', 'noted'],
    ['a method that is not async', 'const n = new Notifier(sqs);\nn.sync(1);', 'sync'],
    ['an instance of an unknown class', 'const n = make();\nn.notify(1);', 'notify'],
    [
      'a field given another value as well',
      'class Svc { constructor(o) { this.n = new Notifier(sqs); if (o) this.n = o; } run() { this.n.notify(1); } }',
      'notify',
    ],
  ])('is not pending for %s', (_name, body, method) => {
    expect(pending(body, method)).toBe(false);
  });
});
