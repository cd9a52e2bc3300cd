// The `kubeconfig` input: the file's content or its path, read as client-go reads it and checked against what
// the action allows a handed-in kubeconfig to do (src/kubeconfig/). What comes out is the normalised document, the
// one helm and kubectl will read. Everything secret in it is returned for masking, the whole text included even when
// it turns out not to be a kubeconfig (the caller masks first, then reports).
import * as path from 'node:path';
import {
  InvalidKubeconfig,
  kubeconfigSecrets,
  kubeconfigText,
  parseKubeconfig,
  policyProblems,
  withAbsolutePaths,
  type KubeconfigPolicy,
} from '../kubeconfig/index.js';
import { InvalidInput } from './scalars.js';

export interface KubeconfigInput {
  /** The normalised kubeconfig (JSON, its current context only); the text as given when it has a problem. */
  content: string;
  /** The whole text plus each credential inside it (tokens, keys, passwords), for runner.setSecret. */
  secrets: string[];
  /** Why it cannot be used as it is, one sentence each: not a kubeconfig, or something the policy refuses. */
  problems: string[];
}

/** `raw` is the input; `readFile` reads the file it names when it is a path. */
export function readKubeconfig(
  raw: string,
  readFile: (path: string) => string,
  policy: KubeconfigPolicy,
  workingDir = process.cwd(),
): KubeconfigInput {
  const looksLikeContent = raw.includes('\n') || /^\s*(\{|apiVersion\s*:|kind\s*:|clusters\s*:)/.test(raw);
  let text = raw;
  // client-go resolves relative file paths against the kubeconfig's folder; content has none, so the workspace.
  let baseDir = workingDir;
  if (!looksLikeContent) {
    try {
      text = readFile(raw);
    } catch (error) {
      const why = error instanceof InvalidInput ? `: as a path, ${error.message}` : '.';
      throw new InvalidInput(`is neither a kubeconfig nor the path of a file the action may read${why}`);
    }
    baseDir = path.dirname(path.resolve(workingDir, raw));
  }
  try {
    const kubeconfig = withAbsolutePaths(parseKubeconfig(text), baseDir);
    return {
      content: kubeconfigText(kubeconfig),
      secrets: [text, ...kubeconfigSecrets(kubeconfig)],
      problems: policyProblems(kubeconfig, policy),
    };
  } catch (error) {
    if (!(error instanceof InvalidKubeconfig)) throw error;
    return { content: text, secrets: [text], problems: [error.message] };
  }
}
