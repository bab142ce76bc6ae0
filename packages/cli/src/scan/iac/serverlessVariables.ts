// The Serverless Framework's `${source:address, fallback}` variables, resolved where the repository alone
// gives the answer: `self:` paths into the configuration, `sls:stage` and `opt:stage`/`opt:region` (no
// command line here: the fallback, else the Framework's defaults `dev` and `us-east-1`), `file(path)` with
// a `:selector` (variables inside the path resolved first), and a fallback for any other source (`env:`,
// `ssm:`, `cf:`...). What stays unknown keeps its text, as the checks read it before. A CloudFormation
// `${AWS::Region}` or `${Queue}` inside `Fn::Sub` names no source the Framework reads and is left alone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { insideRoot } from '../insideRoot.js';
import { type Json, obj } from './IacResult.js';
import { loadYaml } from './yamlDocument.js';

/** The Framework's stage and region when neither the configuration nor a command line names one. */
export const DEFAULT_STAGE = 'dev';
const DEFAULT_REGION = 'us-east-1';
const SOURCES = /^(?:self|sls|opt|env|file|ssm|cf|s3|aws|param|strToBool)\b/;
const MAX_DEPTH = 12;

/** A value a variable resolved to, with the file and path it was read from when a `file(...)` gave it. */
export interface Resolution {
  readonly value: Json;
  readonly from?: { readonly file: string; readonly at: readonly string[] };
}

/** A file the resolver read: its parsed value, or undefined when it is absent or not YAML/JSON. */
export type FileReader = (path: string) => Json;

export function readConfigFile(path: string): Json {
  if (!/\.(ya?ml|json)$/i.test(path) || !existsSync(path)) return undefined;
  const loaded = loadYaml(readFileSync(path, 'utf8'));
  return 'error' in loaded ? undefined : loaded.value;
}

/** Resolves the variables of one configuration (`self` the raw configuration of the serverless.yml at `file`). */
export class ServerlessVariables {
  private readonly dir: string;
  private readonly self: Record<string, Json>;
  private readonly read: FileReader;
  private readonly cache = new Map<string, Json>();
  /** The stage a command line would give (`--stage prod`); the Framework's default when undefined. */
  private readonly cliStage: string | undefined;
  /** The scan root: a `file(...)` whose real path is outside it reads as absent (insideRoot.ts). */
  private readonly root: string | undefined;
  /** Whether the stage came from the command line or its default: the configuration does not fix it. */
  stageOpen = false;

  constructor(
    file: string,
    self: Record<string, Json>,
    read: FileReader = readConfigFile,
    cliStage?: string,
    root?: string,
  ) {
    this.dir = dirname(file);
    this.self = self;
    this.read = read;
    this.cliStage = cliStage;
    this.root = root;
  }

  /**
   * A string with variables: a string made only of one variable answers its value (an object, a number);
   * otherwise each resolved scalar is written into the text and an unknown variable keeps its `${...}`.
   */
  resolveString(text: string, depth = 0): Resolution {
    const whole = outerVariable(text);
    if (whole !== undefined && whole.start === 0 && whole.end === text.length) {
      const r = this.evaluate(whole.body, depth);
      return r ?? { value: text };
    }
    let out = '';
    let at = 0;
    for (let v = outerVariable(text, at); v !== undefined; v = outerVariable(text, at)) {
      const r = this.evaluate(v.body, depth);
      const scalar = r !== undefined && ['string', 'number', 'boolean'].includes(typeof r.value);
      out += text.slice(at, v.start) + (scalar ? String(r?.value) : text.slice(v.start, v.end));
      at = v.end;
    }
    return { value: out + text.slice(at) };
  }

