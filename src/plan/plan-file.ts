// The plan as a file later steps of the job can read or upload (`plan-file`): JSON written by the run's Outbound, so
// no secret value is in it, under a random name in the action's private folder, created exclusively with mode 0600.
// The post step, at the end of the job, removes it with the folder.
import type { Outbound } from '../secrets/index.js';
import type { Workspace } from '../workspace.js';
import type { ReleasePlan } from './plan-release.js';

export const writePlanFile = (plan: ReleasePlan, workspace: Workspace, outbound: Outbound): Promise<string> =>
  outbound.jsonFile(workspace, 'plan', plan);
