// Which try blocks only read (onlyReads), for aws-sdk v2's `.promise()` chains above all: their parameters
// are the inner call's.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { onlyReads } from './readOnlyTry.js';

/** Does the first try of `body` (inside an async function of a module with a v2 DocumentClient) only read? */
function reads(body: string): boolean {
  const source = `const AWS = require('aws-sdk');\nconst ddb = new AWS.DynamoDB.DocumentClient();\nasync function f(pool, params) { ${body} }`;
  const ctx = contextOf(source, 'm.js');
  const tryStatement = ctx.parentOf(ctx.of('CatchClause')[0] as Node);
  return onlyReads(ctx, tryStatement?.block as Node);
}

describe('onlyReads', () => {
  it.each([
    "try { n = (await ddb.query({ TableName: 't', Select: 'COUNT' }).promise()).Count; } catch (e) {}",
    "try { item = (await ddb.get({ TableName: 't', Key: { id } }).promise()).Item; } catch (e) {}",
    'try { n = (await ddb.query(params).promise()).Count; } catch (e) {}',
    "try { n = (await ddb.query({ ...params, Select: 'COUNT' }).promise()).Count; } catch (e) {}",
  ])('reads: %s', (body) => {
    expect(reads(body)).toBe(true);
  });

  it.each([
    "try { await ddb.put({ TableName: 't', Item: {} }).promise(); } catch (e) {}",
    "try { await pool.query({ sql: 'INSERT INTO t VALUES (1)' }).promise(); } catch (e) {}",
    "try { await pool.query({ sql: 'DELETE FROM t' }).promise(); } catch (e) {}",
    'try { rows = (await pool.query(params).promise()).rows; } catch (e) {}',
  ])('does not: %s', (body) => {
    expect(reads(body)).toBe(false);
  });
});
