import { describe, expect, it } from 'vitest';
import { type Node, propertyName, unwrap } from './ast.js';
import { selfCalls } from './selfCalls.js';
import { contextOf } from './testing/parsed.js';

/** The callee names of the self-calls found, each with the export its target function is. */
function found(source: string): string[] {
  const ctx = contextOf(source, 'utils.js');
  const exportOf = (fn: Node) => [...ctx.exports].find(([, v]) => v === fn)?.[0];
  return selfCalls(ctx).map(({ call, target }) => {
    const callee = unwrap(call.callee) as Node;
    return `${propertyName(callee.property as Node, false)}->${exportOf(target)}`;
  });
}

describe('selfCalls', () => {
  it('binds module.exports.f(), exports.f(), a const alias of module.exports and top-level this to the export', () => {
    // Prepare
    const source = [
      'const utils = module.exports;',
      'module.exports.region = (arn) => arn.split(":")[3];',
      'module.exports.client = (arn) => new Client({ region: this.region(arn) });',
      'exports.read = async (k) => utils.client(k).send(k);',
      'module.exports.load = async (k) => module.exports.read(k);',
      'exports.loadAll = async (ks) => Promise.all(ks.map((k) => exports.load(k)));',
    ].join('\n');

    // Act
    const calls = found(source);

    // Assess
    expect(calls.sort()).toEqual(['client->client', 'load->load', 'read->read', 'region->region']);
  });

  it('leaves out other receivers, names the module does not export, and this inside a function', () => {
    // Prepare
    const source = [
      'const other = require("./other");',
      'const exports2 = {};',
      'module.exports.get = async (k) => other.get(k);',
      'module.exports.put = async function (k) { return this.get(k); };',
      'module.exports.del = async (k) => module.exports.missing(k);',
      'module.exports.copy = async (k) => exports2.get(k);',
    ].join('\n');

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual([]);
  });

  it('finds nothing in an ES module, where top-level this is undefined and no exports object exists', () => {
    // Prepare
    const source = 'export const region = (a) => a;\nexport const client = (a) => this.region(a);';

    // Act
    const calls = selfCalls(contextOf(source, 'utils.mjs'));

    // Assess
    expect(calls).toEqual([]);
  });

  it('takes this in a class field arrow or a static block as the instance or class, not module.exports', () => {
    // Prepare
    const source = [
      'module.exports.save = async () => new S3Client({}).send(x);',
      'class Repo { save(id) { return id; } run = async (id) => this.save(id); static { this.save(1); } }',
      'module.exports.Repo = Repo;',
    ].join('\n');

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual([]);
  });

  it('takes a local binding named exports as no exports object', () => {
    // Prepare
    const source = 'module.exports.get = async (k) => k;\nfunction f(exports) { return exports.get(1); }';

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual([]);
  });
});
