// What a send that parks a failed record elsewhere looks like: SQS, SNS, Kinesis or EventBridge, or a
// helper named for a queue or a dead-letter queue. Shared by the two parking shapes a batch handler may
// settle its failures with: a try whose catch parks (batchOwnAnswers.ts) and a record's promise whose
// `.catch` parks (recordCatchParks.ts).

/** A send that parks a record elsewhere: SQS, SNS, Kinesis, EventBridge, or a helper named for a queue or DLQ. */
export const PARK_CALL =
  /\b(SendMessage(Batch)?Command|sendMessage(Batch)?|PublishCommand|PutRecords?Command|putRecords?|PutEventsCommand|putEvents)\b|\bsend\w*(Sqs|Queue|Dlq)|dlq|dead.?letter/i;
