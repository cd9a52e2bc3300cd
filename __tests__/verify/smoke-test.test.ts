import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATEWAY_GREETING, freePort, startGateway, type Gateway } from '../../sandbox/gateway.js';
import type { SmokeTestConfig } from '../../src/inputs/config.js';
import { realSeams, type Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets.js';
import { runSmokeTest } from '../../src/verify/smoke-test.js';

const PROVIDER_KEY = 'sk-test-provider-key-0123456789';
const PORTKEY_KEY = 'pk-test-portkey-key-9876543210';
const secrets = new SecretSet(() => undefined);
secrets.add(PROVIDER_KEY, PORTKEY_KEY);
const context = { secrets };

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server whose answers the test scripts, one handler per request in order (the last one repeats). */
async function scriptedServer(answers: ((r: Received) => { status: number; body: string })[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body };
      received.push(r);
      const answer = answers[Math.min(received.length - 1, answers.length - 1)](r);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Real HTTP, but sleeping only moves a fake clock forward. */
function seamsWithFakeSleep() {
  let offset = 0;
  const sleeps: number[] = [];
  const seams: Seams = {
    ...realSeams,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      sleeps.push(ms);
      offset += ms;
    },
  };
  return { seams, sleeps };
}

function config(
  overrides: Partial<SmokeTestConfig> = {},
  chat: Partial<SmokeTestConfig['chat']> = {},
): SmokeTestConfig {
  return {
    enabled: true,
    url: '',
    path: '/v1/health',
    expectedStatus: 200,
    expectedBody: '',
    timeoutSeconds: 120,
    chat: { model: '', provider: 'openai', providerKey: '', portkeyApiKey: '', customHost: '', ...chat },
    allowInsecureTransport: false,
    ...overrides,
  };
}

const healthy = () => ({ status: 200, body: '{"status":"success","message":"Server is healthy"}' });
const warmingUp = () => ({ status: 503, body: 'no healthy upstream' });

describe('runSmokeTest against a local server', () => {
  it('retries with growing pauses until the gateway is healthy', async () => {
    const server = await scriptedServer([warmingUp, warmingUp, healthy]);
    const { seams, sleeps } = seamsWithFakeSleep();
    const result = await runSmokeTest(config({ expectedBody: 'Server is healthy' }), `${server.url}/`, context, seams);
    await server.close();
    expect(result).toMatchObject({ status: 'passed', httpCode: 200, attempts: 3, url: `${server.url}/v1/health` });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.message).toMatch(
      new RegExp(`^GET ${server.url}/v1/health answered 200 in \\d+ ms \\(attempt 3\\)\\.$`),
    );
    expect(sleeps).toEqual([1000, 2000]);
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill('GET /v1/health'));
  });

  it('gives up at the timeout, the pauses capped, and says what the last answer was', async () => {
    const server = await scriptedServer([warmingUp]);
    const { seams, sleeps } = seamsWithFakeSleep();
    const result = await runSmokeTest(config({ timeoutSeconds: 30 }), server.url, context, seams);
    await server.close();
    expect(sleeps.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(Math.max(...sleeps)).toBe(8000);
    // The pauses fill the budget; the real requests' own time makes up the rest.
    const slept = sleeps.reduce((a, b) => a + b, 0);
    expect(slept).toBeGreaterThan(28000);
    expect(slept).toBeLessThanOrEqual(30000);
    expect(result.status).toBe('failed');
    expect(result.httpCode).toBe(503);
    expect(result.attempts).toBe(sleeps.length + 1);
    expect(result.message).toBe(
      `GET ${server.url}/v1/health answered 503, expected 200; body: no healthy upstream (${result.attempts} attempt(s) over 30 s).`,
    );
  });

  it('fails when the body lacks the expected text', async () => {
    const server = await scriptedServer([() => ({ status: 200, body: 'default backend - 404' })]);
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      config({ expectedBody: 'Server is healthy', timeoutSeconds: 2 }),
      server.url,
      context,
      seams,
    );
    await server.close();
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      'answered 200 but the body does not contain "Server is healthy"; body: default backend - 404',
    );
  });

  it('reports a port nobody listens on', async () => {
    const port = await freePort();
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(config({ timeoutSeconds: 1 }), `http://127.0.0.1:${port}`, context, seams);
    expect(result).toMatchObject({ status: 'failed', httpCode: 0 });
    expect(result.message).toContain('got no answer: ECONNREFUSED');
  });

  it('sends the chat completion with the provider headers and passes on choices[0].message', async () => {
    const server = await scriptedServer([
      healthy,
      () => ({
        status: 200,
        body: JSON.stringify({ id: 'c1', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' } }] }),
      }),
    ]);
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      config(
        {},
        {
          model: 'gpt-4o-mini',
          providerKey: PROVIDER_KEY,
          portkeyApiKey: PORTKEY_KEY,
          customHost: 'https://aoai.example.com/v1',
        },
      ),
      server.url,
      context,
      seams,
    );
    await server.close();
    expect(result.status).toBe('passed');
    expect(result.chat).toMatchObject({ status: 'passed', httpCode: 200 });
    const chat = server.received[1];
    expect(chat.method).toBe('POST');
    expect(chat.url).toBe('/v1/chat/completions');
    expect(chat.headers).toMatchObject({
      'x-portkey-provider': 'openai',
      authorization: `Bearer ${PROVIDER_KEY}`,
      'x-portkey-api-key': PORTKEY_KEY,
      'x-portkey-custom-host': 'https://aoai.example.com/v1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(chat.body)).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: expect.any(String) }],
    });
  });

  it('never repeats a key a failing provider echoes back', async () => {
    const server = await scriptedServer([
      healthy,
      () => ({
        status: 401,
        body: JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${PROVIDER_KEY}`,
            request: { headers: { authorization: `Bearer ${PROVIDER_KEY}` } },
          },
        }),
      }),
    ]);
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      config({}, { model: 'gpt-4o-mini', providerKey: PROVIDER_KEY }),
      server.url,
      context,
      seams,
    );
    await server.close();
    expect(result.status).toBe('failed');
    expect(result.chat?.message).toBe(
      'Chat completion with gpt-4o-mini via openai failed with 401: Incorrect API key provided: ***.',
    );
    expect(JSON.stringify(result)).not.toContain(PROVIDER_KEY);
  });
});

describe('the smoke test keys and plain HTTP', () => {
  /** A gateway at a load balancer's public address, answering through a fake HTTP seam. */
  function publicGateway() {
    const sent: { method?: string; url: string }[] = [];
    const seams: Seams = {
      ...seamsWithFakeSleep().seams,
      http: async (request) => {
        sent.push({ method: request.method, url: request.url });
        return request.method === 'POST'
          ? { status: 200, headers: {}, body: JSON.stringify({ choices: [{ message: { content: 'ok' } }] }) }
          : { status: 200, headers: {}, body: healthy().body };
      },
    };
    return { seams, sent };
  }
  const chat = { model: 'gpt-4o-mini', providerKey: PROVIDER_KEY };

  it('does not send the keys to a plain-HTTP address that is not loopback', async () => {
    const { seams, sent } = publicGateway();
    const result = await runSmokeTest(config({}, chat), 'http://20.50.1.2:8787', context, seams);
    expect(sent).toEqual([{ method: 'GET', url: 'http://20.50.1.2:8787/v1/health' }]);
    expect(result.status).toBe('failed');
    expect(result.chat?.message).toBe(
      "Chat completion with gpt-4o-mini via openai was not sent: http://20.50.1.2:8787 is plain HTTP to a host other than this machine, and it would carry the smoke test's keys in clear text. Set smoke-test-url to the gateway's https:// address, or allow-insecure-transport: 'true' if that network is yours.",
    );
  });

  it('sends them with allow-insecure-transport, and over https without it', async () => {
    const insecure = publicGateway();
    await runSmokeTest(
      config({ allowInsecureTransport: true }, chat),
      'http://20.50.1.2:8787',
      context,
      insecure.seams,
    );
    const secure = publicGateway();
    await runSmokeTest(config({}, chat), 'https://gateway.example.com', context, secure.seams);
    expect(insecure.sent.map((request) => request.method)).toEqual(['GET', 'POST']);
    expect(secure.sent.map((request) => request.url)).toEqual([
      'https://gateway.example.com/v1/health',
      'https://gateway.example.com/v1/chat/completions',
    ]);
  });
});

describe('runSmokeTest against the real open-source Portkey gateway', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('passes GET / and a chat completion relayed to an OpenAI-shaped upstream', async () => {
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      config(
        { path: '/', expectedBody: GATEWAY_GREETING },
        { model: 'gpt-4o-mini', providerKey: PROVIDER_KEY, customHost: gateway.upstream.url },
      ),
      gateway.url,
      context,
      seams,
    );
    expect(result).toMatchObject({
      status: 'passed',
      httpCode: 200,
      attempts: 1,
      chat: { status: 'passed', httpCode: 200 },
    });
    const relayed = gateway.upstream.requests.at(-1)!;
    expect(relayed.path).toBe('/v1/chat/completions');
    expect(relayed.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`);
    expect(JSON.parse(relayed.body).model).toBe('gpt-4o-mini');
  });
});
