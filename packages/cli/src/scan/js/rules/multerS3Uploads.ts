// A multer middleware whose storage engine is multer-s3 (`multer({ storage: multerS3({ s3, bucket }) })
// .single('file')`) streams each file to S3 while it parses the form: called with a callback
// (`upload(req, res, (err) => ...)`), that callback's error is an S3 failure (throttling, an outage, a
// credentials error) as well as a rejected file. A remote call for infra-error-as-auth's `if (err)` reading.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** multer's ways of picking the fields a middleware reads. */
const PICKERS = new Set(['single', 'array', 'fields', 'any', 'none']);

/**
 * Is `call` a call of a multer middleware of the module whose storage is multer-s3?
 * @example
 * multerS3Upload(ctx, call) // true for `upload(req, res, cb)` after `const upload = multer({ storage }).single('f')`,
 * // and for `uploader.single('f')(req, res, cb)` after `const uploader = multer({ storage })`
 */
export function multerS3Upload(ctx: ModuleContext, call: Node): boolean {
  // `upload(req, res, cb)` after `const upload = ....single('f')`, or `upload.single('f')(req, res, cb)`.
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier' && callee?.type !== 'CallExpression') return false;
  const made = callee.type === 'Identifier' ? unwrap(ctx.valueOf(callee)) : callee;
  if (made?.type !== 'CallExpression' || !PICKERS.has(calleeName(made) ?? '')) return false;
  const picker = unwrap(made.callee as Node);
  // `multer({ storage }).single('f')`, or `upload.single('f')` after `const upload = multer({ storage })`.
  const built = picker?.type === 'MemberExpression' ? unwrap(ctx.valueOf(picker.object as Node)) : undefined;
  if (built?.type !== 'CallExpression' || ctx.importRoot(built.callee as Node)?.source !== 'multer')
    return false;
  const storage = objectProps(ctx.valueOf((built.arguments as Node[])[0]))?.props.get('storage');
  const engine = unwrap(ctx.valueOf(storage));
  return engine?.type === 'CallExpression' && ctx.importRoot(engine.callee as Node)?.source === 'multer-s3';
}
