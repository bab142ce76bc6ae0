// A typedoc plugin: modules are named after the import path users type (`@bulwark/lambda/middy`), not
// after their source folder (`lambda/src/middy`, typedoc's default for several entry points).
import { Converter, ReflectionKind } from 'typedoc';
// Node 24 strips the types of entryPoints.ts itself (the repository's Node; see TOOLCHAIN.md).
import { packageEntryPoints } from './entryPoints.ts';

/** typedoc's default name for an entry point: its path below `packages/`, without `.ts` and `/index`. */
const defaultName = (source) =>
  source
    .replace(/^packages\//, '')
    .replace(/\.ts$/, '')
    .replace(/\/index$/, '');

export function load(app) {
  const names = new Map(packageEntryPoints().map((e) => [defaultName(e.source), e.name]));
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const name = names.get(module.name);
      if (name !== undefined) module.name = name;
    }
  });
}
