// Which exports sdkNamespaceExports reads as the aws-sdk v2 namespace passed on.
import { describe, expect, it } from 'vitest';
import { sdkNamespaceExports } from './sdkNamespaceExports.js';
import { contextOf } from './testing/parsed.js';

describe('sdkNamespaceExports', () => {
  it.each([
    ['the required SDK', "module.exports = require('aws-sdk');", ['default']],
    [
      'a configured SDK',
      "const AWS = require('aws-sdk');\nAWS.config.update({ region: 'x' });\nmodule.exports = AWS;",
      ['default'],
    ],
    ['an ESM default', "import AWS from 'aws-sdk';\nexport default AWS;", ['default']],
    ['everything re-exported', "export * from 'aws-sdk';", ['*']],
    ['a member', "const AWS = require('aws-sdk');\nmodule.exports = AWS.DynamoDB;", ['default']],
    [
      'the SDK captured by X-Ray',
      "const XRay = require('aws-xray-sdk-core');\nconst AWS = XRay.captureAWS(require('aws-sdk'));\nmodule.exports = AWS;",
      ['default'],
    ],
  ])('passes the SDK on: %s', (_, source, names) => {
    expect(sdkNamespaceExports(contextOf(source, 'aws.js'))).toEqual(names);
  });

  it.each([
    [
      'every client bounded by the global config',
      "const AWS = require('aws-sdk');\nAWS.config.update({ httpOptions: { timeout: 5000 } });\nmodule.exports = AWS;",
    ],
    [
      'the global httpOptions assigned',
      "const AWS = require('aws-sdk');\nAWS.config.httpOptions = { timeout: 5000 };\nmodule.exports = AWS;",
    ],
    ['a client, not the SDK', "const AWS = require('aws-sdk');\nmodule.exports = new AWS.S3();"],
    ['another package', "module.exports = require('axios');"],
  ])('passes nothing on: %s', (_, source) => {
    expect(sdkNamespaceExports(contextOf(source, 'aws.js'))).toEqual([]);
  });
});
