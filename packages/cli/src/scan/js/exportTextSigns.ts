// The words exportFacts asks of a module's whole text before it looks at an export. They were asked once
// per export, and a configuration model with a hundred exports and 300 kB of text searched it a hundred
// times for a word it does not hold; the answers depend only on the text, so they are read once per module.

/** A module with a catch that throws: only there can a function log its failures and rethrow them. */
const LOGS_TEXT = /catch[\s\S]*throw/;

/** What the module's text spells, each a precondition of one export fact (see exportFacts.ts). */
export interface ExportTextSigns {
  /** `.Records`: a batch event read (batchEvent). */
  readonly records: boolean;
  /** `.length`: a batch argument refused by size (refusesBatch). */
  readonly length: boolean;
  /** `events`: a Serverless function definition (serverlessApi). */
  readonly events: boolean;
  /** `sst/constructs`: an SST v2 stack (sstApi). */
  readonly sstConstructs: boolean;
  /** `sst.aws.Queue`: an SST v3 queue (sstQueue). */
  readonly sstQueue: boolean;
  /** `aws-cdk`: a CDK function builder (functionBuilder). */
  readonly awsCdk: boolean;
  /** A catch before a throw (logsFailures). */
  readonly logs: boolean;
}

/**
 * The signs of `source`, read once (see above).
 *
 * @example
 * exportTextSigns('for (const r of event.Records) {}').records // true
 */
export function exportTextSigns(source: string): ExportTextSigns {
  return {
    records: source.includes('.Records'),
    length: source.includes('.length'),
    events: source.includes('events'),
    sstConstructs: source.includes('sst/constructs'),
    sstQueue: source.includes('sst.aws.Queue'),
    awsCdk: source.includes('aws-cdk'),
    logs: LOGS_TEXT.test(source),
  };
}

/** The signs of a module with no exports, where nothing asks: its text is not searched. */
export const NO_SIGNS: ExportTextSigns = exportTextSigns('');
