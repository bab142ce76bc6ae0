// aws-sdk v2 clients built from the SDK held on an instance member: `this.AWS = require('aws-sdk')` set once
// (often by a base provider class's `instantiateAWS()`), then `new this.AWS.SQS(parameters)` in each
// subclass. The import is out of sight of the subclass's module (the base class may even be loaded through
// a project-specific include helper), so the member's name is the evidence: `AWS` is the v2 SDK's own
// namespace name, and a capitalised class under it is one of its service clients.
import { memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { enclosingClass } from '../httpInstances.js';
import type { ModuleContext } from '../ModuleContext.js';
import { requiredSpecifier } from '../moduleSpecifier.js';
import { capturesSdk, notAClient } from './sdkV2Clients.js';

/** The member the SDK namespace is held on; any other name (`this.aws`, `this.sdk`) is not read as the SDK. */
const SDK_MEMBER = 'AWS';

/** `require('aws-sdk')`, `captureAWS(<the SDK>)`, or an identifier imported from aws-sdk: the v2 SDK itself. */
function isSdkValue(ctx: ModuleContext, value: Node | undefined): boolean {
  const v = unwrap(value);
  if (v?.type === 'CallExpression') return capturesSdk(ctx, v) || requiredSpecifier(v) === 'aws-sdk';
  if (v?.type === 'Identifier') return ctx.importOf(v.name as string, v)?.source === 'aws-sdk';
  return false;
}

/** Every `this.AWS = value` of the module, as its assigned values. */
function memberAssignments(ctx: ModuleContext): Node[] {
  const values: Node[] = [];
  someDescendant(
    ctx.program,
    (n) => {
      if (n.type !== 'AssignmentExpression') return false;
      const path = memberPath(n.left as Node);
      if (path?.length === 2 && path[0] === 'this' && path[1] === SDK_MEMBER) values.push(n.right as Node);
      return false;
    },
    false,
  );
  return values;
}

/**
 * The dotted name of the v2 client `new this.AWS.SQS(...)` builds (`this.AWS.SQS`,
 * `this.AWS.DynamoDB.DocumentClient`), when the member holds the v2 SDK: assigned here only from the SDK,
 * or, with no assignment in this module, inherited (the class extends another, which sets it).
 *
 * @example
 * memberSdkClientName(ctx, callee) // class P extends Base { f() { new this.AWS.SNS({}) } } -> 'this.AWS.SNS'
 */
export function memberSdkClientName(ctx: ModuleContext, callee: Node): string | undefined {
  const path = memberPath(callee);
  if (path === undefined || path[0] !== 'this' || path[1] !== SDK_MEMBER) return undefined;
  const service = path[2];
  if (service === undefined || !/^[A-Z]/.test(service) || notAClient(path)) return undefined;
  if (path.length === 4 && path[3] !== 'DocumentClient') return undefined;
  if (path.length > 4) return undefined;
  const assigned = memberAssignments(ctx);
  if (assigned.length > 0) return assigned.every((v) => isSdkValue(ctx, v)) ? path.join('.') : undefined;
  return enclosingClass(ctx, callee)?.superClass ? path.join('.') : undefined;
}
