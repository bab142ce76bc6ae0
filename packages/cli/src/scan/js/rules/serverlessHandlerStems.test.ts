import { describe, expect, it } from 'vitest';
import { handlerStems } from './serverlessHandlerStems.js';

describe('handlerStems', () => {
  it('keeps a module-own stem at the module folder only', () => {
    expect(handlerStems('\0/handler', '/app/src/functions/x')).toEqual(['/app/src/functions/x/handler']);
  });

  it('anchors a service-relative stem at the module folder it names, however deep', () => {
    const stems = handlerStems('src/functions/jobs/process/handler', '/app/src/functions/jobs/process');
    expect(stems).toContain('/app/src/functions/jobs/process/handler');
  });

  it('does not anchor a stem whose folder is not the tail of the module folder', () => {
    const stems = handlerStems('src/workers/process/handler', '/app/src/functions/jobs/process');
    expect(stems.some((s) => s.startsWith('/app/src/workers'))).toBe(false);
    expect(handlerStems('jobs/process/handler', '/app/src/myjobs/process')).not.toContain(
      '/app/src/myjobs/process/handler',
    );
  });

  it('still tries the module folder and up to three above it for a shallow module', () => {
    expect(handlerStems('src/functions/a/handler', '/app/src/functions/a')).toEqual([
      '/app/src/functions/a/src/functions/a/handler',
      '/app/src/functions/src/functions/a/handler',
      '/app/src/src/functions/a/handler',
      '/app/src/functions/a/handler',
    ]);
  });
});
