import { describe, expect, it } from 'vitest';
import { HandlerJoin, namesExport } from './handlerJoin.js';

describe('namesExport', () => {
  it('matches a module path by its end and the export by name', () => {
    expect(namesExport('src/consumer.handler', '/app/src/consumer.ts', 'handler')).toBe(true);
    expect(namesExport('src/consumer.handler', '/app/src/consumer.ts', 'main')).toBe(false);
    expect(namesExport('consumer.handler', '/app/src/other-consumer.ts', 'handler')).toBe(false);
  });

  it('does not let a bare ../index name every index module', () => {
    expect(namesExport('../index.handler', '/app/src/index.ts', 'handler')).toBe(false);
    expect(namesExport('../code/index.handler', '/app/code/index.ts', 'handler')).toBe(true);
  });
});

describe('HandlerJoin', () => {
  const files = ['/r/shipments/index.ts', '/r/returns/index.ts', '/r/returns/index.js', '/r/audit.ts'];
  const join = new HandlerJoin(() => files);

  it('joins no module when several answer to a generic handler string', () => {
    expect(join.names('index.handler', '/r/shipments/index.ts', 'handler')).toBe(false);
    expect(join.names('index.handler', '/r/returns/index.ts', 'handler')).toBe(false);
  });

  it('joins the one module a folder leaves, its compiled copy beside it counting as the same', () => {
    expect(join.names('shipments/index.handler', '/r/shipments/index.ts', 'handler')).toBe(true);
    expect(join.names('returns/index.handler', '/r/returns/index.ts', 'handler')).toBe(true);
    expect(join.names('returns/index.handler', '/r/shipments/index.ts', 'handler')).toBe(false);
  });

  it('joins a handler string only one module answers to', () => {
    expect(join.names('audit.handler', '/r/audit.ts', 'handler')).toBe(true);
  });
});
