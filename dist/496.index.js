export const id = 496;
export const ids = [496];
export const modules = {

/***/ 9532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G3: () => (/* binding */ refreshDue),
/* harmony export */   H9: () => (/* binding */ workloadAssertionSource),
/* harmony export */   dG: () => (/* binding */ decodeJwtClaims),
/* harmony export */   zG: () => (/* binding */ githubAssertionSource)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
// The client assertion handed to Entra: a GitHub OIDC token (or, on self-hosted runners with workload identity, the
// projected service account token). It is fetched when Entra needs one, never once up front, so deploys of any
// length never present an expired assertion (AADSTS700024).



/** Reads a JWT's claims without verifying it: only to explain a refusal and to know when it expires. */
function decodeJwtClaims(token) {
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return claims && typeof claims === 'object' ? claims : {};
    }
    catch {
        return {};
    }
}
/**
 * True once a token is close enough to expiry to replace: within `maxMarginMs`, or within a third of its lifetime
 * for short-lived tokens, so a five-second token is not considered stale from birth.
 */
function refreshDue(issuedAtMs, expiresAtMs, nowMs, maxMarginMs) {
    const margin = Math.min(maxMarginMs, Math.max(0, expiresAtMs - issuedAtMs) / 3);
    return nowMs >= expiresAtMs - margin;
}
const GITHUB_TOKEN_MARGIN_MS = 60_000;
function recording(kind, secrets, fetch) {
    let claims;
    let error;
    return {
        kind,
        async getAssertion() {
            error = undefined;
            try {
                const token = await fetch();
                secrets.add(token);
                claims = decodeJwtClaims(token);
                return token;
            }
            catch (caught) {
                error = caught;
                throw caught;
            }
        },
        lastClaims: () => claims,
        lastError: () => error,
    };
}
/**
 * GitHub OIDC tokens, each kept until shortly before its `exp`: @azure/identity asks for the assertion twice per
 * access token, and one round trip per token is enough.
 */
function githubAssertionSource(audience, now, secrets, getIDToken = _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .getIDToken */ .V9) {
    let cached;
    return recording('github', secrets, async () => {
        if (cached && !refreshDue(cached.issuedAtMs, cached.expiresAtMs, now(), GITHUB_TOKEN_MARGIN_MS)) {
            return cached.token;
        }
        let token;
        try {
            token = await getIDToken(audience); // masked by runner.getIDToken
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l(`Could not get a GitHub OIDC token for audience ${audience}: ${error.message}`, {
                hint: 'GitHub did not issue the token; re-run the job. If it keeps failing, check githubstatus.com.',
            });
        }
        const { iat, exp } = decodeJwtClaims(token);
        cached =
            typeof exp === 'number' ? { token, issuedAtMs: (iat ?? exp - 300) * 1000, expiresAtMs: exp * 1000 } : undefined;
        return token;
    });
}
/** The projected token file is rotated by the kubelet, so it is read afresh every time. */
function workloadAssertionSource(tokenFile, secrets) {
    return recording('workload', secrets, async () => {
        let token;
        try {
            token = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(tokenFile, 'utf8')).trim();
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l(`Could not read the workload identity token file ${tokenFile}: ${error.message}`, {
                hint: 'AZURE_FEDERATED_TOKEN_FILE is set by the workload identity webhook; check the runner pod has the azure.workload.identity/use label.',
            });
        }
        return token;
    });
}


/***/ }),

