import { describe, expect, it } from 'vitest';
import { propertyName } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { returnedRecord } from './returnedRecords.js';

/** The `id` properties whose object returnedRecord takes for a record the function hands back, by their line. */
function returned(body: string): number[] {
  const source = `import { v4 as uuidv4 } from 'uuid';\n${body}`;
  const ctx = contextOf(source);
  return ctx
    .of('Property')
    .filter((p) =>
      /^(id|Id|runId|eventId|notifyMessageId|order_id|traceId|correlationId)$/.test(
        propertyName(p.key, p.computed) ?? '',
      ),
    )
    .filter((p) => returnedRecord(ctx, p))
    .map((p) => ctx.position(p.start as number).line);
}

describe('returnedRecord', () => {
  it('takes a returned object, a mapper arrow, a kept .map answer, a push or a keyed set into a returned local', () => {
    expect(
      returned(`
function one(e) { return { id: uuidv4(), e }; }
const two = (e) => ({ id: uuidv4(), e });
function three(xs) { const rows = xs.map((x) => ({ id: uuidv4(), x })); return rows; }
function four(xs) { const out = []; for (const x of xs) out.push({ id: uuidv4(), x }); return out; }
function five(xs) { const byYear = {}; for (const x of xs) byYear[x.y] = { id: uuidv4(), x }; return Object.values(byYear); }
function six() { return [{ row: { id: uuidv4() } }]; }
const seven = (e) => ({ order_id: uuidv4(), e });`),
    ).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it("leaves a write result, an entry built in place, a local not returned, a function value, a field read and an id beside the record's own", () => {
    expect(
      returned(`
async function one(e) { const runId = uuidv4(); await e.save(); return { runId }; }
function two(xs, sqs) { return sqs.send({ Entries: xs.map((x) => ({ Id: uuidv4(), x })) }); }
function three(xs) { const out = []; out.push({ id: uuidv4() }); return out.length; }
function four() { return { id: () => uuidv4() }; }
function five(log) { return { id: log.correlationID }; }
const six = async (e) => ({ id: uuidv4(), e });
const seven = (u) => ({ ...u, eventId: uuidv4(), notifyMessageId: uuidv4() });`),
    ).toEqual([]);
  });

  it('leaves a batch entry in any callback form, a trace or correlation id, and an id a later spread may override', () => {
    expect(
      returned(`
function one(xs, sqs) { return sqs.send({ Entries: xs.map((x) => { return { Id: uuidv4(), MessageBody: x }; }) }); }
function two(xs, sqs) { return sqs.send({ Entries: xs.map(function (x) { return { Id: uuidv4(), MessageBody: x }; }) }); }
function three(xs) { const entries = xs.map((x) => ({ Id: uuidv4(), MessageBody: x })); return entries; }
function four(xs) { const entries = xs.map((x) => ({ Id: uuidv4(), body: x })); return { QueueUrl: q, Entries: entries }; }
function five(startedAt) { return { traceId: uuidv4(), startedAt }; }
function six(startedAt) { return { correlationId: uuidv4(), startedAt }; }
function seven(x) { return { id: uuidv4(), ...x }; }
function eight(xs) { const tmp = xs.map((x) => ({ id: uuidv4(), x })); return tmp.length; }`),
    ).toEqual([]);
  });
});
