// A folder listing keeps every module of its package alive (deadModules.ts): the files it lists may then be
// loaded by a computed path. A listing whose names are at once filtered to one data extension
// (`readdirSync(dir).filter((f) => f.endsWith('_outputs.json'))`, a test helper reading deploy outputs) can
// only ever load data files, never a code module, so it is no evidence that some module is loaded unnamed.

/**
 * The rest of a listing call, then `.filter(f => f.endsWith('<...>.<data extension>'))` with the same
 * parameter on both sides. Only data extensions: `.js`, `.ts` or a bare suffix could select modules.
 */
const DATA_FILTER =
  /^[^\n;]{0,80}?\)\s*\.filter\(\s*\(?\s*([A-Za-z_$][\w$]*)\s*\)?\s*=>\s*\1\.endsWith\(\s*(['"`])[^'"`\n$]*\.(?:json|ya?ml|csv|txt|md|html?)\2\s*\)\s*\)/;

/**
 * Does the listing call that `rest` continues (the text just after the listing's argument list opened and its
 * first `)` matched) keep only names with a data extension, so that nothing it lists is a module?
 *
 * @example
 * listsDataOnly(').filter((fn) => fn.endsWith("_outputs.json"))') // true
 * listsDataOnly(').filter((fn) => fn.endsWith(".js"))') // false: lists modules
 */
export function listsDataOnly(rest: string): boolean {
  return DATA_FILTER.test(rest);
}