/***/ 8496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentPlan: () => (/* reexport */ commentPlan),
  commentsPlan: () => (/* reexport */ commentsPlan),
  trackGitHubDeployment: () => (/* binding */ trackGitHubDeployment)
});

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/azure/github-token.ts
var github_token = __webpack_require__(9532);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/report/outcome.ts
var report_outcome = __webpack_require__(5066);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/github/rest.ts
class GitHubApiError extends Error {
    status;
    reason;
    constructor(status, 
    /** GitHub's `message`, with the `errors` of a 422 appended. */
    reason) {
        super(`GitHub answered ${status} ${reason}`);
        this.status = status;
        this.reason = reason;
        this.name = 'GitHubApiError';
    }
}
/** GitHub's error body: `{message, errors?: [{field, code, message?}], documentation_url}`. */
function reasonOf(body) {
    try {
        const parsed = JSON.parse(body);
        const details = (parsed.errors ?? []).map((e) => e.message ?? `${e.field} ${e.code}`).join('; ');
        return [parsed.message?.replace(/\s+/g, ' ').trim(), details].filter(Boolean).join(': ') || body.slice(0, 200);
    }
    catch {
        return body.slice(0, 200) || '(empty answer)';
    }
}
/** GitHub refuses a deployment or status description longer than this (422). */
const DESCRIPTION_LIMIT = 140;
/** One line of at most `limit` characters, cut with an ellipsis. */
function shorten(text, limit = DESCRIPTION_LIMIT) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}
/** A call to `url` with the token, its body redacted; GitHub's error answers become GitHubApiErrors. */
async function send({ token, seams, secrets, stop }, method, url, body) {
    const response = await seams.http({
        url,
        method,
        headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'portkey-azure-deploy',
            ...(body && { 'content-type': 'application/json' }),
        },
        // Each string redacted before it is encoded: the JSON stays valid whatever a secret holds.
        body: body && JSON.stringify(secrets.redactDeep(body)),
        signal: stop ? AbortSignal.any([AbortSignal.timeout(30_000), stop]) : AbortSignal.timeout(30_000),
    });
    if (response.status < 200 || response.status > 299)
        throw new GitHubApiError(response.status, reasonOf(response.body));
    return JSON.parse(response.body);
}
/** A call to `/repos/{owner}/{repo}<path>`. */
const repositoryCall = (client, method, path, body) => send(client, method, `${client.run.apiUrl}/repos/${client.run.repository}${path}`, body);
/** A description redacted, then cut to GitHub's limit. */
const description = (client, text) => shorten(client.secrets.redact(text));
function deploymentsApi(client) {
    return {
        create: (deployment) => repositoryCall(client, 'POST', '/deployments', {
            ...deployment,
            description: description(client, deployment.description),
        }),
        addStatus: async (id, status) => {
            await repositoryCall(client, 'POST', `/deployments/${id}/statuses`, {
                ...status,
                description: description(client, status.description),
            });
        },
        list: (environment) => repositoryCall(client, 'GET', `/deployments?environment=${encodeURIComponent(environment)}&per_page=100`),
        latestState: async (id) => (await repositoryCall(client, 'GET', `/deployments/${id}/statuses?per_page=1`))[0]?.state,
    };
}
function issueCommentsApi(client) {
    return {
        list: (issue) => repositoryCall(client, 'GET', `/issues/${issue}/comments?per_page=100`),
        create: (issue, body) => repositoryCall(client, 'POST', `/issues/${issue}/comments`, { body }),
        update: (id, body) => repositoryCall(client, 'PATCH', `/issues/comments/${id}`, { body }),
    };
}
/**
 * The login the token acts as, which is the author of every comment it writes. GraphQL's `viewer` answers for every
 * kind of token: a user's, a GitHub App installation's (`<app>[bot]`), the job's own (`github-actions[bot]`). REST's
 * `GET /user` is asked when GraphQL cannot be (it answers for a user's token only).
 */
async function tokenLogin(client) {
    try {
        const answer = await send(client, 'POST', client.run.graphqlUrl, {
            query: 'query { viewer { login } }',
        });
        const login = answer.data?.viewer?.login;
        if (login)
            return login;
    }
    catch {
        // GraphQL unreachable or refused: REST may still answer.
    }
    const user = await send(client, 'GET', `${client.run.apiUrl}/user`);
    if (!user.login)
        throw new GitHubApiError(200, 'no login in the answer to GET /user');
    return user.login;
}

;// CONCATENATED MODULE: ./src/github/deployment-decisions.ts




