import { describe, expect, it } from '@jest/globals';
import {
  base64Forms,
  derivedForms,
  pullSecretForms,
  redactStandardStreams,
  SecretSet,
} from '../../src/secrets/index.js';

describe('derivedForms', () => {
  it('finds a secret in base64 wherever it sits in the encoded text', () => {
    const secret = 'dckr_pat_9f8e7d6c5b4a';
    for (const prefix of ['', 'a', 'ab', 'abc', '{"auths":{"x":{"password":"']) {
      const encoded = Buffer.from(`${prefix}${secret}","email":""}`).toString('base64');
      expect(base64Forms(secret).some((form) => form.length >= 6 && encoded.includes(form))).toBe(true);
    }
  });

  it('covers the JSON-escaped form and each line of a multi-line secret', () => {
    const key = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"quoted"\n-----END KEY-----';
    const forms = derivedForms(key);
    expect(forms).toContain(key);
    expect(forms).toContain(JSON.stringify(key).slice(1, -1));
    expect(forms).toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(forms).not.toContain('');
  });

  it('covers the forms a workflow command and a URL print it in', () => {
    const secret = 'p%ss:w/rd\nline-two-of-it';
    const forms = derivedForms(secret);
    expect(forms).toContain('p%25ss:w/rd%0Aline-two-of-it');
    expect(forms).toContain(encodeURIComponent(secret));
  });
});

describe('derivedForms of secrets that are not hex', () => {
  // Quotes, backslashes, HTML characters, non-ASCII letters and a line break: what a password can hold.
  const secret = 'pä"ss\\w<o>rd&ü\nsecond-line-7c1d';
  const set = new SecretSet(() => undefined);
  set.add(secret);
  /** The inside of the JSON string that holds it. */
  const inJson = JSON.stringify(secret).slice(1, -1);

  it.each([
    ['raw', secret],
    ['JSON-escaped by JavaScript', inJson],
    ['JSON-escaped by Go (helm, kubectl)', inJson.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)],
    ['JSON-escaped as ASCII only', inJson.replace(/[^\x20-\x7e]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)],
    ['URL-encoded', encodeURIComponent(secret)],
    ['escaped in a workflow command', secret.replace(/%/g, '%25').replace(/\n/g, '%0A')],
    ['one of its lines', 'second-line-7c1d'],
  ])('cuts it out %s', (_, form) => {
    expect(set.redact(`before ${form} after`)).toBe(`before *** after`);
  });

  it('cuts out the base64 of its JSON-escaped form at every offset, as inside a .dockerconfigjson', () => {
    for (const prefix of ['', 'a', 'ab', '{"auths":{"r":{"password":"']) {
      const document = `${prefix}${JSON.stringify(secret).slice(1, -1)}","email":""}}}`;
      const encoded = Buffer.from(document).toString('base64');
      const redacted = set.redact(encoded);
      expect(redacted).toContain('***');
      // Whatever is left decodes to no piece of the secret longer than a few characters.
      for (const skip of [0, 1, 2, 3]) {
        const decoded = Buffer.from(redacted.replace(/\*/g, '').slice(skip), 'base64').toString('utf8');
        expect(decoded).not.toContain('ss\\\\w');
      }
    }
  });

  it('cuts out the dockerconfigjson the chart makes of registry credentials', () => {
    const credentials = new SecretSet(() => undefined);
    credentials.add(...pullSecretForms('myregistry.azurecr.io', 'puller', secret));
    const config = { auths: { 'myregistry.azurecr.io': { auth: Buffer.from(`puller:${secret}`).toString('base64') } } };
    expect(credentials.redact(Buffer.from(JSON.stringify(config)).toString('base64'))).toBe('***');
  });
});

describe('redactDeep', () => {
  it('redacts every string of a value, map keys included, and keeps the rest as it is', () => {
    const set = new SecretSet(() => undefined);
    set.add('tok-"quoted"-55');
    const value = { a: ['x tok-"quoted"-55 y', 3, null, true], 'tok-"quoted"-55': { b: 'plain' } };
    expect(set.redactDeep(value)).toEqual({ a: ['x *** y', 3, null, true], '***': { b: 'plain' } });
  });
});

describe('SecretSet', () => {
  it('masks every form once, when added', () => {
    const masked: string[] = [];
    const set = new SecretSet((value) => masked.push(value));
    set.add('pk-live-123456', undefined, '', 'pk-live-123456');
    expect(masked).toContain('pk-live-123456');
    expect(masked).toContain(Buffer.from('pk-live-123456').toString('base64'));
    expect(new Set(masked).size).toBe(masked.length);
  });

  it('redacts the longest form first and leaves too-short values alone', () => {
    const set = new SecretSet(() => undefined);
    set.add('abc', 'token-123456', 'token-123456-extended');
    expect(set.redact('x token-123456-extended y token-123456 z abc')).toBe('x *** y *** z abc');
    const json = JSON.stringify({ password: 'token-123456' });
    expect(set.redact(Buffer.from(json).toString('base64'))).toContain('***');
  });

  it('cuts overlapping secrets out together, whichever starts first', () => {
    const set = new SecretSet(() => undefined);
    set.add('xxab', 'abyyyy');
    expect(set.redact('<xxabyyyy>')).toBe('<***>');
    expect(set.redact('xxab abyyyy')).toBe('*** ***');
  });

  it('redacts a long text and many short ones in one pass each', () => {
    const set = new SecretSet(() => undefined);
    const secrets = Array.from({ length: 100 }, (_, i) => `secret-${i}-${'s'.repeat(20)}`);
    set.add(...secrets);
    const text = `${'value: ordinary text\n'.repeat(200_000)}${secrets[42]}`;
    const started = performance.now();
    expect(set.redact(text).endsWith('\n***')).toBe(true);
    for (let i = 0; i < 100_000; i++) set.redact(`value-${i}-of-an-ordinary-kind`);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('redactStandardStreams', () => {
  it('redacts every write but lets the mask commands of the set itself through', () => {
    const written: string[] = [];
    const stream = { write: (chunk: string | Uint8Array) => written.push(String(chunk)) > 0 };
    const secrets = new SecretSet();
    redactStandardStreams(secrets, [stream as never]);
    const stdout = process.stdout.write;
    // core.setSecret writes its command to process.stdout: route it to the fake stream for the test.
    process.stdout.write = stream.write as never;
    try {
      secrets.add('hunter2-secret');
    } finally {
      process.stdout.write = stdout;
    }
    stream.write('::add-mask::hunter2-secret\n');
    stream.write(`helm said: hunter2-secret and ${Buffer.from('hunter2-secret').toString('base64')}\n`);
    stream.write(Buffer.from('bytes hunter2-secret\n'));
    expect(written[0]).toBe('::add-mask::hunter2-secret\n');
    expect(written.slice(-3)).toEqual(['::add-mask::***\n', 'helm said: *** and ***\n', 'bytes ***\n']);
  });
});
