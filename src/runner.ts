// The runner's protocol, the part the action speaks: workflow commands on stdout, file commands (outputs, state, the
// job's environment and path, the job summary), inputs from INPUT_*, and the job's OIDC token. Written here rather than
// taken from @actions/core, which loads an HTTP stack (undici, 0.9 MB) at start-up for its OIDC client alone: about
// 100 ms of every run before the first stage. The formats are the toolkit's, so the runner reads them the same way.
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::name key=value::message`, the message and properties escaped onto one line. */
function issue(name: string, message: string, properties: Record<string, string> = {}): void {
  const shown = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(value)}`);
  process.stdout.write(`::${name}${shown.length ? ` ${shown.join(',')}` : ''}::${escapeData(message)}${EOL}`);
}

/** Appends to the file a file command names; false when the runner gave none (an old runner: use the command). */
function fileCommand(command: 'OUTPUT' | 'STATE' | 'ENV' | 'PATH', message: string): boolean {
  const file = process.env[`GITHUB_${command}`];
  if (!file) return false;
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${message}${EOL}`, 'utf8');
  return true;
}

/** `name<<delimiter`, the value, the delimiter: a delimiter no name or value can contain, so neither can end it early. */
function keyValue(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`${name} holds the delimiter ${delimiter}`);
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`;
}

const messageOf = (message: string | Error) => (message instanceof Error ? message.toString() : message);

export const info = (message: string): void => void process.stdout.write(`${message}${EOL}`);
export const debug = (message: string): void => issue('debug', message);
export const warning = (message: string | Error): void => issue('warning', messageOf(message));
export const error = (message: string | Error): void => issue('error', messageOf(message));
/** From now on the runner prints `secret` as `***` wherever it appears in the log. */
export const setSecret = (secret: string): void => issue('add-mask', secret);

/** The step fails when the process ends, with `message` as its error annotation. */
export function setFailed(message: string | Error): void {
  process.exitCode = 1;
  error(message);
}

/** Runs `fn` inside a collapsed log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  issue('group', name);
  try {
    return await fn();
  } finally {
    issue('endgroup', '');
  }
}

/** An input as the workflow gave it, trimmed; '' when not given. */
export const getInput = (name: string): string =>
  (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

export function setOutput(name: string, value: string): void {
  if (fileCommand('OUTPUT', keyValue(name, value))) return;
  process.stdout.write(EOL);
  issue('set-output', value, { name });
}

/** What this process saved: a runner that runs main and post in one process (local-action) hands state over so. */
const savedHere = new Map<string, string>();

/** Kept for the post step, which reads it back with getState. */
export function saveState(name: string, value: string): void {
  savedHere.set(name, value);
  if (!fileCommand('STATE', keyValue(name, value))) issue('save-state', value, { name });
}

/** What main saved: GitHub's runner starts post as a new process with it in STATE_<name>. */
export const getState = (name: string): string => process.env[`STATE_${name}`] ?? savedHere.get(name) ?? '';

/** Sets `name` for this process and for the job's later steps. */
export function exportVariable(name: string, value: string): void {
  process.env[name] = value;
  if (!fileCommand('ENV', keyValue(name, value))) issue('set-env', value, { name });
}

/** Puts `folder` first on PATH, for this process and for the job's later steps. */
export function addPath(folder: string): void {
  if (!fileCommand('PATH', folder)) issue('add-path', folder);
  process.env.PATH = `${folder}${path.delimiter}${process.env.PATH ?? ''}`;
}

/** Appends Markdown to the job summary. */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error('GITHUB_STEP_SUMMARY is not set: this runner does not support job summaries.');
  await appendFile(file, `${markdown}${EOL}`, 'utf8');
}

/** Attempts at the job's token service before giving up: it answers 5xx now and then, as the toolkit's client expects. */
const ID_TOKEN_ATTEMPTS = 3;

/**
 * The job's GitHub OIDC token for `audience`, masked before it is returned. Needs `permissions: id-token: write`,
 * which is what puts ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN into the environment.
 */
export async function getIDToken(audience?: string): Promise<string> {
  const url = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !requestToken) {
    throw new Error(
      'ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set: give the job `permissions: id-token: write`.',
    );
  }
  const withAudience = audience ? `${url}&audience=${encodeURIComponent(audience)}` : url;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(withAudience, {
      headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' },
    });
    if (response.status >= 500 && attempt < ID_TOKEN_ATTEMPTS) {
      await delay(1000 * attempt);
      continue;
    }
    const body = await response.text();
    if (!response.ok) throw new Error(`the token service answered HTTP ${response.status}`);
    const token = (JSON.parse(body) as { value?: unknown }).value;
    if (typeof token !== 'string' || !token) throw new Error('the token service answered without a token');
    setSecret(token);
    return token;
  }
}
