// Kubernetes' protobuf wire format, decoded for the few kinds real clients send that way: helm's typed client
// writes its release Secrets as protobuf, `kubectl create namespace` sends a Namespace and `kubectl auth can-i` a
// SelfSubjectAccessReview. The body is the magic
// `k8s\0` followed by a runtime.Unknown message {typeMeta{apiVersion, kind}, raw}; `raw` is the object itself.
// Field numbers come from k8s.io/api's generated.proto. Answers always go back as JSON, which clients accept.
import { KubeError } from './store.js';
import type { KubeObject } from './selectors.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Fields = Map<number, (bigint | Buffer)[]>;

function readVarint(buffer: Buffer, offset: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buffer[offset++];
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value, offset];
    shift += 7n;
  }
}

/** Splits a message into field number → values; varints as bigint, length-delimited fields as Buffers. */
function readFields(buffer: Buffer): Fields {
  const fields: Fields = new Map();
  let offset = 0;
  while (offset < buffer.length) {
    const [tag, afterTag] = readVarint(buffer, offset);
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    let value: bigint | Buffer;
    if (wireType === 0) [value, offset] = readVarint(buffer, afterTag);
    else if (wireType === 2) {
      const [length, start] = readVarint(buffer, afterTag);
      value = buffer.subarray(start, start + Number(length));
      offset = start + Number(length);
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      value = buffer.subarray(afterTag, afterTag + size);
      offset = afterTag + size;
    } else throw new KubeError(400, 'BadRequest', `unsupported protobuf wire type ${wireType}`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

const text = (fields: Fields, n: number) => (fields.get(n)?.[0] as Buffer | undefined)?.toString('utf8');
const texts = (fields: Fields, n: number) => (fields.get(n) ?? []).map((v) => (v as Buffer).toString('utf8'));
const bool = (fields: Fields, n: number) => (fields.has(n) ? fields.get(n)![0] === 1n : undefined);
const message = (fields: Fields, n: number) =>
  readFields((fields.get(n)?.[0] as Buffer | undefined) ?? Buffer.alloc(0));

/** A map<string, string|bytes> field: repeated entries {1: key, 2: value}. Bytes become base64 as in JSON. */
function map(fields: Fields, n: number, bytes = false): Record<string, string> | undefined {
  const entries = fields.get(n);
  if (!entries) return undefined;
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const kv = readFields(entry as Buffer);
    const value = (kv.get(2)?.[0] as Buffer | undefined) ?? Buffer.alloc(0);
    result[text(kv, 1) ?? ''] = bytes ? value.toString('base64') : value.toString('utf8');
  }
  return result;
}

/** Drops absent fields; Go writes empty strings for unset ones, which JSON would omit. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function objectMeta(fields: Fields): KubeObject['metadata'] {
  const ownerReferences = (fields.get(13) ?? []).map((raw) => {
    const ref = readFields(raw as Buffer);
    return compact({
      apiVersion: text(ref, 5),
      kind: text(ref, 1),
      name: text(ref, 3),
      uid: text(ref, 4),
      controller: bool(ref, 6),
      blockOwnerDeletion: bool(ref, 7),
    });
  });
  return compact({
    name: text(fields, 1) ?? '',
    generateName: text(fields, 2),
    namespace: text(fields, 3),
    resourceVersion: text(fields, 6),
    labels: map(fields, 11),
    annotations: map(fields, 12),
    ownerReferences: ownerReferences.length ? ownerReferences : undefined,
    finalizers: fields.has(14) ? texts(fields, 14) : undefined,
  });
}

const decoders: Record<string, (fields: Fields) => Record<string, unknown>> = {
  Secret: (f) => ({ data: map(f, 2, true), type: text(f, 3), stringData: map(f, 4), immutable: bool(f, 5) }),
  ConfigMap: (f) => ({ data: map(f, 2), binaryData: map(f, 3, true), immutable: bool(f, 4) }),
  Namespace: (f) => ({ spec: compact({ finalizers: message(f, 2).has(1) ? texts(message(f, 2), 1) : undefined }) }),
  // kubectl auth can-i: spec{resourceAttributes{namespace, verb, group, version, resource, subresource, name}}.
  SelfSubjectAccessReview: (f) => {
    const asked = message(message(f, 2), 1);
    const [namespace, verb, group, version, resource, subresource, name] = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      text(asked, n),
    );
    return { spec: { resourceAttributes: compact({ namespace, verb, group, version, resource, subresource, name }) } };
  },
};

export function isProtobuf(contentType: string): boolean {
  return contentType.startsWith('application/vnd.kubernetes.protobuf');
}

/** Decodes a protobuf request body into the JSON object a client would have sent. */
export function decodeProtobufObject(body: Buffer): KubeObject {
  if (!body.subarray(0, 4).equals(MAGIC))
    throw new KubeError(400, 'BadRequest', 'protobuf body without the k8s envelope');
  const unknown = readFields(body.subarray(4));
  const typeMeta = message(unknown, 1);
  const apiVersion = text(typeMeta, 1) ?? 'v1';
  const kind = text(typeMeta, 2) ?? '';
  const decode = decoders[kind];
  if (!decode) {
    throw new KubeError(
      415,
      'UnsupportedMediaType',
      `the sandbox cannot decode ${kind || 'this kind'} from protobuf; send JSON`,
    );
  }
  const raw = message(unknown, 2);
  return compact({ apiVersion, kind, metadata: objectMeta(message(raw, 1)), ...decode(raw) }) as KubeObject;
}
