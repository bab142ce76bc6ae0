// A library client a handler closes without awaiting, reached through the project's own factories: a
// per-invocation context built by a `file:`-linked workspace package (`from 'services'`), whose factory
// answers a class extending the library's client, or the library's type itself.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { libraryMethodAsync } from '../libraryPromises.js';

const fixture = join(import.meta.dirname, '../../../../fixtures/corpus/library-client-closes');

describe('library client closes', () => {
  it('reports the closes that answer a promise, through factories, barrels and a base class', async () => {
    // Prepare: the fixture's handlers close cassandra-driver, kafkajs and @elastic clients in `finally`.

    // Act
    const result = await scan({ root: fixture, workers: 0 });

    // Assess: the promise closes are reported; ioredis's and the project's synchronous closes, a
    // callback-style shutdown and kafkajs's synchronous pause/resume are not. A subclass of the driver's
    // client (in the handler, or built by the package) inherits execute()/batch(), but its own synchronous
    // shutdown() overrides the driver's.
    const lines = result.findings
      .filter((f) => f.rule === 'floating-promise')
      .map((f) => `${f.file}:${f.line} ${f.snippet.replace(/\s*\/\/.*$/, '')}`);
    expect(lines).toEqual([
      "src/handlers/consumeOnce.ts:13 producer.send({ topic: 'audit', messages: [{ value: 'paused' }] });",
      'src/handlers/countPosts.ts:16 context.db.shutdown();',
      'src/handlers/countPosts.ts:17 context.tracked.shutdown();',
      "src/handlers/markSeen.js:14 client.execute('INSERT INTO seen (id) VALUES (?)', [event.id]);",
      'src/handlers/postCreate.ts:20 context.cassandraClient.shutdown();',
      'src/handlers/postCreate.ts:23 context.kafkaProducer.disconnect();',
      'src/handlers/postSearch.ts:17 context.searchClient.close();',
      'src/handlers/postSearch.ts:25 context.ledger.batch([]);',
    ]);
  });

  it.each([
    ['cassandra-driver', 'Client', 'shutdown', true],
    ['kafkajs', 'Producer', 'disconnect', true],
    ['@elastic/elasticsearch', 'Client', 'close', true],
    ['amqplib', 'Channel', 'close', true],
    // Synchronous methods of the same libraries, and names no table entry has.
    ['kafkajs', 'Consumer', 'pause', false],
    ['amqplib', 'Channel', 'publish', false],
    ['ioredis', 'Redis', 'disconnect', false],
    ['kafkajs', 'constructor', 'connect', false],
  ])('%s %s.%s answers a promise: %s', (source, name, method, expected) => {
    // Act
    const answer = libraryMethodAsync(source, name, method);

    // Assess
    expect(answer).toBe(expected);
  });
});
