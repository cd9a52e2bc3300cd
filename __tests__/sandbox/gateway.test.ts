import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GATEWAY_GREETING, startGateway, type Gateway } from '../../sandbox/gateway.js';
import { liveDescendants } from './processes.js';

describe('sandbox gateway (the real open-source Portkey gateway)', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('answers GET / with its greeting on loopback', async () => {
    const response = await fetch(`${gateway.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(GATEWAY_GREETING);
  });

  it('forwards a chat completion to the OpenAI-shaped upstream and returns its answer', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': gateway.upstream.url,
        authorization: 'Bearer sk-sandbox-provider-key',
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] }),
    });
    const body = (await response.json()) as {
      object: string;
      model: string;
      choices: { message: { content: string } }[];
    };
    expect(response.status).toBe(200);
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.choices[0].message.content).toMatch(/sandbox upstream/);
    const forwarded = gateway.upstream.requests.at(-1)!;
    expect(forwarded.path).toBe('/v1/chat/completions');
    expect(forwarded.headers.authorization).toBe('Bearer sk-sandbox-provider-key');
    expect(JSON.parse(forwarded.body)).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('stops the whole process group and frees the port', async () => {
    const second = await startGateway();
    expect(liveDescendants().map((p) => p.pid)).toContain(second.pid);
    await second.close();
    expect(liveDescendants().map((p) => p.pid)).not.toContain(second.pid);
    expect(() => process.kill(-second.pid, 0)).toThrow();
    await expect(fetch(`${second.url}/`)).rejects.toThrow();
  });
});
