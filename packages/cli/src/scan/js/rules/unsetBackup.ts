// swallowed-error: the first source of a fallback read. `try { playlist = await readCache(key) } catch (e) {
// log(e) }` followed at once by `if (!playlist) { playlist = await generate(...) }`: the catch leaves the
// variable unset, and unset is exactly what sends the code on to the other source (a cache miss read as
// "build it again", a replica after the primary). The failed read is not passed off as data; the backup's
// own failure is judged at its own catch.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { later } from './catchAfter.js';
import { doesIo } from './catchFacts.js';
import { assignedNames, setOnlyByTry } from './tryAssigned.js';
import { testsUnset } from './unsetWhenFailed.js';

/**
 * The try sets a variable its catch leaves unset, and the statement right after the try is an `if` that
 * finds it unset and sets it again from another source with I/O of its own: the failure only sends the code
 * to the backup.
 *
 * @example
 * // try { p = await readJSONFromS3(path) } catch (e) { log(e) } if (!p) { p = await generate(id) }
 * unsetFallsToBackup(ctx, tryStatement) // -> true
 */
export function unsetFallsToBackup(ctx: ModuleContext, tryStatement: Node): boolean {
  const names = setOnlyByTry(tryStatement);
  const next = later(ctx, tryStatement)[0];
  if (names.length === 0 || next?.type !== 'IfStatement') return false;
  const backup = next.consequent as Node;
  return names.some(
    (x) => testsUnset(next.test as Node, x) && assignedNames(backup).includes(x) && doesIo(ctx, backup),
  );
}
