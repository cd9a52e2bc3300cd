// The plan of a pull request, as a comment on it: created on the first run, updated on every later push, so the
// conversation holds one current plan per release. The comment found again is one that carries the release's
// marker and that the token itself wrote: anyone can post a comment with the marker in it, and adopting theirs would
// put our plan (and our name) on their text. GitHub's answer never decides the run: a failure is a warning, and the
// plan stays in the job summary.
import * as runner from '../runner.js';
import type { ReleaseRef } from '../helm/release.js';
import type { ReleasePlan } from '../plan/index.js';
import { planSection } from '../report/plan-section.js';
import { formatNotes } from '../report/summary.js';
import type { Seams } from '../seams.js';
import type { Outbound, SecretSet } from '../secrets/index.js';
import { GitHubApiError, issueCommentsApi, tokenLogin, type GitHubClient, type IssueComment } from './rest.js';
import { workflowRun } from './run.js';

/** The pull request of a `pull_request` (or `pull_request_target`) run, from its ref `refs/pull/N/merge`. */
export function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  if (!/^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? '')) return undefined;
  const match = /^refs\/pull\/(\d+)\/(merge|head)$/.exec(env.GITHUB_REF ?? '');
  return match ? Number(match[1]) : undefined;
}

export const commentMarker = (release: ReleaseRef) =>
  `<!-- portkey-azure-deploy plan: ${release.namespace}/${release.name} -->`;

function explain(error: unknown, issue: number): string {
  const said = error instanceof GitHubApiError ? `GitHub answered ${error.status} ${error.reason}` : String(error);
  const why =
    error instanceof GitHubApiError && error.status === 403
      ? 'the token in `github-token` may not write pull request comments: add `pull-requests: write` to the ' +
        "job's `permissions:` (a pull request from a fork gets a read-only token whatever the workflow asks)"
      : 'GitHub did not take the comment';
  return `Could not comment the plan on pull request #${issue} (${said}): ${why}. The plan is in the job summary.`;
}

export interface PlanComment {
  plan: ReleasePlan;
  /** Where the release differs from Portkey's chart defaults on purpose, shown above the plan. */
  notes: string[];
  /** Makes the comment's Markdown from the plan (the summary's plan section), secrets cut before and after. */
  outbound: Outbound;
  /** The run's secrets: the client cuts them from the comment once more as it sends it. */
  secrets: SecretSet;
  token: string;
  seams: Seams;
  env?: NodeJS.ProcessEnv;
}

/** The comment to update: the oldest one with the marker that `login` wrote. Pure. */
export function ownComment(
  comments: IssueComment[],
  marker: string,
  login: string | undefined,
): IssueComment | undefined {
  if (!login) return undefined;
  return comments.find((c) => c.body.startsWith(marker) && c.user?.login?.toLowerCase() === login.toLowerCase());
}

/** Who the token is; undefined (and said why) when GitHub does not tell: then no comment is adopted. */
async function ownLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    return await tokenLogin(client);
  } catch (error) {
    runner.info(
      `Could not learn which account \`github-token\` acts as (${String(error)}): posting a new plan comment.`,
    );
    return undefined;
  }
}

/** Whether a plan is posted: `plan-comment` is on and the run is for a pull request. */
export function commentsPlan(planComment: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return planComment && pullRequestNumber(env) !== undefined;
}

/** Creates or updates the plan's comment: its URL, or the warning saying why there is none. */
export async function commentPlan(request: PlanComment): Promise<{ url?: string; warning?: string }> {
  const env = request.env ?? process.env;
  const issue = pullRequestNumber(env);
  if (issue === undefined) return {};
  const client = { run: workflowRun(env), token: request.token, seams: request.seams, secrets: request.secrets };
  const api = issueCommentsApi(client);
  const marker = commentMarker(request.plan.release);
  const markdown = request.outbound.markdown(request, ({ plan, notes }) =>
    [...(notes.length ? [formatNotes(notes)] : []), planSection(plan)].join('\n\n'),
  );
  const body = `${marker}\n${markdown}`;
  try {
    const [comments, login] = await Promise.all([api.list(issue), ownLogin(client)]);
    const existing = ownComment(comments, marker, login);
    const comment = existing ? await api.update(existing.id, body) : await api.create(issue, body);
    runner.info(`${existing ? 'Updated' : 'Posted'} the plan on pull request #${issue}: ${comment.html_url}`);
    return { url: comment.html_url };
  } catch (error) {
    const warning = explain(error, issue);
    runner.warning(warning);
    return { warning };
  }
}
