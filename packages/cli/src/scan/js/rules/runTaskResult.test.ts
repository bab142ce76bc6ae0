import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import type { Report } from './Report.js';
import { runTaskResultRule } from './runTaskResult.js';

/** The messages the RunTask rule reports for a function body sending RunTask. */
const reported = (body: string, extras: unknown[] = []): string[] => {
  const source = `import { ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';\nconst ecs = new ECSClient({});\nexport async function start(cluster, taskDefinition) {\n${body}\n}`;
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
      "const out = await ecs.runTask({ cluster, taskDefinition });\nconsole.log('started', out);",
      'only logged',
    ],
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
