// The plan as a file later steps can read or upload (no secret value is in it). It lives in RUNNER_TEMP beside the
// action's private folder, so the post step, which removes that folder, leaves it for the rest of the job.
import { writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ReleasePlan } from './plan-release.js';

export async function writePlanFile(plan: ReleasePlan, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = path.join(env.RUNNER_TEMP || os.tmpdir(), `portkey-azure-deploy-plan-${plan.release.name}.json`);
  await writeFile(file, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o644 });
  return file;
}
