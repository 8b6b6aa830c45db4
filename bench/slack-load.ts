/**
 * Load for bench/slack.ts: signed `/sakura` slash-command requests over loopback, sequential
 * (latency) or from concurrent clients (throughput), each request signed afresh the way Slack
 * signs it.
 */
import { Agent, request } from 'node:http';
import { signedHeaders } from '../test/support/fake-slack/signing.js';
import { type SlashFields, slashCommandBody } from '../test/support/fake-slack/slash-payload.js';

export interface Target {
  port: number;
  secret: string;
  text: string;
  /** Who types it, where, and where a late answer goes; Slack's test defaults otherwise. */
  fields?: Partial<Omit<SlashFields, 'text'>>;
}

export interface Outcome {
  status: number;
  body: string;
}

/** One signed request; resolves with the status and body once the response has fully arrived. */
export function slash(target: Target, agent: Agent): Promise<Outcome> {
  const body = slashCommandBody({
    text: target.text,
    response_url: 'http://127.0.0.1:9/unused-because-the-answer-is-in-the-ack',
    ...target.fields,
  });
  const headers = {
    ...signedHeaders(target.secret, body),
    'content-length': Buffer.byteLength(body),
  };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: '/slack/events',
        method: 'POST',
        headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface Sequential {
  latenciesMs: number[];
  failures: number;
}

/** `count` requests one after another on one kept-alive connection; latency of each. */
export async function sequential(
  target: Target,
  count: number,
  check: (o: Outcome) => boolean,
): Promise<Sequential> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latenciesMs: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < count; i += 1) {
      const start = process.hrtime.bigint();
      const outcome = await slash(target, agent);
      latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!check(outcome)) failures += 1;
    }
  } finally {
    agent.destroy();
  }
  return { latenciesMs, failures };
}

export interface Throughput {
  completed: number;
  failures: number;
  seconds: number;
}

/** `clients` loops, each with its own connection, sending back to back for `seconds`. */
export async function concurrent(
  target: Target,
  clients: number,
  seconds: number,
  check: (o: Outcome) => boolean,
): Promise<Throughput> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let completed = 0;
  let failures = 0;
  const client = async () => {
    // Bounded by the deadline; each iteration is one request.
    while (process.hrtime.bigint() < deadline) {
      const outcome = await slash(target, agent);
      completed += 1;
      if (!check(outcome)) failures += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, client));
  } finally {
    agent.destroy();
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { completed, failures, seconds: elapsed };
}
