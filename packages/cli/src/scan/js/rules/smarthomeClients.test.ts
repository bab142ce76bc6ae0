// Which Home Graph calls of an actions-on-google smart home app are reported for having no timeout.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { mentionsActionsOnGoogle, untimedSmarthome } from './smarthomeClients.js';

/** The lines `untimedSmarthome` reports in `source`. */
function reported(source: string): number[] {
  const ctx = contextOf(source, 'm.js');
  const lines: number[] = [];
  untimedSmarthome(ctx, (_rule, node) => {
    lines.push(source.slice(0, node.start as number).split('\n').length);
  });
  return lines;
}

const REQUIRE = "const { smarthome } = require('actions-on-google');\n";

describe('untimedSmarthome', () => {
  it.each([
    ['reportState', `${REQUIRE}const app = smarthome({ jwt });\nawait app.reportState(body);`],
    ['requestSync', `${REQUIRE}const app = smarthome({ jwt });\nawait app.requestSync(id);`],
    [
      'an import',
      "import { smarthome } from 'actions-on-google';\nconst app = smarthome({ jwt });\napp.requestSync(id);",
    ],
  ])('reports %s on the app', (_name, source) => {
    // Act
    const lines = reported(source);
    // Assess
    expect(lines).toEqual([3]);
  });

  it.each([
    [
      'a local object with the same method',
      `${REQUIRE}const outbox = { requestSync: async () => 1 };\noutbox.requestSync(id);`,
    ],
    [
      'an app built by another package',
      "const { smarthome } = require('./home');\nconst app = smarthome();\napp.reportState(b);",
    ],
    ['another method of the app', `${REQUIRE}const app = smarthome({ jwt });\napp.onSync(handler);`],
  ])('leaves %s', (_name, source) => {
    expect(reported(source)).toEqual([]);
  });

  it('is asked only of modules that load actions-on-google', () => {
    expect(mentionsActionsOnGoogle(REQUIRE)).toBe(true);
    expect(mentionsActionsOnGoogle("import x from 'actions-on-google-helpers';")).toBe(false);
  });
});
