// A googleapis client the project builds in one factory and hands to helpers in other modules, typed with
// its API class (`gmail: gmail_v1.Gmail`), is judged by the API clients the project builds; a client
// awaited through a `.catch` that always rethrows is the factory's own answer.
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-google-handed-');

const AUTH = (options: string) => `import { google } from 'googleapis';
export async function authGmailClient(refreshToken: string) {
  const auth = new google.auth.OAuth2(process.env.CLIENT_ID, process.env.CLIENT_SECRET);
  auth.setCredentials({ refresh_token: refreshToken });
  return google.gmail({ version: 'v1', auth${options} });
}
`;

const MESSAGES = `import type { gmail_v1 } from 'googleapis';
export async function trashMessage({ gmail, id }: { gmail: gmail_v1.Gmail; id: string }) {
  await gmail.users.messages.trash({ userId: 'me', id });
}
export async function labelMessage(gmail: gmail_v1.Gmail, id: string) {
  await gmail.users.messages.modify({ userId: 'me', id, requestBody: { addLabelIds: ['X'] } });
}
`;

const HANDLER = (handler: string) => `import type { SQSEvent } from 'aws-lambda';
import type { gmail_v1 } from 'googleapis';
import { authGmailClient } from './gmail/auth';
import { labelMessage, trashMessage } from './gmail/messages';
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const { token, id } = JSON.parse(record.body);
    const gmail: gmail_v1.Gmail = await authGmailClient(token).catch(${handler});
    await gmail.users.watch({ userId: 'me', requestBody: { topicName: 't' } });
    await trashMessage({ gmail, id });
    await labelMessage(gmail, id);
  }
};
`;

const RETHROW = `async (error) => {
      console.log('auth failed', error);
      throw new Error('gmail credentials expired');
    }`;

async function found(files: Record<string, string>): Promise<string[]> {
  const result = await scan({ root: tree(files), workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'http-no-timeout')
    .map((f) => `${f.file}:${f.line}`)
    .sort();
}

describe('googleapis clients handed to helpers', () => {
  it('reports requests on a typed parameter and through a rethrowing catch when the factory sets no timeout', async () => {
    // Act
    const lines = await found({
      'src/gmail/auth.ts': AUTH(''),
      'src/gmail/messages.ts': MESSAGES,
      'src/handler.ts': HANDLER(RETHROW),
    });

    // Assess
    expect(lines).toEqual(['src/gmail/messages.ts:3', 'src/gmail/messages.ts:6', 'src/handler.ts:12']);
  });

  it('stays silent when the factory sets a timeout', async () => {
    // Act
    const lines = await found({
      'src/gmail/auth.ts': AUTH(', timeout: 10_000'),
      'src/gmail/messages.ts': MESSAGES,
      'src/handler.ts': HANDLER(RETHROW),
    });

    // Assess
    expect(lines).toEqual([]);
  });

  it('does not read through a catch that may answer another client', async () => {
    // Act
    const lines = await found({
      'src/gmail/auth.ts': AUTH(''),
      'src/gmail/messages.ts': MESSAGES,
      'src/handler.ts': HANDLER('() => fallbackClient()'),
    });

    // Assess: the typed helpers are still judged by the factory; the handler's own client is out of sight.
    expect(lines).toEqual(['src/gmail/messages.ts:3', 'src/gmail/messages.ts:6']);
  });

  it('leaves a typed parameter in a module that builds its own API clients to what that module passes', async () => {
    // Prepare: the helpers' module builds a client for its own use; the one it hands on is out of sight.
    const own = `import { google } from 'googleapis';
const local = google.gmail({ version: 'v1', timeout: 5_000 });
export const count = async () => (await local.users.labels.list({ userId: 'me' })).data.labels?.length;
${MESSAGES}`;

    // Act
    const lines = await found({
      'src/gmail/auth.ts': AUTH(''),
      'src/gmail/messages.ts': own,
      'src/handler.ts': HANDLER(RETHROW),
    });

    // Assess
    expect(lines).toEqual(['src/handler.ts:12']);
  });
});
