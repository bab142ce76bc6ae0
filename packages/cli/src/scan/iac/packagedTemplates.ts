// `sam package` / `aws cloudformation package` writes a copy of a template whose code locations are the
// uploaded artifacts (`CodeUri: s3://bucket/prefix/5f352d3ba76f2b06d0afc6a451d7c018`), often committed
// beside the source as output.yaml or packaged.yaml. Its findings repeat the source template's, at lines
// nobody edits: the fix goes into the source, which is scanned and reported on its own.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Json, obj } from './IacResult.js';

/** An artifact `sam package` uploaded: named by the MD5 of its content. */
const UPLOADED = /^s3:\/\/[^/\s]+\/(?:[^/\s]+\/)*[0-9a-f]{32}(?:\.\w+)?$/;
const CODE_KEYS = ['CodeUri', 'ContentUri', 'DefinitionUri', 'TemplateURL', 'Location'];
const SOURCES = ['template.yaml', 'template.yml', 'template.json'];

/**
 * The template is a packaged copy: some resource's code points at an uploaded artifact, and its folder
 * holds the source template SAM builds from.
 *
 * @example
 * packagedCopy(outputYaml, '/repo/core/output.yaml') // true when /repo/core/template.yaml exists
 */
export function packagedCopy(template: Record<string, Json>, file: string): boolean {
  const uploaded = Object.values(obj(template.Resources) ?? {}).some((r) => {
    const props = obj(obj(r)?.Properties) ?? {};
    return CODE_KEYS.some((k) => typeof props[k] === 'string' && UPLOADED.test(props[k] as string));
  });
  if (!uploaded) return false;
  const self = resolve(file);
  return SOURCES.map((n) => join(dirname(self), n)).some((p) => p !== self && existsSync(p));
}