/** The input names the environment; else the job's own (`environment:` of the job, the OIDC token's claim). */
function chooseEnvironment(input, jobEnvironment) {
    if (input)
        return input;
    return typeof jobEnvironment === 'string' && jobEnvironment ? jobEnvironment : undefined;
}
function target(config) {
    const { releaseName, namespace } = config.chart;
    const cluster = config.cluster.clusterName ? ` on ${config.cluster.clusterName}` : '';
    return `${releaseName} in ${namespace}${cluster}`;
}
function newDeployment(config, run, environment) {
    return {
        ref: run.sha,
        environment,
        description: `Portkey AI Gateway: ${target(config)}`,
        task: 'deploy',
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        payload: releasePayload(config),
    };
}
/** Which release a deployment is of: what later runs find their own deployments by. */
function releasePayload(config) {
    return {
        release: config.chart.releaseName,
        namespace: config.chart.namespace,
        ...(config.cluster.clusterName && { cluster: config.cluster.clusterName }),
        ...(config.cluster.resourceGroup && { resourceGroup: config.cluster.resourceGroup }),
    };
}
function startedStatus(config, run) {
    return { state: 'in_progress', description: `Deploying ${target(config)}`, log_url: run.url };
}
/**
 * `success` with the gateway's lasting URL, else `failure` with the reason: the Deployment opens only once the run
 * reached the cluster and is about to change it, so whatever fails after that is the release's own failure. A
 * cancelled run is `error`: nothing was wrong with the release, the run was stopped.
 */
function finishedStatus(outcome, run, failure) {
    if (!failure) {
        const r = outcome.release;
        const smoke = outcome.smokeTest ? `smoke test ${outcome.smokeTest.status}` : 'smoke test skipped';
        return {
            state: 'success',
            description: `${r.name} revision ${r.revision ?? '?'} deployed, ${smoke}`,
            log_url: run.url,
            environment_url: (0,outputs/* lastingGatewayUrl */.wJ)(outcome.address) || undefined,
        };
    }
    const description = (0,report_outcome/* describeFailure */.Ic)(failure.error).message;
    return { state: failure.cancelled ? 'error' : 'failure', description, log_url: run.url };
}
/** The environment's deployments of this release (its name, namespace and cluster in the payload), newest first. */
function deploymentsOfRelease(config, listed) {
    const mine = releasePayload(config);
    const same = (payload) => !!payload &&
        typeof payload === 'object' &&
        Object.entries(mine).every(([key, value]) => payload[key] === value);
    return listed.filter((d) => same(d.payload)).sort((a, b) => b.id - a.id);
}
function uninstalledStatus(config, run) {
    return { state: 'inactive', description: `Uninstalled: ${target(config)}`, log_url: run.url };
}
/** The environment's deployments older than ours, newest first: the ones this deploy replaces. */
function replacedBy(ourId, listed) {
    return listed.filter((d) => d.id !== ourId && d.id < ourId).sort((a, b) => b.id - a.id);
}
/**
 * A GitHub API failure in the workflow author's terms: what failed, which input, what to do. `doing` is what the
 * action was doing, e.g. "create the GitHub Deployment".
 */
function explainApiFailure(error, run, doing) {
    const skip = 'or set `github-deployment: false` to stop recording deployments.';
    const lead = `Could not ${doing}`;
    if (!(error instanceof GitHubApiError)) {
        const reason = error?.cause?.code ?? error?.message ?? String(error);
        return new errors/* ActionError */.l(`${lead}: GitHub's API at ${run.apiUrl} did not answer (${reason}).`, {
            input: 'github-deployment',
            hint: `Check GITHUB_API_URL and githubstatus.com; the deploy itself does not depend on it, ${skip}`,
        });
    }
    const said = `GitHub answered ${error.status} ${error.reason}`;
    if (error.status === 401) {
        return new errors/* ActionError */.l(`${lead}: GitHub refused the token in \`github-token\` (${said}).`, {
            input: 'github-token',
            hint: `Leave \`github-token\` at its default (the job's own token) or give a valid token, ${skip}`,
        });
    }
    if (error.status === 403 && /not accessible by integration/i.test(error.reason)) {
        return new errors/* ActionError */.l(`${lead}: the token in \`github-token\` may not write deployments (${said}).`, {
            input: 'github-token',
            hint: `Add \`deployments: write\` to the job's \`permissions:\` (next to \`id-token: write\`), ${skip}`,
        });
    }
    if (error.status === 404) {
        return new errors/* ActionError */.l(`${lead}: ${said} for repository ${run.repository} at ${run.apiUrl}.`, {
            input: 'github-token',
            hint: `The token cannot see this repository (a token of another repository or app?), or GITHUB_API_URL is not this repository's GitHub; ${skip}`,
        });
    }
    if (error.status === 422 && /no ref found/i.test(error.reason)) {
        return new errors/* ActionError */.l(`${lead}: ${said}: commit ${run.sha} is not in ${run.repository}.`, {
            input: 'github-deployment',
            hint: `A deployment records a commit of this repository (a run for a commit of a fork has none here), ${skip}`,
        });
    }
    return new errors/* ActionError */.l(`${lead}: ${said}.`, {
        input: 'github-deployment',
        hint: error.status >= 500 || error.status === 429
            ? `GitHub is having trouble: re-run later, ${skip}`
            : `Read GitHub's message above, ${skip}`,
    });
}

