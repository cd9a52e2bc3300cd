// The `kubeconfig` input: the file's content or its path. Everything secret in it is returned for masking,
// even when the content turns out not to be a kubeconfig (the caller masks first, then reports).
import { parse } from 'yaml';
import { InvalidInput } from './scalars.js';

export interface KubeconfigInput {
  content: string;
  /** The whole content plus each credential inside it (tokens, keys, passwords), for core.setSecret. */
  secrets: string[];
  /** Set when the content is not a kubeconfig. */
  problem?: string;
}

const credentialKey = /token|secret|password|key-data|certificate-data/i;

function credentialsIn(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return credentialKey.test(key) && node ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((item) => credentialsIn(item, key));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([childKey, child]) => credentialsIn(child, childKey));
  }
  return [];
}

function parseQuietly(content: string): unknown {
  try {
    return parse(content);
  } catch {
    return undefined;
  }
}

export function readKubeconfig(raw: string, readFile: (path: string) => string): KubeconfigInput {
  const looksLikeContent = raw.includes('\n') || /^\s*(\{|apiVersion\s*:|kind\s*:|clusters\s*:)/.test(raw);
  let content = raw;
  if (!looksLikeContent) {
    try {
      content = readFile(raw);
    } catch {
      throw new InvalidInput('is neither a kubeconfig nor the path of a readable file.');
    }
  }
  const parsed = parseQuietly(content);
  if (!parsed || typeof parsed !== 'object' || !('clusters' in parsed)) {
    return { content, secrets: [content], problem: 'is not a kubeconfig (YAML with clusters, users and contexts).' };
  }
  return { content, secrets: [content, ...credentialsIn((parsed as { users?: unknown }).users)] };
}
