// importSdkNamespace against a stand-in project: which module the specifier resolves to, and its export facts.
import { describe, expect, it } from 'vitest';
import { importSdkNamespace } from './importedSdk.js';
import type { ExportFact } from './js/ExportFact.js';
import type { Project } from './project.js';

const fact = (sdkNamespace: boolean): ExportFact =>
  ({ provides: [], via: [], async: false, ...(sdkNamespace ? { sdkNamespace: true } : {}) }) as ExportFact;

/** A project where './aws' resolves to /r/aws.js, whose facts are `facts`. */
function project(facts: Record<string, ExportFact>): Project {
  return {
    resolveModule: (_from: string, source: string) => (source === './aws' ? '/r/aws.js' : undefined),
    exportFact: (file: string, name: string) => (file === '/r/aws.js' ? facts[name] : undefined),
  } as unknown as Project;
}

const ref = (name: string, source = './aws') => ({ from: '/r/s3.js', source, name });

describe('importSdkNamespace', () => {
  it('is the SDK when the resolved module passes it on under the imported name', () => {
    expect(importSdkNamespace(project({ default: fact(true) }), ref('default'))).toBe(true);
    expect(importSdkNamespace(project({ '*': fact(true) }), ref('*'))).toBe(true);
  });
  it('is not when the module exports something else, or cannot be found', () => {
    expect(importSdkNamespace(project({ default: fact(false) }), ref('default'))).toBe(false);
    expect(importSdkNamespace(project({ '*': fact(true) }), ref('default'))).toBe(false);
    expect(importSdkNamespace(project({ default: fact(true) }), ref('default', './models'))).toBe(false);
  });
});
