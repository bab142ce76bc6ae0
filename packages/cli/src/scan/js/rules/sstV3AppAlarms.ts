// The alarms of an SST v3 app, read once per app: the folder of its `sst.config.ts` (up to three folders
// above the module; with none, the module's own folder) and the TypeScript modules under it, outside node_modules and
// dot folders (`.sst`). For each module: its text, and the arguments of each alarm it builds that tells
// someone (iac/terraformAlarmSignal.ts decides, as for Terraform).
import { callArguments } from '../../callerTimeoutArgs.js';
import { type FileWalk, filesUnder } from '../../filesUnder.js';
import { type AlarmFields, signals } from '../../iac/terraformAlarmSignal.js';
import { readSource } from '../../readSource.js';
import { sstAppRoot } from './sstAppRoot.js';

const ALARM = /\bnew\s+[\w.]*(?:MetricAlarm|cloudwatch\.Alarm)\s*\(/g;
const MAX_FILES = 2000;

/** One module of the app: its text and the arguments' text of each alarm it builds that tells someone. */
export type AppModule = { readonly file: string; readonly text: string; readonly alarms: readonly string[] };

const apps = new Map<string, AppModule[]>();

/** An SST (Pulumi) alarm's fields, read from its arguments' text. */
export function sstAlarmFields(args: string): AlarmFields {
  const actions = /\balarmActions\s*:\s*(\[[^\]]*\]|[^,}\s]+)/.exec(args)?.[1];
  return {
    actions: actions?.replace(/\s+/g, ''),
    enabled: !/\bactionsEnabled\s*:\s*false\b/.test(args),
    threshold: /\bthreshold\s*:\s*(\d+(?:\.\d+)?)\b/.exec(args)?.[1],
    operator: /\bcomparisonOperator\s*:\s*['"`](\w+)['"`]/.exec(args)?.[1],
  };
}

/** The arguments' text of each alarm the source builds that tells someone. */
export function signallingAlarms(text: string): string[] {
  if (!/Alarm/.test(text)) return [];
  const found: string[] = [];
  for (const m of text.matchAll(ALARM)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const args = callArguments(text, open)?.join(',');
    if (args !== undefined && signals(sstAlarmFields(args))) found.push(args);
  }
  return found;
}

/** TypeScript and JavaScript modules, tests and declarations aside, outside node_modules and dot folders. */
const APP_MODULES: FileWalk = {
  enter: (name) => name !== 'node_modules' && !name.startsWith('.'),
  take: (e) => /\.[cm]?[jt]s$/.test(e.name) && !/\.(?:test|spec|d)\.[cm]?[jt]s$/.test(e.name),
};

/**
 * The modules of `file`'s SST app that build an alarm telling someone, read once per app.
 * @example
 * appAlarmModules('/app/infra/queues.ts') // [{ file: '/app/infra/alarms.ts', text, alarms: ['...'] }]
 */
export function appAlarmModules(file: string, scanRoot?: string): AppModule[] {
  const root = sstAppRoot(file, scanRoot);
  let found = apps.get(root);
  if (found === undefined) {
    const files: string[] = [];
    for (const f of filesUnder(root, APP_MODULES)) if (files.push(f) >= MAX_FILES) break;
    found = [];
    for (const f of files) {
      const text = readSource(f);
      const alarms = text === undefined ? [] : signallingAlarms(text);
      if (text !== undefined && alarms.length > 0) found.push({ file: f, text, alarms });
    }
    apps.set(root, found);
  }
  return found;
}
