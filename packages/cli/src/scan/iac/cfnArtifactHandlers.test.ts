import { describe, expect, it } from 'vitest';
import { cfnArtifactHandlers } from './cfnArtifactHandlers.js';

describe('cfnArtifactHandlers', () => {
  it('names the folder an Fn::Sub key zip is called for', () => {
    expect(
      cfnArtifactHandlers({
        Handler: 'index.handler',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable, as written
        Code: { S3Bucket: 'b', S3Key: { 'Fn::Sub': '${CodePrefix}/customer-update.zip' } },
      }),
    ).toEqual(['customer-update/index.handler']);
  });

  it('reads a plain key and the list form of Fn::Sub, and a handler in a build folder', () => {
    expect(cfnArtifactHandlers({ Handler: 'index.handler', Code: { S3Key: 'lambdas/orders.zip' } })).toEqual([
      'orders/index.handler',
    ]);
    expect(
      cfnArtifactHandlers({
        Handler: 'dist/index.handler',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable, as written
        Code: { S3Key: { 'Fn::Sub': ['${Stage}/orders.zip', { Stage: 'dev' }] } },
      }),
    ).toEqual(['orders/dist/index.handler', 'orders/src/index.handler', 'orders/index.handler']);
  });

  it('names nothing for a variable zip name, a non-zip key, a CodeUri or inline code', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable, as written
    const variable = { 'Fn::Sub': '${CodePrefix}/${FunctionZip}.zip' };
    expect(cfnArtifactHandlers({ Handler: 'index.handler', Code: { S3Key: variable } })).toEqual([]);
    expect(cfnArtifactHandlers({ Handler: 'index.handler', Code: { S3Key: 'lambdas/orders.jar' } })).toEqual(
      [],
    );
    expect(
      cfnArtifactHandlers({ Handler: 'index.handler', CodeUri: 'src/', Code: { S3Key: 'o.zip' } }),
    ).toEqual([]);
    expect(
      cfnArtifactHandlers({ Handler: 'index.handler', Code: { ZipFile: 'exports.handler = 1' } }),
    ).toEqual([]);
    expect(cfnArtifactHandlers({ Code: { S3Key: 'orders.zip' } })).toEqual([]);
  });
});
