// An exported function its own module hands on as a value is run by whoever takes that value: importers
// naming only the other export do not make it dead code (unnamedExports.ts).
import { describe, expect, it } from 'vitest';
import { handedAtHome } from './handedAtHome.js';
import { contextOf } from './testing/parsed.js';

describe('handedAtHome', () => {
  it('sees an export handed to a library builder in another export', () => {
    // Prepare
    const ctx = contextOf(`import axios from 'axios';
export const customAuthChecker = async ({ context }) => (await axios.post(URL, { idToken: context.key })).status === 200;
export const schema = buildSchemaSync({ authChecker: customAuthChecker, resolvers: [] });`);

    // Act, Assess
    expect(handedAtHome(ctx, ['customAuthChecker'])).toBe(true);
  });

  it.each([
    [
      'a comment, a call and its export list',
      '// sendInvite is gone\nexport async function sendInvite() {}\nexport async function again() { await sendInvite(); }\nexport { sendInvite as invite };',
    ],
    [
      'a CommonJS export',
      'async function sendInvite() {}\nmodule.exports = { sendInvite };\nexports.sendInvite = sendInvite;',
    ],
    [
      'a string and a member of the same name',
      "export function sendInvite() {}\nconst name = 'sendInvite';\nmailer.sendInvite();",
    ],
  ])('does not take %s for a use', (_what, source) => {
    // Act, Assess
    expect(handedAtHome(contextOf(source), ['sendInvite'])).toBe(false);
  });
});
