// Handlers a template wires to a schedule: EventBridge (or the Scheduler) invokes them asynchronously and
// discards what they return, so a run that answers failure as a value (`return { statusCode: 500 }`) counts
// as a success: no Errors metric, no async retry, no on-failure destination. iac/eventWiredHandlers.ts leaves
// schedules out on purpose (a scheduled job selects its own work again, so redelivery does not apply); this
// set answers the other question, whether anyone reads the handler's answer.
import { type Json, joinHandler, obj } from './IacResult.js';

/** SAM event types that invoke on a schedule: `Schedule` (EventBridge rule) and `ScheduleV2` (Scheduler). */
const SAM_SCHEDULES = new Set(['Schedule', 'ScheduleV2']);

/**
 * Handler strings of a serverless.yml's functions with a `schedule` event (a rate or cron expression, or
 * an object with one), or an `eventBridge` event with a `schedule`.
 * @example
 * serverlessScheduledHandlers({ functions: { f: { handler: 'src/f.main', events: [{ schedule: 'rate(1 hour)' }] } } }) // ['src/f.main']
 */
export function serverlessScheduledHandlers(config: Record<string, Json>): string[] {
  const out: string[] = [];
  for (const f of Object.values(obj(config.functions) ?? {})) {
    const fn = obj(f);
    if (typeof fn?.handler !== 'string' || !Array.isArray(fn.events)) continue;
    const scheduled = (fn.events as Json[]).some((ev) => {
      const e = obj(ev) ?? {};
      return e.schedule !== undefined || obj(e.eventBridge)?.schedule !== undefined;
    });
    if (scheduled) out.push(fn.handler);
  }
  return out;
}

/** The logical id a target's `Arn` names (`!GetAtt JobFunction.Arn`, either spelling), if any. */
function targetId(arn: Json | undefined): string | undefined {
  const ref = obj(arn)?.['Fn::GetAtt'];
  const id = Array.isArray(ref) ? ref[0] : typeof ref === 'string' ? ref.split('.')[0] : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Logical ids of the functions a CloudFormation schedule targets: an `AWS::Events::Rule` with a
 * `ScheduleExpression` (its `Targets`), an `AWS::Scheduler::Schedule` (its `Target`).
 */
function scheduleTargets(resources: Record<string, Json>): Set<string> {
  const ids = new Set<string>();
  for (const r of Object.values(resources)) {
    const res = obj(r);
    const props = obj(res?.Properties) ?? {};
    const targets =
      res?.Type === 'AWS::Events::Rule' && props.ScheduleExpression !== undefined
        ? Array.isArray(props.Targets)
          ? (props.Targets as Json[])
          : []
        : res?.Type === 'AWS::Scheduler::Schedule'
          ? [props.Target]
          : [];
    for (const t of targets) {
      const id = targetId(obj(t)?.Arn);
      if (id !== undefined) ids.add(id);
    }
  }
  return ids;
}

/**
 * Handler strings of a SAM template's functions with a `Schedule` or `ScheduleV2` event, or that a
 * schedule resource of the template targets.
 * @example
 * samScheduledHandlers({ Resources: { F: { Type: 'AWS::Serverless::Function', Properties:
 *   { CodeUri: 'src/', Handler: 'job.handler', Events: { E: { Type: 'Schedule' } } } } } }) // ['src/job.handler']
 */
export function samScheduledHandlers(template: Record<string, Json>): string[] {
  const globals = obj(obj(template.Globals)?.Function) ?? {};
  const resources = obj(template.Resources) ?? {};
  const targeted = scheduleTargets(resources);
  const out: string[] = [];
  for (const [id, r] of Object.entries(resources)) {
    const res = obj(r);
    if (res?.Type !== 'AWS::Serverless::Function' && res?.Type !== 'AWS::Lambda::Function') continue;
    const props = obj(res.Properties) ?? {};
    const scheduled =
      targeted.has(id) ||
      Object.values(obj(props.Events) ?? {}).some((ev) => {
        const type = obj(ev)?.Type;
        return typeof type === 'string' && SAM_SCHEDULES.has(type);
      });
    if (!scheduled) continue;
    const h = joinHandler(props.CodeUri ?? globals.CodeUri, props.Handler ?? globals.Handler);
    if (h !== undefined) out.push(h);
  }
  return out;
}
