import { describe, expect, it } from '@jest/globals';
import { base64Forms, derivedForms, SecretSet } from '../src/secrets.js';

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
});
