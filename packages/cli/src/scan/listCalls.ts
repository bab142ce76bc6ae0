// The names a finding lists (module calls, functions sharing a setting): the first three, then a count.

/**
 * The first three names, joined, and how many more there are.
 * @example
 * listCalls(['module.a', 'module.b', 'module.c', 'module.d']) // 'module.a, module.b, module.c and 1 more'
 */
export function listCalls(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}
