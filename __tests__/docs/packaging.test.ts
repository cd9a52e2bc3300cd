// What the Marketplace and a user's machine see of the package: action.yml's listing fields, the Node version it
// claims, the licences of what dist/ bundles, and the one-file jest command the development docs promise.
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/action-metadata.js';
import { bundledPackages, formatLicenses, packageDirsOf } from '../../scripts/third-party-licenses.js';

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
  name: string;
  description: string;
  author: string;
  runs: { using: string };
};
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  author: string;
  engines: { node: string };
};

describe('action.yml listing', () => {
  test('has a description the Marketplace shows whole (under 125 characters)', () => {
    expect(action.description.length).toBeLessThan(125);
    expect(action.description).toMatch(/Portkey AI Gateway/);
  });

  test('names an author, the same as package.json, not the repository', () => {
    expect(action.author).toBe(manifest.author);
    expect(action.author).not.toMatch(new RegExp(manifest.name, 'i'));
  });
});

describe('the Node version', () => {
  test('package.json engines asks for the runtime action.yml runs on', () => {
    const runtime = Number(/^node(\d+)$/.exec(action.runs.using)?.[1]);
    expect(runtime).toBeGreaterThanOrEqual(24);
    expect(manifest.engines.node).toBe(`>=${runtime}`);
  });
});

describe('dist/licenses.txt', () => {
  test('finds package folders in source map paths, scoped and nested ones included', () => {
    expect(
      packageDirsOf([
        '.././node_modules/agent-base/dist/index.js',
        '.././node_modules/@azure/identity/dist/esm/index.js',
        '.././node_modules/a/node_modules/@s/b/lib/x.js',
        '.././node_modules/agent-base/dist/helpers.js',
        '../src/main.ts',
        'webpack/bootstrap',
      ]),
    ).toEqual([
      '.././node_modules/agent-base',
      '.././node_modules/@azure/identity',
      '.././node_modules/a/node_modules/@s/b',
    ]);
  });

  test('is what the build generates: every bundled package with its own licence text', () => {
    const dist = path.join(repoRoot, 'dist');
    const packages = bundledPackages(dist);
    expect(readFileSync(path.join(dist, 'licenses.txt'), 'utf8')).toBe(formatLicenses(packages));
    expect(packages.length).toBeGreaterThan(40);
    const names = packages.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['@actions/tool-cache', '@azure/identity', '@azure/msal-node', 'yaml']),
    );
    for (const p of packages) expect(p.texts.length).toBeGreaterThan(0);
  });
});

describe('jest', () => {
  // The sources are ESM (import.meta, top-level await) and load ESM-only packages: without VM modules they fail.
  test('runs one test file with `npx jest <path>`, no NODE_OPTIONS needed', async () => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const { stderr } = await promisify(execFile)('npx', ['jest', '__tests__/inputs/read-inputs.test.ts'], {
      cwd: repoRoot,
      env,
    });
    expect(stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  }, 60_000);
});