// EXTERNAL MODULE: ./src/github/run.ts
var github_run = __webpack_require__(1738);
// EXTERNAL MODULE: ./src/report/plan-section.ts
var plan_section = __webpack_require__(4901);
// EXTERNAL MODULE: ./src/report/summary.ts + 3 modules
var summary = __webpack_require__(1416);
;// CONCATENATED MODULE: ./src/github/plan-comment.ts
// The plan of a pull request, as a comment on it: created on the first run, updated on every later push, so the
// conversation holds one current plan per release. The comment found again is one that carries the release's
// marker and that the token itself wrote: anyone can post a comment with the marker in it, and adopting theirs would
// put our plan (and our name) on their text. GitHub's answer never decides the run: a failure is a warning, and the
// plan stays in the job summary.





/** The pull request of a `pull_request` (or `pull_request_target`) run, from its ref `refs/pull/N/merge`. */
function pullRequestNumber(env) {
    if (!/^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? ''))
        return undefined;
    const match = /^refs\/pull\/(\d+)\/(merge|head)$/.exec(env.GITHUB_REF ?? '');
    return match ? Number(match[1]) : undefined;
}
const commentMarker = (release) => `<!-- portkey-azure-deploy plan: ${release.namespace}/${release.name} -->`;
function explain(error, issue) {
    const said = error instanceof GitHubApiError ? `GitHub answered ${error.status} ${error.reason}` : String(error);
    const why = error instanceof GitHubApiError && error.status === 403
        ? 'the token in `github-token` may not write pull request comments: add `pull-requests: write` to the ' +
            "job's `permissions:` (a pull request from a fork gets a read-only token whatever the workflow asks)"
        : 'GitHub did not take the comment';
    return `Could not comment the plan on pull request #${issue} (${said}): ${why}. The plan is in the job summary.`;
}
/** The comment to update: the oldest one with the marker that `login` wrote. Pure. */
function ownComment(comments, marker, login) {
    if (!login)
        return undefined;
    return comments.find((c) => c.body.startsWith(marker) && c.user?.login?.toLowerCase() === login.toLowerCase());
}
/** Who the token is; undefined (and said why) when GitHub does not tell: then no comment is adopted. */
async function ownLogin(client) {
    try {
        return await tokenLogin(client);
    }
    catch (error) {
        runner/* info */.pq(`Could not learn which account \`github-token\` acts as (${String(error)}): posting a new plan comment.`);
        return undefined;
    }
}
/** Whether a plan is posted: `plan-comment` is on and the run is for a pull request. */
function commentsPlan(planComment, env = process.env) {
    return planComment && pullRequestNumber(env) !== undefined;
}
/** Creates or updates the plan's comment: its URL, or the warning saying why there is none. */
async function commentPlan(request) {
    const env = request.env ?? process.env;
    const issue = pullRequestNumber(env);
    if (issue === undefined)
        return {};
    const client = { run: (0,github_run/* workflowRun */.t)(env), token: request.token, seams: request.seams, secrets: request.secrets };
    const api = issueCommentsApi(client);
    const marker = commentMarker(request.plan.release);
    const markdown = request.outbound.markdown(request, ({ plan, notes }) => [...(notes.length ? [(0,summary/* formatNotes */.jQ)(notes)] : []), (0,plan_section/* planSection */.lA)(plan)].join('\n\n'));
    const body = `${marker}\n${markdown}`;
    try {
        const [comments, login] = await Promise.all([api.list(issue), ownLogin(client)]);
        const existing = ownComment(comments, marker, login);
        const comment = existing ? await api.update(existing.id, body) : await api.create(issue, body);
        runner/* info */.pq(`${existing ? 'Updated' : 'Posted'} the plan on pull request #${issue}: ${comment.html_url}`);
        return { url: comment.html_url };
    }
    catch (error) {
        const warning = explain(error, issue);
        runner/* warning */.$e(warning);
        return { warning };
    }
}

