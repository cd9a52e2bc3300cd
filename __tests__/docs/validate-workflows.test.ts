import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { codeBlocks, documentationFiles } from './markdown.js';
import { isOurAction, parseActionMetadata, readActionMetadata, repoRoot } from '../../scripts/action-metadata.js';
import {
  actionlintProblems,
  actionParserProblems,
  formatProblem,
  ourInputProblems,
  parseArguments,
  type SourceFile,
  shippedWorkflowPaths,
  validateAll,
  validateWorkflow,
} from '../../scripts/validate-workflows.js';

interface Concurrency {
  group: string;
  'cancel-in-progress': boolean;
  queue?: 'single' | 'max';
}

const read = (file: string): SourceFile => ({
  path: path.relative(repoRoot, file),
  content: readFileSync(path.resolve(repoRoot, file), 'utf8'),
});
const fixture = (name: string) => read(path.join('__tests__', 'docs', 'fixtures', name));
const metadata = readActionMetadata();
const shipped = shippedWorkflowPaths().map(read);

describe('shipped workflows', () => {
  test('include every example and the project workflows', () => {
    expect(shipped.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        'workflows-examples/deploy-on-push.yml',
        'workflows-examples/drift-check.yml',
        'workflows-examples/manual-dispatch.yml',
        'workflows-examples/multi-cluster-matrix.yml',
        'workflows-examples/promote-environments.yml',
        'workflows-examples/pull-request-preview.yml',
        'workflows-examples/teardown.yml',
      ]),
    );
  });

  test('and action.yml pass the GitHub parsers, actionlint and the input check', async () => {
    const problems = await validateAll(read('action.yml'), shipped);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  // Policies the examples promise in their comments; actionlint checks none of them.
  describe.each(shipped.map((file) => [file.path, file] as const))('%s', (_, file) => {
    const workflow = parse(file.content) as {
      permissions?: Record<string, string>;
      concurrency?: Concurrency;
      jobs: Record<
        string,
        {
          permissions?: Record<string, string>;
          concurrency?: Concurrency;
          environment?: string | { name: string; deployment?: boolean };
          steps: { uses?: string; with?: Record<string, string> }[];
        }
      >;
    };
    /** Commands that change no cluster; anything else (an expression choosing the command included) may. */
    const READ_ONLY = ['render', 'plan'];
    const commands = (job: (typeof workflow.jobs)[string]) =>
      job.steps.filter((step) => step.uses && isOurAction(step.uses)).map((step) => step.with?.command ?? 'deploy');
    /** The jobs that change a cluster (deploy or uninstall), with the environment they name; a plan changes nothing. */
    const clusterJobs = Object.entries(workflow.jobs)
      .filter(([, job]) => commands(job).some((command) => !READ_ONLY.includes(command)))
      .map(([id, job]) => ({
        id,
        job,
        environment: typeof job.environment === 'string' ? job.environment : job.environment?.name,
        deploys: commands(job).some((command) => !READ_ONLY.includes(command) && command !== 'uninstall'),
      }));

    test('declares least-privilege permissions', () => {
      expect(workflow.permissions).toBeDefined();
      const allowed: Record<string, string[]> = {
        'id-token': ['write'],
        contents: ['read'],
        deployments: ['write'],
        'pull-requests': ['write'],
      };
      for (const [scope, level] of Object.entries(workflow.permissions ?? {})) expect(allowed[scope]).toContain(level);
      for (const job of Object.values(workflow.jobs)) {
        const writes = Object.entries(job.permissions ?? {}).filter(
          ([scope, level]) => level === 'write' && !['id-token', 'deployments'].includes(scope),
        );
        // Writing pull requests is for the plan's comment, and only there.
        const comments = writes.filter(([scope]) => scope === 'pull-requests');
        if (comments.length > 0) expect(commands(job)).toEqual(['plan']);
        writes.splice(0, writes.length, ...writes.filter(([scope]) => scope !== 'pull-requests'));
        // Only the release workflow may push, and only the tag-moving job.
        if (writes.length > 0) {
          expect(file.path).toBe('.github/workflows/release.yml');
          expect(writes).toEqual([['contents', 'write']]);
        }
      }
    });

    test('pins third-party actions to a commit SHA and ours to its major tag', () => {
      const uses = [...file.content.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
      expect(uses.length).toBeGreaterThan(0);
      for (const [, reference, rest] of uses) {
        if (isOurAction(reference)) expect(reference).toBe('org/portkey-azure-deploy@v1');
        else {
          expect(reference).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
          expect(rest).toMatch(/# v\d+/);
        }
      }
    });

    test('lets every deploy record its GitHub Deployment, and only deploys', () => {
      for (const { id, job, deploys } of clusterJobs) {
        const level = job.permissions?.deployments ?? workflow.permissions?.deployments;
        expect({ id, deployments: level }).toEqual({ id, deployments: deploys ? 'write' : undefined });
      }
      if (clusterJobs.length === 0) expect(workflow.permissions?.deployments).toBeUndefined();
    });

    test("runs on a cluster only in a named environment, with GitHub's own deployment record off", () => {
      for (const { id, job, environment } of clusterJobs) {
        expect({ id, environment: typeof environment }).toEqual({ id, environment: 'string' });
        // One record per deploy: the action's, which carries the gateway URL and the smoke test's verdict.
        expect({ id, deployment: typeof job.environment === 'object' && job.environment.deployment }).toEqual({
          id,
          deployment: false,
        });
      }
    });

    test('holds the one concurrency group of its environment, shared with every other workflow, runs waiting in order', () => {
      for (const { id, job, environment } of clusterJobs) {
        const concurrency = job.concurrency ?? workflow.concurrency;
        expect({ id, ...concurrency }).toEqual({
          id,
          group: `portkey-gateway-${environment}`,
          'cancel-in-progress': false,
          queue: 'max',
        });
      }
    });

    test('never lets two deploys of one release run at once', () => {
      for (const job of Object.values(workflow.jobs)) {
        const ours = job.steps.filter((step) => step.uses && isOurAction(step.uses));
        if (ours.length === 0 || commands(job).every((command) => READ_ONLY.includes(command))) continue;
        const concurrency = job.concurrency ?? workflow.concurrency;
        expect(concurrency?.group).toBeTruthy();
        // Cancelling a helm upgrade leaves the release stuck.
        expect(concurrency?.['cancel-in-progress']).toBe(false);
      }
    });
  });

  test('the examples only request the OIDC token where they sign in to Azure', () => {
    const preview = parse(read('workflows-examples/pull-request-preview.yml').content) as {
      permissions: Record<string, string>;
      jobs: Record<string, { if: string; permissions?: Record<string, string>; steps: unknown[] }>;
    };
    expect(preview.permissions).toEqual({ contents: 'read' });
    // A fork's pull request only renders: no token, no secret; the plan runs only for the repository's own.
    expect(preview.jobs.render.permissions).toBeUndefined();
    expect(JSON.stringify(preview.jobs.render.steps)).not.toMatch(/\$\{\{\s*secrets\./);
    expect(preview.jobs.render.if).toBe('github.event.pull_request.head.repo.full_name != github.repository');
    expect(preview.jobs.plan.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    expect(preview.jobs.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
  });
});

describe("the README's actionlint configuration for the examples", () => {
  const block = codeBlocks({ file: 'README.md', text: readFileSync(path.join(repoRoot, 'README.md'), 'utf8') }).find(
    (b) => b.language === 'yaml' && /^paths:/m.test(b.code),
  );
  const config = parse(block?.code ?? '{}') as { paths?: Record<string, { ignore: string[] }> };
  const ignored = Object.values(config.paths ?? {}).flatMap((entry) => entry.ignore.map((re) => new RegExp(re)));

  test('leaves out exactly what actionlint reports in the examples and GitHub accepts, nothing else', async () => {
    const examples = shipped.filter((file) => file.path.startsWith('workflows-examples/'));
    const findings = (await Promise.all(examples.map(actionlintProblems))).flat();
    // Both keys appear in the examples, so the note is about something real...
    expect(findings.map(formatProblem).join('\n')).toMatch(/unexpected key "queue" for "concurrency"/);
    expect(findings.map(formatProblem).join('\n')).toMatch(/unexpected key "deployment" for "environment"/);
    // ...and the configuration silences those and keeps an unknown key that GitHub would refuse too.
    expect(findings.filter((problem) => !ignored.some((re) => re.test(problem.message))).map(formatProblem)).toEqual(
      [],
    );
    const typo =
      'unexpected key "cancel-in-progres" for "concurrency" section. expected one of "cancel-in-progress", "group"';
    expect(ignored.some((re) => re.test(typo))).toBe(false);
  });
});

describe('complete workflows shown in the documentation', () => {
  const workflows = documentationFiles().flatMap((doc) =>
    codeBlocks(doc)
      .filter((block) => block.language === 'yaml' && /^on:/m.test(block.code) && /^jobs:/m.test(block.code))
      .map((block) => ({ path: `${block.file}:${block.line}`, content: block.code })),
  );

  test('include the README quick start', () => {
    expect(workflows.map((workflow) => workflow.path.split(':')[0])).toContain('README.md');
  });

  test.each(workflows.map((workflow) => [workflow.path, workflow] as const))(
    '%s passes every check',
    async (_, file) => {
      expect((await validateWorkflow(file, metadata)).map(formatProblem)).toEqual([]);
    },
  );
});

describe('the check fails on', () => {
  test('an input the action does not have, suggesting the right one', async () => {
    const problems = (await validateWorkflow(fixture('unknown-input.yml'), metadata)).map(formatProblem);
    expect(problems).toEqual([
      '__tests__/docs/fixtures/unknown-input.yml:13:11: [inputs] "cluster" is not an input of org/portkey-azure-deploy@v1 (did you mean "cluster-name"?); see action.yml.',
      '__tests__/docs/fixtures/unknown-input.yml:14:11: [inputs] "helm-versoin" is not an input of org/portkey-azure-deploy@v1 (did you mean "helm-version"?); see action.yml.',
    ]);
  });

  test('an old input name, naming the new one: the workflows shipped here show the new names', () => {
    const workflow = {
      path: 'old-name.yml',
      content: 'jobs:\n  deploy:\n    steps:\n      - uses: ./\n        with:\n          wait-for-pending: 1m\n',
    };
    expect(ourInputProblems(workflow, metadata).map(formatProblem)).toEqual([
      'old-name.yml:6:11: [inputs] "wait-for-pending" is the old name of "pending-release-timeout": use the new name.',
    ]);
  });

  test('a missing required input', async () => {
    const strict = parseActionMetadata(fixture('action-with-required.yml').content);
    const problems = (await validateWorkflow(fixture('missing-required.yml'), strict)).map(formatProblem);
    expect(problems).toEqual([
      '__tests__/docs/fixtures/missing-required.yml:11:15: [inputs] org/portkey-azure-deploy@v1 needs the required input "cluster-name" in its with: block.',
    ]);
  });

  test('a workflow GitHub would refuse to parse', async () => {
    const problems = await validateWorkflow(fixture('schema-error.yml'), metadata);
    expect(problems.map((problem) => [problem.check, problem.line, problem.message])).toEqual([
      ['parser', 6, "Unexpected value 'runs_on'"],
      ['parser', 6, 'Required property is missing: runs-on'],
    ]);
  });

  test("a key GitHub's schema lacks, even where actionlint's older schema is left out of the verdict", async () => {
    const problems = await validateWorkflow(fixture('unknown-key.yml'), metadata);
    expect(problems.map(formatProblem)).toEqual([
      "__tests__/docs/fixtures/unknown-key.yml:11:7: [parser] Unexpected value 'deployments'",
    ]);
    // Keys GitHub added after the bundled actionlint (`environment.deployment`, `concurrency.queue`) pass.
    expect(await validateWorkflow(fixture('newer-keys.yml'), metadata)).toEqual([]);
  });

  test('an error only actionlint sees', async () => {
    const problems = await validateWorkflow(fixture('lint-error.yml'), metadata);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ check: 'actionlint', line: 13 });
    expect(problems[0].message).toMatch(/property "deplyo" is not defined/);
  });

  test('an action manifest GitHub would refuse', () => {
    const problems = actionParserProblems(fixture('action-schema-error.yml'));
    expect(problems.map((problem) => problem.message)).toEqual(["Unexpected value 'node99'"]);
    expect(actionParserProblems(read('action.yml'))).toEqual([]);
  });

  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const validate = (args: string[]) =>
    promisify(execFile)(tsx, ['scripts/validate-workflows.ts', ...args], { cwd: repoRoot }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  test('any of them when run as the CI command, with exit code 1', async () => {
    const failure = await validate([
      '--action',
      '__tests__/docs/fixtures/action-with-required.yml',
      '__tests__/docs/fixtures/missing-required.yml',
      '__tests__/docs/fixtures/lint-error.yml',
    ]);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('missing-required.yml:11:15: [inputs]');
    expect(failure.stderr).toContain('lint-error.yml:13:20: [actionlint]');
  });

  test('a bad file given as the only argument: that file is checked, not the shipped ones', async () => {
    const failure = await validate(['__tests__/docs/fixtures/schema-error.yml']);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(
      "__tests__/docs/fixtures/schema-error.yml:6:5: [parser] Unexpected value 'runs_on'",
    );
    expect(failure.stdout).toContain('1 workflow(s) and action.yml checked');
  });
});

describe('the command line', () => {
  test.each([
    [[], { files: [] }],
    [['my.yml'], { files: ['my.yml'] }],
    [['a.yml', 'b.yml'], { files: ['a.yml', 'b.yml'] }],
    [['--action', 'x/action.yml', 'my.yml'], { actionPath: 'x/action.yml', files: ['my.yml'] }],
    [['my.yml', '--action', 'x/action.yml'], { actionPath: 'x/action.yml', files: ['my.yml'] }],
  ])('%j checks %j', (args, expected) => {
    expect(parseArguments(args)).toMatchObject({
      actionPath: path.join(repoRoot, 'action.yml'),
      ...expected,
    });
  });

  test('refuses --action without a file', () => {
    expect(() => parseArguments(['my.yml', '--action'])).toThrow('--action needs the path of an action.yml.');
  });
});
