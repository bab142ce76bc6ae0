// A CloudFormation `AWS::Lambda::Function` whose code is a zip CI uploads (`Code: { S3Bucket, S3Key:
// !Sub "${Prefix}/customer-update.zip" }`) names no code folder: its handler (`index.handler`) is relative
// to the zip's root, and a generic `index.handler` names every index module of the repository, so its
// batch source never joins its code and both report one consumer. The zip is named for the function's
// source folder (`lambda/customer-update/index.js`), as a serverless.yml artifact is (artifactHandlers.ts):
// `customer-update/index.handler` names the one module under a folder called like the zip, joined only when
// one module answers to it (handlerJoin.ts). A key whose file name is itself a variable names nothing.
import { type Json, obj } from './IacResult.js';
import { packageFolderHandlers } from './packageFolderHandlers.js';

/**
 * The handler strings a CloudFormation function's uploaded zip names, for its code under a folder named
 * like the zip; empty when the function has a CodeUri (joined as written) or its key names no zip.
 * @example
 * cfnArtifactHandlers({ Handler: 'index.handler', Code: { S3Key: { 'Fn::Sub': '${P}/orders.zip' } } });
 * // ['orders/index.handler']
 */
export function cfnArtifactHandlers(props: Record<string, Json>): string[] {
  const handler = props.Handler;
  if (props.CodeUri !== undefined || typeof handler !== 'string' || handler.lastIndexOf('.') <= 0) return [];
  const entry = zipEntry(obj(props.Code)?.S3Key);
  if (entry === undefined) return [];
  return [...new Set([`${entry}/${handler}`, ...packageFolderHandlers(entry, handler)])];
}

/** The zip's name without `.zip` (`${Prefix}/orders.zip` -> `orders`), from a string or an `Fn::Sub`. */
function zipEntry(key: Json | undefined): string | undefined {
  const sub = obj(key)?.['Fn::Sub'];
  const text = typeof key === 'string' ? key : Array.isArray(sub) ? sub[0] : sub;
  if (typeof text !== 'string') return undefined;
  // Only the file name: a variable in the folders before it (`${Stage}/`) leaves the zip named.
  return /(?:^|\/)([\w.-]+)\.zip$/i.exec(text)?.[1];
}
