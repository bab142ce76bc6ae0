import { describe, expect, it } from 'vitest';
import { sourceHandlers, sourcePathOf } from './terraformSourcePath.js';

describe('sourcePathOf', () => {
  it("reads a path from the module's folder", () => {
    expect(sourcePathOf(`"\${path.module}/../src/refunds"`)).toEqual({
      folder: 'refunds',
      fromModule: '../src/refunds',
      built: false,
    });
  });

  it("takes a file's folder and notes a build's output", () => {
    expect(sourcePathOf(`"\${path.module}/dist/orders/index.js"`)).toEqual({
      folder: 'orders',
      fromModule: 'dist/orders',
      built: true,
    });
  });

  it('knows only the last folder of a path from a variable', () => {
    expect(sourcePathOf(`"\${var.root}/functions/orders"`)).toEqual({ folder: 'orders', built: false });
    expect(sourcePathOf('var.source')).toBeUndefined();
  });
});

describe('sourceHandlers', () => {
  it("anchors a handler at the folder the path names from the Terraform file's folder", () => {
    const source = { folder: 'refunds', fromModule: '../src/refunds', built: false };
    expect(sourceHandlers(source, 'app/tf', 'index.handler')).toEqual(['app/src/refunds/index.handler']);
  });

  it("keeps the last folder alone for a build's output, whose sources live elsewhere", () => {
    const source = { folder: 'orders', fromModule: 'dist/orders', built: true };
    expect(sourceHandlers(source, 'tf', 'index.handler')).toEqual([
      'tf/dist/orders/index.handler',
      'orders/index.handler',
    ]);
  });
});
