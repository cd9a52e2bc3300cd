// The commands as main.ts dispatches them, loaded once the inputs are read: their stages (and @actions/tool-cache
// under them) are most of the start-up time, and the first stage's log group should not wait for them.
import type { Command } from '../inputs/config.js';
import { deploy } from './deploy.js';
import { plan } from './plan.js';
import { render } from './render.js';
import type { Run } from './run.js';
import { uninstall } from './uninstall.js';

export const COMMANDS: Record<Command, (run: Run) => Promise<void>> = { deploy, plan, render, uninstall };
export type { Run } from './run.js';
