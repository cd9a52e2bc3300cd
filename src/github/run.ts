// The workflow run this step belongs to, as the runner describes it in its environment variables.

export interface WorkflowRun {
  /** `GITHUB_API_URL`: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  apiUrl: string;
  /** `GITHUB_GRAPHQL_URL`: https://api.github.com/graphql, or https://HOST/api/graphql on GitHub Enterprise Server. */
  graphqlUrl: string;
  /** `owner/name`. */
  repository: string;
  sha: string;
  /** The run's page (with its attempt), where the log is; undefined outside a runner. */
  url?: string;
}

export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}

export function workflowRun(env: NodeJS.ProcessEnv): WorkflowRun {
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  // The runner sets it; without it, GitHub's own layout: /api/v3 → /api/graphql on a server, /graphql beside REST.
  const graphqlUrl =
    env.GITHUB_GRAPHQL_URL || (/\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/v3$/, 'graphql') : `${apiUrl}/graphql`);
  return {
    apiUrl,
    graphqlUrl,
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    url: runUrl(env),
  };
}