;// CONCATENATED MODULE: ./src/github/index.ts
// The GitHub Deployment of a deploy: created for the commit and environment with an `in_progress` status when the
// deploy is about to change the cluster (inputs, values, sign-in and every other check passed: a run refused before
// that records nothing), then `success` with the gateway's URL (earlier deployments of the environment marked
// inactive) or `failure`/`error` with the reason. An uninstall marks the release's deployments inactive, so the
// environment stops pointing at a gateway that is gone. GitHub's answer never decides the deploy: an API failure is a
// warning, unless `github-deployment: strict`.






/**
 * Runs a command. A deploy gets `beforeChanges`, to call once its last check has passed and right before it changes
 * the cluster: the GitHub Deployment opens there, and is finished with the deploy's result if it opened. An uninstall
 * marks the release's deployments inactive after it; any other command, or `github-deployment: false`, runs as is.
 */
async function trackGitHubDeployment(tracking, command) {
    const { config, outcome, stage } = tracking;
    const tracked = config.command === 'deploy' || config.command === 'uninstall';
    const nothing = async () => { };
    if (!tracked || !config.github.record)
        return command(nothing);
    const env = tracking.env ?? process.env;
    const run = (0,github_run/* workflowRun */.t)(env);
    const client = {
        run,
        token: config.github.token,
        seams: tracking.seams,
        secrets: tracking.secrets,
        stop: tracking.cancellation.reportOver,
    };
    const recorder = {
        run,
        api: deploymentsApi(client),
        problem(error, strict = config.github.strict) {
            if (strict)
                throw error;
            const text = [error.message, error.details.hint].filter(Boolean).join(' ');
            runner/* warning */.$e(text);
            outcome.record({ warnings: [text] });
        },
    };
    const getIDToken = tracking.getIDToken ?? runner/* getIDToken */.V9;
    if (config.command === 'uninstall') {
        const result = await command(nothing);
        await stage('Mark the GitHub Deployments inactive', async () => {
            const environment = await environmentFor(tracking, recorder, env, getIDToken);
            if (environment)
                await inactivateUninstalled(config, environment, recorder);
        });
        return result;
    }
    let opened;
    const beforeChanges = async () => {
        opened ??= stage('Record a GitHub Deployment', () => start(tracking, recorder, env, getIDToken));
        await opened;
    };
    /** Finishes the Deployment if one opened; a deploy that failed has its error in `failure`. */
    const finishOpened = async (failure) => {
        const id = await opened?.catch(() => undefined);
        if (id !== undefined)
            await stage('Update the GitHub Deployment', () => finish(id, tracking, recorder, failure));
    };
    let result;
    try {
        result = await command(beforeChanges);
    }
    catch (error) {
        // The run has failed already: a GitHub problem now is only worth a warning, never a second error.
        await finishOpened({ error, cancelled: tracking.cancellation.signal.aborted });
        throw error;
    }
    await finishOpened();
    return result;
}
/** The job's environment, from the `environment` claim of its OIDC token (GitHub sets no variable for it). */
async function jobEnvironment(env, recorder, getIDToken) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL)
        return undefined;
    try {
        return (0,github_token/* decodeJwtClaims */.dG)(await getIDToken()).environment; // runner.getIDToken masks the token
    }
    catch (error) {
        recorder.problem(new errors/* ActionError */.l(`Could not read the job's GitHub environment from its OIDC token: ${error.message}`, {
            input: 'github-deployment-environment',
            hint: 'Name the environment in `github-deployment-environment`, or set `github-deployment: false`.',
        }));
        return undefined;
    }
}
/** The environment the deployments are in: the input, else the job's; undefined (and said why) when there is none. */
async function environmentFor({ config }, recorder, env, getIDToken) {
    if (!config.github.token) {
        recorder.problem(new errors/* ActionError */.l('Could not record the GitHub Deployment: `github-token` is empty.', {
            input: 'github-token',
            hint: "Leave `github-token` at its default (the job's own token), or set `github-deployment: false`.",
        }));
        return undefined;
    }
    const fromJob = config.github.environment ? undefined : await jobEnvironment(env, recorder, getIDToken);
    const environment = chooseEnvironment(config.github.environment, fromJob);
    if (!environment) {
        const why = 'No GitHub Deployment recorded: the job names no GitHub environment (`environment:`) and `github-deployment-environment` is empty.';
        if (config.github.strict) {
            throw new errors/* ActionError */.l(why, {
                input: 'github-deployment-environment',
                hint: 'Give the job an `environment:` (with `permissions: id-token: write`, so the action can read it), or name one in `github-deployment-environment`.',
            });
        }
        runner/* info */.pq(why);
    }
    return environment;
}
/** Creates the Deployment and marks it in progress: its id, or undefined when there is none to finish. */
async function start(tracking, recorder, env, getIDToken) {
    const { config, outcome } = tracking;
    const { run, api } = recorder;
    const environment = await environmentFor(tracking, recorder, env, getIDToken);
    if (!environment)
        return undefined;
    runner/* info */.pq(`Recording commit ${run.sha.slice(0, 12)} in GitHub environment ${environment} (API ${run.apiUrl}).`);
    let id;
    try {
        ({ id } = await api.create(newDeployment(config, run, environment)));
    }
    catch (error) {
        recorder.problem(explainApiFailure(error, run, 'create the GitHub Deployment'));
        return undefined;
    }
    outcome.record({ deployment: { id, environment, state: 'created' } });
    runner/* info */.pq(`GitHub Deployment ${id} created.`);
    try {
        await api.addStatus(id, startedStatus(config, run));
        outcome.record({ deployment: { state: 'in_progress' } });
        runner/* info */.pq(`GitHub Deployment ${id}: in_progress.`);
    }
    catch (error) {
        recorder.problem(explainApiFailure(error, run, `mark GitHub Deployment ${id} in progress`));
    }
    return id;
}
async function finish(id, { outcome }, recorder, failure) {
    const { run, api } = recorder;
    const strict = failure ? false : undefined;
    const current = outcome.current;
    const status = finishedStatus(current, run, failure);
    try {
        await api.addStatus(id, status);
    }
    catch (caught) {
        recorder.problem(explainApiFailure(caught, run, `mark GitHub Deployment ${id} ${status.state}`), strict);
        return;
    }
    outcome.record({ deployment: { state: status.state } });
    const url = status.environment_url ? ` at ${status.environment_url}` : '';
    runner/* info */.pq(`GitHub Deployment ${id}: ${status.state}${url}.`);
    if (status.state === 'success')
        await inactivateReplaced(id, current.deployment?.environment ?? '', recorder);
}
/**
 * The deployments this one replaces stop showing as active. GitHub does it by itself only for non-production
 * environments.
 */
