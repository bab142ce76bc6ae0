import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import type { Report } from './Report.js';
import { runTaskResultRule } from './runTaskResult.js';

/** The messages the RunTask rule reports for a function body sending RunTask. */
const reported = (body: string, extras: unknown[] = []): string[] => {
  const source = `import { ECS, ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';\nconst AWS = require('aws-sdk');\nconst ecs = new ECSClient({});\nconst v2 = new AWS.ECS();\nconst v3 = new ECS({});\nconst job = { tasks: [] };\nexport async function start(cluster, taskDefinition) {\n${body}\n}`;
  const messages: string[] = [];
  const report: Report = (_rule, _node, message, extra) => {
    messages.push(message);
    extras.push(extra);
  };
  runTaskResultRule(contextOf(source), report);
  return messages;
};

describe('runTaskResultRule', () => {
  it.each([
    ['await ecs.send(new RunTaskCommand({ cluster, taskDefinition }));', 'discarded'],
    [
      'const out = await ecs.send(new RunTaskCommand({ cluster, taskDefinition }));\nconsole.log(JSON.stringify(out));',
      'only logged',
    ],
    [
      "const out = await v3.runTask({ cluster, taskDefinition });\nconsole.log('started', out);",
      'only logged',
    ],
    // Another object's `tasks` is no read of the answer's.
    ["await ecs.send(new RunTaskCommand({ cluster, taskDefinition }));\njob.tasks.push('x');", 'discarded'],
    [
      "const out = await ecs.send(new RunTaskCommand({ cluster, taskDefinition }));\nconsole.log('started', out.tasks);",
      'only logged',
    ],
    // More than one task asked for: `tasks` may be non-empty while some sit in `failures`.
    [
      'const out = await ecs.send(new RunTaskCommand({ cluster, taskDefinition, count: 5 }));\nreturn out.tasks.map((t) => t.taskArn);',
      'failures is never looked at',
    ],
    [
      'const out = await ecs.send(new RunTaskCommand({ cluster, taskDefinition, count: n }));\nreturn out.tasks[0].taskArn;',
      'failures is never looked at',
    ],
    // The aggregated client's `.then`.
    ["await v3.runTask({ cluster, taskDefinition }).then(() => console.log('started'));", '.then()'],
    ['await v3.runTask({ cluster, taskDefinition }).then((o) => o.$metadata.requestId);', '.then()'],
  ])('reports %s', (body, said) => {
    // Act
    const messages = reported(body);

    // Assess
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('RunTask answers 200 even when ECS could not start the task');
    expect(messages[0]).toContain(said);
  });

  it.each([
    [
      "const out = await ecs.send(new RunTaskCommand({ cluster, taskDefinition }));\nif (out.failures?.length) throw new Error('not started');",
    ],
    [
      'const { tasks } = await ecs.send(new RunTaskCommand({ cluster, taskDefinition }));\nreturn tasks[0].taskArn;',
    ],
    [
      "const out = await ecs.send(new RunTaskCommand({ cluster, taskDefinition }));\nif (!out.tasks || out.tasks.length === 0) throw new Error('not started');",
    ],
    // Another library's runTask: no taskDefinition in its parameters.
    ["await scheduler.runTask({ name: 'nightly' });"],
    // A project's own runTask (it throws on failures): not an SDK client's.
    ['await runner.runTask({ taskDefinition });'],
    ['return v2.runTask({ cluster, taskDefinition }).promise().then(({ tasks }) => tasks[0].taskArn);'],
    ['return v3.runTask({ cluster, taskDefinition }).then((o) => o.tasks[0].taskArn);'],
  ])('leaves alone %s', (body) => {
    // Act
    const messages = reported(body);

    // Assess
    expect(messages).toEqual([]);
  });

  it('holds an answer handed back by an exported function for its callers (the project pass)', () => {
    // Arrange
    const extras: unknown[] = [];

    // Act
    const messages = reported('return ecs.send(new RunTaskCommand({ cluster, taskDefinition }));', extras);

    // Assess
    expect(messages).toHaveLength(1);
    expect(extras).toEqual([{ onlyIfResultDropped: ['start'] }]);
  });
});
