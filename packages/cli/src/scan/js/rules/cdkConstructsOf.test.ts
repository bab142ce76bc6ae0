// constructsOf: the `new ...(scope, id, props)` an expression in a CDK stack stands for, followed through
// consts, `this.field`s, a same-file helper's parameter and what a builder method hands back by key.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { constructsOf } from './cdkConstructsOf.js';

const FILE = '/app/lib/stack.ts';

/**
 * The construct ids (second argument) each `route(expr)` of the stack class body stands for, in order.
 * `route` is a marker: the tests ask constructsOf about its argument.
 */
function routed(members: string): string[][] {
  const source = `import { Stack } from 'aws-cdk-lib';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nexport class S extends Stack {\n${members}\n}\n`;
  const ctx = contextOf(source, FILE);
  return ctx
    .of('CallExpression')
    .filter((c) => c.callee.type === 'Identifier' && c.callee.name === 'route')
    .map((c) =>
      constructsOf(ctx, (c.arguments as Node[])[0]).map((n) => (n.arguments as Node[])[1]?.value as string),
    );
}

describe('constructsOf', () => {
  it('follows a const and a this.field assigned in the class', () => {
    const members = `constructor(scope, id) { super(scope, id);
      const fn = new lambda.Function(this, 'Fn', {});
      this.worker = new lambda.Function(this, 'Worker', {});
      route(fn); route(this.worker);
    }`;
    expect(routed(members)).toEqual([['Fn'], ['Worker']]);
  });

  it("follows a same-file helper's parameter to each caller's argument", () => {
    const members = `constructor(scope, id) { super(scope, id);
      this.wire(new lambda.Function(this, 'A', {}));
      this.wire(new lambda.Function(this, 'B', {}));
    }
    wire(fn) { route(fn); }`;
    expect(routed(members)).toEqual([['A', 'B']]);
  });

  it('takes from a builder only the construct under the key destructured', () => {
    const members = `constructor(scope, id) { super(scope, id);
      const { onConnect, worker } = this.functions();
      route(onConnect);
      worker.addEnvironment('MODE', 'batch');
    }
    functions() {
      const onConnect = new lambda.Function(this, 'Connect', {});
      return { onConnect, worker: new lambda.Function(this, 'Worker', {}) };
    }`;
    expect(routed(members)).toEqual([['Connect']]);
  });

  it('follows what a method without parameters hands back, and not a builder that takes some', () => {
    const members = `constructor(scope, id) { super(scope, id);
      route(this.make());
      route(this.makeWith({ timeout: 60 }));
    }
    make() { return new lambda.Function(this, 'Made', {}); }
    makeWith(props) { return new lambda.Function(this, 'Built', { ...props }); }`;
    expect(routed(members)).toEqual([['Made'], []]);
  });

  it('follows a builder with parameters only to a construct it builds itself with a fixed timeout', () => {
    const source = `import { Duration, Stack } from 'aws-cdk-lib';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';
export class S extends Stack {
  constructor(scope, id) { super(scope, id); route(this.own(scope)); route(this.handed(scope)); }
  own(role) { return new lambda.Function(this, 'Own', { role, timeout: Duration.seconds(60) }); }
  handed(role) { const make = (scope) => new lambda.Function(scope, 'Inner', { timeout: Duration.seconds(60) }); return make(this); }
}`;
    const ctx = contextOf(source, FILE);
    const ids = ctx
      .of('CallExpression')
      .filter((c) => c.callee.type === 'Identifier' && c.callee.name === 'route')
      .map((c) =>
        constructsOf(ctx, (c.arguments as Node[])[0], 0, true).map((n) => (n.arguments as Node[])[1]?.value),
      );
    // The inner arrow's construct reads its own `scope`, which the builder's parameter check cannot see.
    expect(ids).toEqual([['Own'], []]);
  });

  it('finds nothing behind an imported or unknown value', () => {
    expect(routed(`constructor(scope, id, props) { super(scope, id); route(props.fn); }`)).toEqual([[]]);
  });
});
