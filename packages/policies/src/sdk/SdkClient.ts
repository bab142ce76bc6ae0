// The part of an AWS SDK v3 client that `protect` touches, typed structurally so that any SDK v3 client
// (and any copy of @smithy/types) fits without this package depending on one.

/** The arguments a finalize-step middleware receives: the serialized request. */
export interface SdkHandlerArguments {
  readonly input: unknown;
  readonly request: unknown;
}

/** What the rest of the stack returns: the raw response and the deserialized output. */
export interface SdkHandlerOutput {
  readonly response: unknown;
  readonly output: { $metadata?: { attempts?: number } } & object;
}

/** The per-send context the SDK passes to every middleware. */
export interface SdkHandlerContext {
  readonly commandName?: string;
  readonly clientName?: string;
  readonly [key: string]: unknown;
}

/** The next handler in the stack. */
export type SdkHandler = (args: SdkHandlerArguments) => Promise<SdkHandlerOutput>;

/** A middleware in the shape of @smithy/types' `FinalizeRequestMiddleware`. */
export type SdkMiddleware = (next: SdkHandler, context: SdkHandlerContext) => SdkHandler;

/** The options `middlewareStack.add` takes for a finalize-step middleware. */
export interface SdkMiddlewareOptions {
  readonly step: 'finalizeRequest';
  readonly name: string;
  readonly priority: 'high';
  readonly tags?: string[];
  readonly override?: boolean;
}

/** The relative placement `middlewareStack.addRelativeTo` takes. */
export interface SdkRelativeOptions {
  readonly relation: 'before';
  readonly toMiddleware: string;
  readonly name: string;
  readonly tags?: string[];
  readonly override?: boolean;
}

/** The client's middleware stack, as `protect` calls it (cast from the loose public shape below). */
export interface SdkMiddlewareStack {
  add(middleware: SdkMiddleware, options: SdkMiddlewareOptions): void;
  addRelativeTo(middleware: SdkMiddleware, options: SdkRelativeOptions): void;
  identify(): string[];
}

/**
 * Any AWS SDK v3 client: `DynamoDBClient`, `SSMClient`, `S3Client`, a `DynamoDBDocumentClient` (which
 * shares its base client's stack), ...
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import type { ProtectableClient } from '@bulwark/policies';
 * const client: ProtectableClient = new DynamoDBClient({});
 * ```
 */
export interface ProtectableClient {
  // Loose on purpose: @smithy's overloaded, generic `add` fits no precise structural signature.
  readonly middlewareStack: {
    add(...args: never[]): unknown;
    addRelativeTo(...args: never[]): unknown;
    identify(): string[];
  };
  readonly config: object;
  send(...args: never[]): unknown;
}
