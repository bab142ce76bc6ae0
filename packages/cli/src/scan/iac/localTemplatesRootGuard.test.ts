// DeployPaths reads the repository's CI files, docs and the scripts they name to decide whether a template
// is deployed. A symlink in the tree pointing out of it is not followed: what it points to says nothing
// about this repository, and the scan never reads outside the tree it was given.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeployPaths } from './localTemplates.js';

const TEMPLATE = { rel: 'template.yaml', tool: 'sam' as const };

/** A SAM repository run by `sam local start-api`, at `<top>/repo`, with a deploy workflow outside it. */
function hostileTree(): { top: string; root: string } {
  const top = mkdtempSync(join(tmpdir(), 'bulwark-deploy-paths-'));
  const root = join(top, 'repo');
  mkdirSync(join(top, 'outside'), { recursive: true });
  mkdirSync(join(root, 'scripts'), { recursive: true });
  writeFileSync(join(top, 'outside/deploy.yml'), 'steps:\n  - run: sam deploy --no-confirm-changeset\n');
  writeFileSync(join(top, 'outside/release.sh'), 'sam deploy --no-confirm-changeset\n');
  writeFileSync(join(root, 'template.yaml'), 'Resources: {}\n');
  return { top, root };
}

describe('DeployPaths inside the scan root', () => {
  it('does not read a workflow folder that is a symlink pointing out', () => {
    // Prepare
    const { top, root } = hostileTree();
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { start: 'sam local start-api' } }));
    mkdirSync(join(root, '.github'));
    symlinkSync(join(top, 'outside'), join(root, '.github/workflows'));

    // Act
    const local = new DeployPaths(root).localOnly([TEMPLATE]);

    // Assess
    expect([...local.keys()]).toEqual(['template.yaml']);
  });

  it('does not read a script a package.json names when it is a symlink pointing out', () => {
    // Prepare
    const { top, root } = hostileTree();
    const scripts = { start: 'sam local start-api', release: 'bash scripts/release.sh' };
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts }));
    symlinkSync(join(top, 'outside/release.sh'), join(root, 'scripts/release.sh'));

    // Act
    const local = new DeployPaths(root).localOnly([TEMPLATE]);

    // Assess
    expect([...local.keys()]).toEqual(['template.yaml']);
  });

  it('still reads the same script when it sits in the tree', () => {
    // Prepare
    const { root } = hostileTree();
    const scripts = { start: 'sam local start-api', release: 'bash scripts/release.sh' };
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts }));
    writeFileSync(join(root, 'scripts/release.sh'), 'sam deploy --no-confirm-changeset\n');

    // Act
    const local = new DeployPaths(root).localOnly([TEMPLATE]);

    // Assess
    expect([...local.keys()]).toEqual([]);
  });
});