  /** One variable's body (`self:custom.x, 'y'`), its nested variables first; undefined when unknown. */
  private evaluate(body: string, depth: number): Resolution | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const [first, ...rest] = splitTopLevel(body);
    const source = (first ?? '').trim();
    if (!SOURCES.test(source)) return undefined;
    if (source === 'opt:stage') {
      this.stageOpen = true;
      if (this.cliStage !== undefined) return { value: this.cliStage };
    }
    const inner = this.resolveString(source, depth + 1).value;
    // A file path still holding an unknown variable is read as the first file it matches (pick).
    const readable = typeof inner === 'string' && (!inner.includes('${') || inner.startsWith('file('));
    const found = readable ? this.lookup(inner as string, depth) : undefined;
    if (found !== undefined && found.value !== undefined && found.value !== null) return found;
    const fallback = rest.join(',').trim();
    if (fallback !== '') return this.fallback(fallback, depth);
    // The Framework's defaults when no command line names them.
    if (source === 'opt:stage') return { value: DEFAULT_STAGE };
    if (source === 'opt:region') return { value: DEFAULT_REGION };
    return undefined;
  }

  private fallback(text: string, depth: number): Resolution | undefined {
    const quoted = /^(['"])(.*)\1$/.exec(text);
    if (quoted) return this.resolveString(quoted[2] as string, depth + 1);
    if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text) };
    if (text === 'true' || text === 'false') return { value: text === 'true' };
    if (text === 'null') return undefined;
    return this.evaluate(text, depth + 1);
  }

  private lookup(address: string, depth: number): Resolution | undefined {
    if (address === 'sls:stage' || address === 'self:provider.stage') return this.stage(depth);
    if (address.startsWith('self:')) {
      const path = address
        .slice('self:'.length)
        .split('.')
        .filter((p) => p !== '');
      return this.selfPath(path, depth);
    }
    const file = /^file\((.+)\)(?::(.+))?$/.exec(address);
    if (file) return this.fromFile((file[1] as string).trim(), file[2]?.trim());
    return undefined;
  }

  /** provider.stage as resolved, else the Framework's default stage. */
  private stage(depth: number): Resolution {
    const stage = this.selfPath(['provider', 'stage'], depth);
    if (typeof stage?.value === 'string' && !stage.value.includes('${')) return stage;
    this.stageOpen = true;
    return { value: this.cliStage ?? DEFAULT_STAGE };
  }

  private selfPath(path: readonly string[], depth: number): Resolution | undefined {
    let value: Json = this.self;
    for (const p of path) {
      value = this.deep(value, depth).value;
      value = obj(value)?.[p] ?? (Array.isArray(value) ? value[Number(p)] : undefined);
      if (value === undefined) return undefined;
    }
    return this.deep(value, depth);
  }

  /** A value read from the configuration, its own variables resolved. */
  private deep(value: Json, depth: number): Resolution {
    return typeof value === 'string' && value.includes('${')
      ? this.resolveString(value, depth + 1)
      : { value };
  }

  private fromFile(path: string, selector: string | undefined): Resolution | undefined {
    const file = this.pick(join(this.dir, path.replace(/^['"]|['"]$/g, '')));
    if (file === undefined) return undefined;
    if (!this.cache.has(file)) this.cache.set(file, this.read(file));
    let value = this.cache.get(file);
    const at = selector === undefined ? [] : selector.split('.').filter((p) => p !== '');
    for (const p of at) value = obj(value)?.[p];
    return value === undefined ? undefined : { value, from: { file, at } };
  }

  /**
   * The one file a path names. A path still holding an unknown variable (`config/${env:TARGET}.yml`) is
   * read as the first existing file its pattern matches, by name order, so the scan stays deterministic.
   * A file or folder outside the scan root is neither read nor listed: it answers as a missing one does.
   */
  private pick(path: string): string | undefined {
    if (!path.includes('${')) return existsSync(path) && insideRoot(this.root, path) ? path : undefined;
    const dir = dirname(path);
    if (dir.includes('${') || !existsSync(dir) || !insideRoot(this.root, dir)) return undefined;
    const base = path.slice(dir.length + 1);
    const pattern = new RegExp(
      `^${base
        .split(/\$\{[^}]*\}/)
        .map((s) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
        .join('.+')}$`,
    );
    const match = readdirSync(dir)
      .filter((n) => pattern.test(n))
      .sort()[0];
    // A listed name may itself be a symlink pointing out of the tree.
    return match === undefined || !insideRoot(this.root, join(dir, match)) ? undefined : join(dir, match);
  }
}

/** The first outermost `${...}` at or after `from`: its span and body. */
function outerVariable(text: string, from = 0): { start: number; end: number; body: string } | undefined {
  const start = text.indexOf('${', from);
  if (start === -1) return undefined;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text.startsWith('${', i)) {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return { start, end: i + 1, body: text.slice(start + 2, i) };
  }
  return undefined;
}

/** Splits a variable's body at its top-level commas (a fallback), not those inside a nested `${...}` or quotes. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let last = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (body.startsWith('${', i)) depth++;
    else if (c === '}') depth--;
    else if (c === '(' && depth === 0) depth += 100;
    else if (c === ')' && depth >= 100) depth -= 100;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(body.slice(last));
  return parts;
}
