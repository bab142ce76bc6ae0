// Which calls count as a project logging module's levelled log line (isLevelledLog).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { isLevelledLog } from './levelledLog.js';

/** isLevelledLog of the one statement `source`. */
function levelled(source: string): boolean {
  const parsed = parseSync('m.js', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  return isLevelledLog((parsed.program.body as unknown as Node[])[0] as Node);
}

describe('isLevelledLog', () => {
  it.each([
    ['SCVLoggingUtil.error({ message })', true],
    ['appLogger.info(m)', true],
    ['auditLog.warn(m)', true],
    ['my_logger.debug(m)', true],
    ['LOGGER.error(m)', true],
    ['catalog.error(m)', false],
    ['dialog.info(m)', false],
    ['backlog.warn(m)', false],
    ['loginService.error(m)', false],
  ])('%s -> %s', (source, expected) => {
    expect(levelled(source)).toBe(expected);
  });
});
