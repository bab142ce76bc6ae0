// Which optional lookups only supply display text (a name in an activity, a greeting, a message): the try only
// reads, and every later use of what it set is a display field read into text, a display-named field or
// variable, or a test that only picks between texts. Anything that decides, writes or hands the record on is not.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { displayOnlyRead } from './displayOnlyRead.js';

/** displayOnlyRead for the first try of `body`, inside an async handler. */
function judged(body: string): boolean {
  const ctx = contextOf(`export const handler = async (event) => { ${body} };`);
  const clause = ctx.of('CatchClause')[0];
  if (clause === undefined) throw new Error('no catch');
  return displayOnlyRead(ctx, ctx.parentOf(clause) as Node);
}

describe('displayOnlyRead', () => {
  it.each([
    // A display name built in the try, handed to an activity builder and an email's template data.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of the module judged
    "let name = ''; try { const u = await getRecord(T, { id }); name = `${u?.firstName} ${u?.lastName}`; } catch (e) { console.log(e); } const a = buildActivity(task, name); await sendEmail({ templateData: { signer: { name } } });",
    // A record read only through its display fields, into text and a display-named field.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of the module judged
    'let seller; try { seller = await getRecord(T, { id }); } catch (e) { console.log(e); } await sendEmail({ template: { title: `Invoice from ${seller?.legalName}` } });',
    // A test that only picks whether a display variable is set, and which text it holds.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of the module judged
    "let companyName = ''; let from = null; try { from = await getRecord(T, { id }); } catch (e) { console.log(e); } if (from?.name) { companyName = from?.name?.length < 8 ? from?.name : from?.name.substring(0, 5) + '...'; } await sendSms({ text: `Pay ${companyName}`, companyName });",
  ])('a lookup that only supplies display text: %s', (body) => {
    expect(judged(body)).toBe(true);
  });

  it.each([
    // The record itself is handed on.
    'let user; try { user = await getRecord(T, { id }); } catch (e) { console.log(e); } await sendEmail(buildBody(user));',
    // A field that is not for display: the recipient.
    'let user; try { user = await getRecord(T, { id }); } catch (e) { console.log(e); } await sendEmail({ to: user?.email, title: user?.name });',
    // A field that identifies (Cognito's username), not one for display.
    'let user; try { user = await getRecord(T, { id }); } catch (e) { console.log(e); } await putItem({ owner: user?.username });',
    // The name gates a write.
    "let name = ''; try { name = (await getRecord(T, { id })).name; } catch (e) { console.log(e); } if (name) { await createActivity(task, name); }",
    // The name is a key.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of the module judged
    "let name = ''; try { name = (await getRecord(T, { id })).name; } catch (e) { console.log(e); } await getItem(`USER#${name}`);",
    // The try writes.
    "let name = ''; try { name = (await putRecord(T, row)).name; } catch (e) { console.log(e); } await notify({ name });",
    // Returned to the caller.
    "let name = ''; try { name = (await getRecord(T, { id })).name; } catch (e) { console.log(e); } return name;",
    // A variable of the same name in a sibling branch is another variable: this one is never read.
    "if (a) { let entity; try { entity = await getRecord(T, { id }); } catch (e) { console.log(e); } } else { const entity = { name: 'x' }; await sendEmail({ title: entity.name }); }",
    // Nothing reads it after the try.
    'let user; try { user = await getRecord(T, { id }); } catch (e) { console.log(e); }',
  ])('a lookup whose result does more than display: %s', (body) => {
    expect(judged(body)).toBe(false);
  });
});