async function inactivateReplaced(id, environment, recorder) {
    await inactivate(environment, recorder, {
        what: `the earlier deployments of ${environment}`,
        which: (listed) => replacedBy(id, listed),
        status: { state: 'inactive', description: `Replaced by deployment ${id}`, log_url: recorder.run.url },
        why: `replaced by ${id}`,
    });
}
/** After an uninstall: the release's active deployments stop pointing at a gateway that is gone. */
async function inactivateUninstalled(config, environment, recorder) {
    const marked = await inactivate(environment, recorder, {
        what: `the deployments of ${environment}`,
        which: (listed) => deploymentsOfRelease(config, listed),
        status: uninstalledStatus(config, recorder.run),
        why: 'uninstalled',
    });
    if (marked === 0)
        runner/* info */.pq(`No active GitHub Deployment of ${config.chart.releaseName} in ${environment}.`);
}
/**
 * Gives the marking's status to the deployments it picks while they are active; walking back stops at the first
 * inactive one, everything older was made inactive before it. How many it marked; undefined when GitHub failed,
 * which is the recorder's problem.
 */
async function inactivate(environment, recorder, marking) {
    const { run, api } = recorder;
    let marked = 0;
    try {
        for (const deployment of marking.which(await api.list(environment))) {
            const state = await api.latestState(deployment.id);
            if (state === 'inactive')
                break;
            if (state !== 'success')
                continue;
            await api.addStatus(deployment.id, marking.status);
            runner/* info */.pq(`GitHub Deployment ${deployment.id}: inactive (${marking.why}).`);
            marked++;
        }
    }
    catch (error) {
        recorder.problem(explainApiFailure(error, run, `mark ${marking.what} inactive`));
        return undefined;
    }
    return marked;
}



/***/ })

};

//# sourceMappingURL=496.index.js.map