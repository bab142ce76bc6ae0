// Which module functions a call in handler code runs by being handed them (handedFunctions), and that
// handler discovery puts them on the handler's path.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { handedFunctions } from './callTargets.js';
import { findHandlers } from './handlerDiscovery.js';
import type { ModuleContext } from './ModuleContext.js';
import { contextOf } from './testing/parsed.js';

function moduleOf(source: string): ModuleContext {
  return contextOf(source, 'm.js');
}

/** The names of the functions the first call of `callee` in `source` is handed. */
function handedNames(source: string, callee: string): string[] {
  const ctx = moduleOf(source);
  const call = ctx
    .of('CallExpression')
    .find((c) => ctx.source.slice((c.callee as Node).start, (c.callee as Node).end) === callee);
  if (call === undefined) throw new Error(`no call of ${callee}`);
  return handedFunctions(ctx, call).map((fn) => {
    const owner = ctx.parentOf(fn);
    return (fn.id?.name ?? owner?.id?.name) as string;
  });
}

describe('handedFunctions', () => {
  it('takes a module function handed by name', () => {
    expect(
      handedNames('const processor = async (m, p) => {}; handle(event, context, processor);', 'handle'),
    ).toEqual(['processor']);
    expect(handedNames('async function each(r) {} run(records, each);', 'run')).toEqual(['each']);
  });

  it('leaves a function a call keeps for later: a listener, a stored entry, a timer, a rejection handler', () => {
    const fns = 'const onProgress = async (p) => {}; const ok = (r) => r; ';
    expect(handedNames(`${fns}bus.on('progress', onProgress);`, 'bus.on')).toEqual([]);
    expect(handedNames(`${fns}process.once('SIGTERM', onProgress);`, 'process.once')).toEqual([]);
    expect(handedNames(`${fns}registry.set('k', onProgress);`, 'registry.set')).toEqual([]);
    expect(handedNames(`${fns}handlers.push(onProgress);`, 'handlers.push')).toEqual([]);
    expect(handedNames(`${fns}setTimeout(onProgress, 10);`, 'setTimeout')).toEqual([]);
    expect(handedNames(`${fns}p.then(ok, onProgress);`, 'p.then')).toEqual(['ok']);
    expect(handedNames(`${fns}records.map(onProgress);`, 'records.map')).toEqual(['onProgress']);
  });

  it('leaves names bound to anything but a function of the module', () => {
    expect(handedNames("const { processor } = require('./p'); handle(event, processor);", 'handle')).toEqual(
      [],
    );
    expect(handedNames('const limit = 5; handle(event, limit);', 'handle')).toEqual([]);
  });
});

describe('findHandlers with handed functions', () => {
  it("puts a processor the handler hands to a wrapper on the handler's path", () => {
    const ctx = moduleOf(
      [
        "const { handle } = require('./consume');",
        'const processor = async (metadata, payload) => { try { await save(payload) } catch (e) { log(e) } };',
        'const handler = async (event, context) => handle(event, context, processor);',
        'module.exports.handler = handler;',
      ].join('\n'),
    );
    findHandlers(ctx);
    const clause = ctx.of('CatchClause')[0] as Node;
    expect(ctx.handlerKindAt(clause)).toBe('helper');
  });

  it('does not follow a function handed only outside handler code', () => {
    const ctx = moduleOf(
      [
        'const processor = async (p) => { try { await save(p) } catch (e) { log(e) } };',
        'register(processor);',
        'module.exports.handler = async (event, context) => ({ statusCode: 200 });',
      ].join('\n'),
    );
    findHandlers(ctx);
    expect(ctx.handlerKindAt(ctx.of('CatchClause')[0] as Node)).toBeUndefined();
  });
});
