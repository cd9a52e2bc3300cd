// The shell command an AKS runCommand pod runs for one or more helm/kubectl command lines, and the reading of what it
// printed. AKS returns a single `logs` text and a single exit code per invocation, so the script frames each command's
// stdout, stderr and exit code between boundary lines (random per invocation, like a MIME boundary) and ends with an
// end line: output cut at AKS's 512 kB limit has no end line. Every argument is single-quoted, and none holds a
// secret: values travel in the context zip, never on this line. Pure.
import type { CommandLine } from '../cluster/port.js';
import type { RunResult } from '../seams.js';

/**
 * How a runner asks a command that is already running in the pod to stop: the script watches for this ConfigMap and
 * then sends helm SIGTERM, which helm handles like the SIGINT a local run gets (it stops and marks its revision failed;
 * the release transaction then recovers it).
 */
export interface StopSignal {
  configMap: string;
  namespace: string;
}

const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** One argument for a POSIX shell, quoted only when it needs to be. */
export function shellQuote(arg: string): string {
  return SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandText(command: CommandLine): string {
  return [command.tool, ...command.args].map(shellQuote).join(' ');
}

/** How often the pod looks for the stop ConfigMap while helm runs. */
const STOP_POLL_SECONDS = 2;

function runOne(command: CommandLine, index: number, stop?: StopSignal): string[] {
  const files = `>.pk-out-${index} 2>.pk-err-${index} </dev/null`;
  if (!stop) return [`${commandText(command)} ${files}; pk_c=$?`];
  const configMap = `configmap ${shellQuote(stop.configMap)} -n ${shellQuote(stop.namespace)}`;
  return [
    // Not `( … ) &`: the signal must reach helm itself, not a subshell.
    `${commandText(command)} ${files} & pk_p=$!`,
    `while kill -0 "$pk_p" 2>/dev/null; do`,
    `  if kubectl get ${configMap} -o name >/dev/null 2>&1; then`,
    `    kill -TERM "$pk_p"; kubectl delete ${configMap} --ignore-not-found >/dev/null 2>&1; break`,
    `  fi`,
    `  sleep ${STOP_POLL_SECONDS}`,
    `done`,
    `wait "$pk_p"; pk_c=$?`,
  ];
}

/** The script for `commands`, run one after the other; `stop` applies to a single long command. */
export function batchScript(commands: CommandLine[], boundary: string, stop?: StopSignal): string {
  if (stop && commands.length !== 1) throw new Error('A stop signal watches exactly one command.');
  const lines = commands.flatMap((command, i) => [
    ...runOne(command, i, stop),
    `printf '\\n%s %d stdout %d\\n' '${boundary}' ${i} "$pk_c"; cat .pk-out-${i}`,
    `printf '\\n%s %d stderr\\n' '${boundary}' ${i}; cat .pk-err-${i}; rm -f .pk-out-${i} .pk-err-${i}`,
  ]);
  lines.push(`printf '\\n%s end\\n' '${boundary}'`);
  return lines.join('\n');
}

/** How long the stop keeps trying: a first install may not have created its namespace yet. */
const STOP_ATTEMPTS = 30;

/** Creates the stop ConfigMap a running script watches for (or finds it there already). */
export function stopScript(stop: StopSignal): string {
  const configMap = `configmap ${shellQuote(stop.configMap)} -n ${shellQuote(stop.namespace)}`;
  return [
    `i=0; while [ "$i" -lt ${STOP_ATTEMPTS} ]; do`,
    `  kubectl create ${configMap} >/dev/null 2>&1 || kubectl get ${configMap} -o name >/dev/null 2>&1 && exit 0`,
    `  i=$((i + 1)); sleep ${STOP_POLL_SECONDS}`,
    `done; exit 1`,
  ].join('\n');
}

export interface BatchOutput {
  /** False when the end line is missing: AKS cut the output. */
  complete: boolean;
  /** One per command that printed its exit code; a cut output may hold fewer than were sent. */
  results: RunResult[];
}

/** Reads back what `batchScript` printed. */
export function parseBatchOutput(logs: string, boundary: string, count: number): BatchOutput {
  const results: RunResult[] = [];
  let complete = false;
  // Each boundary line starts at a line of its own: the script prints a newline before it.
  const sections = `\n${logs}`.split(`\n${boundary} `).slice(1);
  for (const section of sections) {
    const newline = section.indexOf('\n');
    const header = newline < 0 ? section : section.slice(0, newline);
    const body = newline < 0 ? '' : section.slice(newline + 1);
    if (header === 'end') {
      complete = true;
      break;
    }
    const stdout = /^(\d+) stdout (\d+)$/.exec(header);
    if (stdout && Number(stdout[1]) === results.length) {
      results.push({ exitCode: Number(stdout[2]), stdout: body, stderr: '' });
      continue;
    }
    const stderr = /^(\d+) stderr$/.exec(header);
    if (stderr && Number(stderr[1]) === results.length - 1) results[results.length - 1].stderr = body;
  }
  // Without the end line, the last command's output may stop anywhere: only the ones before it are whole.
  if (!complete) results.pop();
  return { complete: complete && results.length === count, results };
}
