// The table of contents: read the inputs, then run one stage after another, each in its own log group.
import * as core from '@actions/core';

export async function run(): Promise<void> {
  core.setFailed('not wired yet');
}

export async function post(): Promise<void> {}
