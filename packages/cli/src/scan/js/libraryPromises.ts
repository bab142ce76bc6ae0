// The methods of library client classes that answer a promise, by package and exported class. A client
// the project builds through its own factories (`initCassandraClient()` answering a class that extends
// cassandra-driver's `Client`, `await initKafkaProducer()` answering kafkajs's `Producer`) is known only by
// its declared type, and the type's package is not scanned: this table is what says its `shutdown()` or
// `disconnect()` floats. Each entry was checked against the library's API: a method not listed (kafkajs
// `consumer.pause()`, amqplib `channel.publish()` and `ack()`, ioredis `disconnect()`) answers no promise,
// and a call given a callback as its last argument (cassandra-driver, @elastic 7) answers none either.

/** Per package, per exported class or interface, the methods answering a promise when given no callback. */
const PROMISE_METHODS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // cassandra-driver: every asynchronous Client method answers a promise when its callback is left out
  // (`eachRow` and `stream` are callback and stream APIs).
  'cassandra-driver': {
    Client: ['connect', 'execute', 'batch', 'shutdown'],
  },
  // kafkajs: producer, consumer and admin are promise APIs; `pause`, `resume` and `seek` are synchronous.
  kafkajs: {
    Producer: ['connect', 'disconnect', 'send', 'sendBatch'],
    Consumer: ['connect', 'disconnect', 'subscribe', 'run', 'stop', 'commitOffsets'],
    Admin: ['connect', 'disconnect', 'createTopics', 'deleteTopics', 'fetchTopicMetadata'],
  },
  // @elastic/elasticsearch 7 and 8: `close()` answers a promise (7 takes an optional callback instead).
  '@elastic/elasticsearch': {
    Client: ['close', 'search', 'index', 'bulk', 'get', 'update', 'delete'],
  },
  // amqplib's promise API (not `amqplib/callback_api`): `publish`, `sendToQueue`, `ack` answer booleans or nothing.
  amqplib: {
    Connection: ['close', 'createChannel', 'createConfirmChannel'],
    ChannelModel: ['close', 'createChannel', 'createConfirmChannel'],
    Channel: ['close', 'assertQueue', 'assertExchange', 'bindQueue', 'consume', 'prefetch'],
    ConfirmChannel: ['close', 'assertQueue', 'assertExchange', 'bindQueue', 'consume', 'waitForConfirms'],
  },
};

/**
 * Is `method` of the class or interface `name` exported by `source` one that answers a promise?
 *
 * @example
 * libraryMethodAsync('cassandra-driver', 'Client', 'shutdown') // -> true
 * libraryMethodAsync('kafkajs', 'Consumer', 'pause') // -> false
 */
export function libraryMethodAsync(source: string, name: string, method: string): boolean {
  const classes = Object.hasOwn(PROMISE_METHODS, source) ? PROMISE_METHODS[source] : undefined;
  // Own keys only: a type named `constructor` or `toString` is no entry.
  return classes !== undefined && Object.hasOwn(classes, name) && (classes[name]?.includes(method) ?? false);
}

/**
 * A package the table knows: a `new` of its class, or a type it exports, says the value's methods.
 *
 * @example
 * knownLibrary('kafkajs') // -> true
 */
export function knownLibrary(source: string): boolean {
  return Object.hasOwn(PROMISE_METHODS, source);
}
