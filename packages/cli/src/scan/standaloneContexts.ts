// A NestJS standalone application context (`NestFactory.createApplicationContext(AppModule)`) builds the
// app's modules and providers and serves no requests: a queue worker boots one only to take the provider it
// runs (`app.get(AttemptWorker)`). Code that only a controller's route, a GraphQL resolver or a WebSocket
// gateway calls is reached by an app that serves them (`NestFactory.create(AppModule)` behind a Lambda
// adapter), not by that worker, although both import the same root module.

/** A class Nest serves requests to: routes, resolvers, gateways (none of them runs in a standalone context). */
const SERVED_CLASS = /@(?:Controller|Resolver|WebSocketGateway)\s*\(/;

/** A standalone context built: Nest's `createApplicationContext`, whoever holds the factory. */
const STANDALONE = /\.createApplicationContext\s*(?:<[^>()]*>\s*)?\(/;

/** An app that serves requests: HTTP (`NestFactory.create`) or a microservice transport. */
const SERVING = /NestFactory\s*\.\s*create(?:Microservice)?\s*(?:<[^>()]*>\s*)?\(/;

/** Does the module declare a class Nest serves requests to (`@Controller('guides')`)? */
export function servesRequests(text: string | undefined): boolean {
  return text !== undefined && SERVED_CLASS.test(text);
}

/**
 * Does the handler module boot only standalone contexts: it builds one and no app that serves requests?
 * @example
 * standaloneOnly("const app = await NestFactory.createApplicationContext(AppModule); app.get(Worker)") // true
 */
export function standaloneOnly(text: string | undefined): boolean {
  return text !== undefined && STANDALONE.test(text) && !SERVING.test(text);
}
