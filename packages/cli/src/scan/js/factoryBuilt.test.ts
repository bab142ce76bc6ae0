// factoryBuilt: a receiver holding a module-local factory's answer stands for what the factory returns.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { factoryBuilt } from './factoryBuilt.js';
import { contextOf } from './testing/parsed.js';

/** What `factoryBuilt` reads behind the receiver of the module's `.send(...)`, as source text. */
function behindSend(source: string): string | undefined {
  const ctx = contextOf(source, 'm.js');
  const send = ctx.of('CallExpression').find((c) => (c.callee as Node).property?.name === 'send') as Node;
  const built = factoryBuilt(ctx, (send.callee as Node).object as Node);
  return built === undefined ? undefined : source.slice(built.start, built.end);
}

describe('factoryBuilt', () => {
  it('follows an awaited factory to the object it returns', () => {
    const source = [
      'const getHook = async () => { const url = await read(); return new Hook(url); };',
      'async function f() { const hook = await getHook(); return hook.send(m); }',
    ].join('\n');
    expect(behindSend(source)).toBe('new Hook(url)');
  });

  it('follows a plain call and a returned local', () => {
    const source = [
      'function make(u) { const h = new Hook(u, { timeout: 1 }); return h; }',
      'const hook = make(u);',
      'hook.send(m);',
    ].join('\n');
    expect(behindSend(source)).toBe('new Hook(u, { timeout: 1 })');
  });

  it('keeps a value built in place, and a factory with two answers or none in the module', () => {
    expect(behindSend('const hook = new Hook(u);\nhook.send(m);')).toBe('new Hook(u)');
    const two =
      'function make(a) { if (a) return new Hook(a); return new Other(); }\nconst h = make(u);\nh.send(m);';
    expect(behindSend(two)).toBe('make(u)');
    expect(behindSend('const h = imported(u);\nh.send(m);')).toBe('imported(u)');
  });

  it("follows the class's own factory method (`this.hook()`), not another object's", () => {
    const own = [
      'class Notifier {',
      '  hook() { return new Hook(this.url); }',
      '  async notify(m) { const h = this.hook(); await h.send(m); }',
      '}',
    ].join('\n');
    expect(behindSend(own)).toBe('new Hook(this.url)');
    const other = [
      'class Notifier {',
      '  hook() { return new Hook(this.url); }',
      '  async notify(m) { const h = this.other.hook(); await h.send(m); }',
      '}',
    ].join('\n');
    expect(behindSend(other)).toBe('this.other.hook()');
  });
});
