// Templates that are only ever run locally. A SAM template used by `sam local start-api`, or a
// serverless.yml used by `serverless offline`, is a developer's harness when nothing in the repository
// deploys it (the deployed infrastructure lives in another repository); its findings describe no
// production system. Whether a template deploys is a fact about the repository, not the file, so this
// reads the repository's deploy paths once per scan: package.json scripts, Makefiles, READMEs, buildspecs,
// CI workflows, docs, and the scripts those name. A template is local-only when a local command runs it
// and no command of its tool deploys anything: one `sam deploy` anywhere keeps every SAM template.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { insideRoot } from '../insideRoot.js';
import type { CommandFile } from './cdkCommands.js';
import type { IacResult } from './IacResult.js';

/** The tool a template belongs to: `sam` for SAM/CloudFormation, `serverless` for serverless.yml. */
export type TemplateTool = 'sam' | 'serverless';

/** A template with findings: its path relative to the scan root, and its tool. */
export interface TemplateRef {
  readonly rel: string;
  readonly tool: TemplateTool;
}

/** Why a template counts as local-only: the local command that runs it, and the file that says so. */
export interface LocalUse {
  readonly command: string;
  readonly where: string;
}

const LOCAL: Record<TemplateTool, RegExp> = {
  sam: /\b(?:sam\s+local\s+(?:start-api|start-lambda|invoke)|samlocal\s+(?:deploy|sync)|awslocal\s+cloudformation\s+(?:deploy|create-stack))\b[^\n"'`]*/g,
  serverless:
    /\b(?:serverless|sls|osls)\s+(?:offline|invoke\s+local|deploy\b[^\n"'`]*--stage[=\s]+["']?local(?:stack)?\b)[^\n"'`]*/g,
};
/** A deploy into LocalStack (awslocal, samlocal, a `local` stage): a local run, not a deploy. */
const LOCALSTACK = /\b(?:awslocal|samlocal|tflocal|cdklocal)\b|--stage[=\s]+["']?local(?:stack)?\b/;
const DEPLOY: Record<TemplateTool, RegExp> = {
  sam: /\bsam\s+(?:deploy|sync|package|pipeline)\b|\bcloudformation\s+(?:deploy|create-stack|update-stack|package|create-change-set)\b|cloudformation-github-deploy|\brain\s+deploy\b|\bsceptre\s+(?:launch|create|update)\b/,
  serverless:
    /\b(?:serverless|sls|osls)(?:\.js)?\s+(?:deploy|package)\b|serverless\/github-action|\bserverless-compose\b|\bseed\.run\b/,
};
/** The flag that names another template than the default one. */
const TEMPLATE_FLAG: Record<TemplateTool, RegExp> = {
  sam: /(?:^|\s)(?:-t|--template(?:-file)?)[\s=]+["']?([^\s"']+)/,
  serverless: /(?:^|\s)(?:-c|--config)[\s=]+["']?([^\s"']+)/,
};
const DEFAULT_NAME: Record<TemplateTool, RegExp> = {
  sam: /^template\.(?:ya?ml|json)$/,
  serverless: /^serverless\.(?:ya?ml|json|ts|js)$/,
};
/** Files in the template's folder and above it that hold commands (or, samconfig, say that it deploys). */
const DIR_EVIDENCE =
  /^(?:package\.json|g?nu?makefile|makefile|readme(?:\.md)?|buildspec[\w.-]*\.ya?ml|samconfig[\w.-]*\.(?:toml|ya?ml)|\.gitlab-ci\.yml|bitbucket-pipelines\.yml|azure-pipelines\.yml|jenkinsfile|justfile|taskfile\.ya?ml|seed\.yml|serverless-compose\.ya?ml|(?:docker-)?compose[\w.-]*\.ya?ml)$/i;
/** Files whose commands run (not prose): the scripts they name are read too. */
const RUNS_COMMANDS =
  /^(?:package\.json|g?nu?makefile|makefile|buildspec.*|\.gitlab-ci\.yml|.*pipelines\.yml|jenkinsfile|justfile|taskfile\.ya?ml|.*\.ya?ml)$/i;
const SCRIPT_REF = /(?:^|[\s"'`(=])((?:\.{1,2}\/)?[\w@.-]+(?:\/[\w@.-]+)*\.(?:sh|bash|mjs|cjs|js|ts|py))\b/g;
const DEPLOY_SCRIPT = /deploy[\w.-]*\.(?:sh|bash)$/i;
const MAX_BYTES = 256 * 1024;
const MAX_SCRIPTS = 30;

interface Evidence {
  readonly dir: string;
  readonly name: string;
  readonly text: string;
}

export function readSmall(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= MAX_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The names in `dir`, none when it is missing or (a symlink) outside the scan `root`. */
function listDir(dir: string, root: string): string[] {
  if (!insideRoot(root, dir)) return [];
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Reads the deploy paths once and answers, per template, whether only local commands run it. */
export class DeployPaths {
  private readonly evidence: Evidence[] = [];
  private readonly seenDirs = new Set<string>();
  private readonly seenFiles = new Set<string>();
  private scripts = 0;
  /** A script named like a deploy step that could not be read: it may deploy anything. */
  private unknownDeploy = false;

  private readonly root: string;

  constructor(root: string) {
    // The scan root stands for the repository: its CI files and docs, and every folder down to a template.
    this.root = root;
    this.addDir(this.root);
    for (const name of listDir(join(this.root, '.github', 'workflows'), this.root))
      if (/\.ya?ml$/.test(name)) this.add(join(this.root, '.github', 'workflows', name));
    for (const name of listDir(join(this.root, '.github', 'actions'), this.root))
      for (const file of ['action.yml', 'action.yaml'])
        this.add(join(this.root, '.github', 'actions', name, file));
    this.add(join(this.root, '.circleci', 'config.yml'));
    for (const name of listDir(join(this.root, 'docs'), this.root))
      if (/\.md$/i.test(name)) this.add(join(this.root, 'docs', name));
    // Deploy scripts a pipeline defined elsewhere (a CDK CodePipeline, a CI system outside the
    // repository) runs by name: named for deploying, at the top or in a top-level scripts folder.
    for (const dir of ['', 'scripts', 'build-scripts', 'bin', 'ci', 'deploy'])
      for (const name of listDir(join(this.root, dir), this.root))
        if (DEPLOY_SCRIPT.test(name)) this.add(join(this.root, dir, name));
  }

  private add(path: string): void {
    if (this.seenFiles.has(path)) return;
    this.seenFiles.add(path);
    // A CI file, a doc or a script the repository names may be a symlink pointing out of the tree.
    const text = insideRoot(this.root, path) ? readSmall(path) : undefined;
    if (text === undefined) return;
    const name = basename(path);
    this.evidence.push({ dir: dirname(path), name, text });
    if (!RUNS_COMMANDS.test(name)) return;
    for (const m of text.matchAll(SCRIPT_REF)) {
      const ref = m[1] ?? '';
      const candidates = [resolve(dirname(path), ref), resolve(this.root, ref)];
      const found = candidates.find((c) => existsSync(c) && insideRoot(this.root, c));
      if (found === undefined) {
        if (/deploy/i.test(basename(ref)) && !/\.(?:ts|js)$/.test(ref)) this.unknownDeploy = true;
      } else if (this.scripts < MAX_SCRIPTS && !this.seenFiles.has(found)) {
        this.scripts++;
        this.add(found);
      }
    }
  }

  private addDir(dir: string): void {
    if (this.seenDirs.has(dir)) return;
    this.seenDirs.add(dir);
    for (const name of listDir(dir, this.root)) if (DIR_EVIDENCE.test(name)) this.add(join(dir, name));
  }

  /** The folders from the template's up to the repository's top, reading their command files. */
  private readChain(templateDir: string): void {
    for (let dir = templateDir; dir.startsWith(this.root); dir = dirname(dir)) {
      this.addDir(dir);
      if (dir === this.root || dirname(dir) === dir) break;
    }
  }

  private deploys(tool: TemplateTool): boolean {
    const deployLine = (line: string) => DEPLOY[tool].test(line) && !LOCALSTACK.test(line);
    return (
      this.unknownDeploy ||
      this.evidence.some(
        (e) =>
          (tool === 'sam' && /^samconfig/i.test(e.name)) ||
          (DEPLOY[tool].test(e.text) && e.text.split('\n').some(deployLine)),
      )
    );
  }

  /** The local command that runs the template at `path`, if one does. */
  private localUse(path: string, tool: TemplateTool): LocalUse | undefined {
    const dir = dirname(path);
    for (const e of this.evidence) {
      for (const m of e.text.matchAll(LOCAL[tool])) {
        const named = TEMPLATE_FLAG[tool].exec(m[0])?.[1];
        // Without a flag the command runs the default-named template of its folder (or one it cds into).
        const runs =
          named !== undefined
            ? [resolve(e.dir, named), resolve(this.root, named)].includes(path)
            : DEFAULT_NAME[tool].test(basename(path)) && (dir === e.dir || dir.startsWith(`${e.dir}/`));
        if (runs)
          return {
            command: [m[0].split(/\s+-/)[0] ?? '', /--stage[=\s]+["']?local\w*/.exec(m[0])?.[0] ?? '']
              .join(' ')
              .trim()
              .replace(/[\s=]+/g, ' '),
            where: relative(this.root, join(e.dir, e.name)).split('\\').join('/'),
          };
      }
    }
    return undefined;
  }

  /**
   * The command files a CDK app's deploy could be in: the repository's evidence and that of every folder
   * from each cdk.json's up; undefined when a deploy script it names could not be read (it may run `cdk`).
   * @example
   * new DeployPaths('/repo').cdkEvidence(['/repo/infra']) // [{ path: '/repo/README.md', text: '...' }, ...]
   */
  cdkEvidence(cdkDirs: readonly string[]): CommandFile[] | undefined {
    for (const dir of cdkDirs) this.readChain(dir);
    if (this.unknownDeploy) return undefined;
    return this.evidence.map((e) => ({ path: join(e.dir, e.name), text: e.text }));
  }

  /**
   * The templates only local commands run, each with the command that runs it. Every template's folders
   * are read before any is judged, so that a deploy command beside one template keeps them all.
   * @example
   * new DeployPaths('/repo').localOnly([{ rel: 'template.yml', tool: 'sam' }]) // Map { 'template.yml' => { command: 'sam local start-api', where: 'package.json' } }
   */
  localOnly(templates: readonly TemplateRef[]): Map<string, LocalUse> {
    const local = new Map<string, LocalUse>();
    for (const t of templates) this.readChain(dirname(resolve(this.root, t.rel)));
    const deploys = { sam: this.deploys('sam'), serverless: this.deploys('serverless') };
    for (const t of templates) {
      if (deploys[t.tool]) continue;
      const path = resolve(this.root, t.rel);
      // A service deployed by the Serverless Dashboard names its org and app.
      if (t.tool === 'serverless' && /^(?:org|app)\s*:/m.test(readSmall(path) ?? '')) continue;
      const use = this.localUse(path, t.tool);
      if (use !== undefined) local.set(t.rel, use);
    }
    return local;
  }
}

/**
 * Why each local-only template's findings are held back, by its path; empty when no template has findings.
 * @example
 * localTemplateReasons('/repo', [{ rel: 'serverless.yml', tool: 'serverless', candidates, batchOneHandlers: [] }]).get('serverless.yml')
 */
export function localTemplateReasons(
  root: string,
  results: readonly (IacResult & { readonly rel: string })[],
): Map<string, string> {
  const reasons = new Map<string, string>();
  // A template wired to a real account's subnets, security groups or ARNs is deployed, whatever runs it locally.
  const templates = results.flatMap((r) =>
    r.tool !== undefined && r.candidates.length > 0 && r.accountBound !== true
      ? [{ rel: r.rel, tool: r.tool }]
      : [],
  );
  if (templates.length === 0) return reasons;
  for (const [rel, use] of new DeployPaths(root).localOnly(templates))
    reasons.set(
      rel,
      `local-only template: run by \`${use.command}\` (${use.where}) and deployed by nothing in the repository; set "localTemplates": "report" in bulwark.config.json to report it`,
    );
  return reasons;
}
