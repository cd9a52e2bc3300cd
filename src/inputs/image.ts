// The gateway image as the chart writes it, `<repository>:<tag>`: both held to the OCI distribution grammar (the
// one docker and containerd parse), so a typo fails here and not as an ImagePullBackOff minutes into the rollout.
import { InvalidInput } from './scalars.js';

const quote = (raw: string) => JSON.stringify(raw);
/** A path component: lower-case letters and digits, separated by `.`, `_`, `__` or dashes. */
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/** A registry host name, with an optional port. */
const REGISTRY =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** `portkeyai/gateway`, `myregistry.azurecr.io/portkey/gateway`, `localhost:5000/gateway`; no tag, no digest. */
export function parseImageRepository(raw: string): string {
  const bad = (why: string) =>
    new InvalidInput(
      `${quote(raw)} is not an image repository: ${why}. Write it like myregistry.azurecr.io/portkey/gateway.`,
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) throw bad('leave out the scheme');
  if (raw.includes('@')) throw bad('a digest does not belong here; the chart takes a tag in `gateway-image-tag`');
  if (raw.length > 255) throw bad('it is longer than 255 characters');
  const parts = raw.split('/');
  // As docker decides: the first part is a registry when it has a dot or a port, or is localhost.
  const first = parts[0];
  const registry = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost') ? parts.shift()! : undefined;
  if (registry !== undefined && !REGISTRY.test(registry)) throw bad(`${quote(registry)} is not a registry host`);
  const last = parts[parts.length - 1];
  if (last.includes(':') && COMPONENT.test(last.split(':')[0])) {
    throw bad('the tag does not belong here; give it in `gateway-image-tag`');
  }
  const wrong = parts.find((part) => !COMPONENT.test(part));
  if (wrong !== undefined) {
    throw bad(`${quote(wrong)} is not a path component (lower-case letters and digits, separated by '.', '_' or '-')`);
  }
  return raw;
}

/** Letters, digits, `_`, `.` and `-`, not starting with `.` or `-`, at most 128 characters. */
export function parseImageTag(raw: string): string {
  if (TAG.test(raw)) return raw;
  throw new InvalidInput(
    `${quote(raw)} is not an image tag: use letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters (like 2.13.0).`,
  );
}

/**
 * A tag that names whatever was pushed last (Portkey's guide deploys `latest`). Nodes keep the first image they pulled
 * under it unless the pull policy is Always, and a deploy that changes nothing else restarts no pod.
 */
export const isMutableTag = (tag: string): boolean => tag === 'latest';
