// The workflow commands a step's log issues, read the way GitHub's runner reads them (ActionCommandManager): a line
// that starts with `::name` after leading spaces, or the old `##[name]` anywhere in a line; nothing but the resume
// token (compared ignoring case) between `::stop-commands::TOKEN` and `::TOKEN::`.

export interface WorkflowCommand {
  name: string;
  /** `name=value` pairs before the data, as written. */
  properties: string;
  data: string;
}

const COMMANDS = ['add-mask', 'add-path', 'debug', 'endgroup', 'error', 'group', 'notice', 'save-state', 'set-env'];
const KNOWN = new Set([...COMMANDS, 'set-output', 'stop-commands', 'warning', 'echo', 'add-matcher', 'remove-matcher']);

function parse(line: string): WorkflowCommand | undefined {
  const trimmed = line.trimStart();
  const current = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/.exec(trimmed);
  if (current) return { name: current[1], properties: current[2] ?? '', data: current[3] };
  const old = /##\[([^\s\]]+)(?: ([^\]]*))?\](.*)$/.exec(line);
  return old ? { name: old[1], properties: old[2] ?? '', data: old[3] } : undefined;
}

export function workflowCommands(log: string): WorkflowCommand[] {
  const issued: WorkflowCommand[] = [];
  let stoppedBy: string | undefined;
  for (const line of log.split(/\r?\n/)) {
    const command = parse(line);
    if (!command) continue;
    if (stoppedBy !== undefined) {
      if (command.name.toLowerCase() === stoppedBy.toLowerCase()) stoppedBy = undefined;
      continue;
    }
    if (command.name === 'stop-commands') stoppedBy = command.data;
    else if (KNOWN.has(command.name)) issued.push(command);
  }
  return issued;
}
