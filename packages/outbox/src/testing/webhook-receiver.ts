import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookBody } from '../webhook-sender';
import { idempotencyHeader, signatureHeader, verifySignature } from '../webhook-signature';

/** One request the receiver got. */
export interface ReceivedWebhook {
  readonly id: string | undefined;
  readonly body: WebhookBody;
  readonly signed: boolean;
}

/** What the receiver does with the `nth` request (from 1) for a message id. */
export type WebhookAnswer =
  | { readonly status: number; readonly retryAfter?: string }
  /** Keeps the request open until the receiver closes (a worker is killed meanwhile). */
  | 'hold';

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Ids answered 2xx, each once per acceptance. */
  readonly accepted: string[];
  /** Resolves when the receiver has got `count` requests. */
  requests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that checks each webhook's signature and answers as told. */
export async function startWebhookReceiver(
  secret: string,
  answer: (id: string, nth: number) => WebhookAnswer = () => ({ status: 204 }),
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const accepted: string[] = [];
  const seen = new Map<string, number>();
  const waiting: { count: number; resolve: () => void }[] = [];
  const held = new Set<ServerResponse>();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const idHeader = request.headers[idempotencyHeader];
    const id = typeof idHeader === 'string' ? idHeader : undefined;
    const signature = request.headers[signatureHeader];
    received.push({
      id,
      body: JSON.parse(text) as WebhookBody,
      signed: verifySignature(text, typeof signature === 'string' ? signature : undefined, secret),
    });
    for (const wait of waiting.filter((w) => received.length >= w.count)) wait.resolve();
    const nth = (seen.get(id ?? '') ?? 0) + 1;
    seen.set(id ?? '', nth);
    const reply = answer(id ?? '', nth);
    if (reply === 'hold') {
      held.add(response);
      return;
    }
    if (reply.status >= 200 && reply.status < 300 && id !== undefined) accepted.push(id);
    if (reply.retryAfter !== undefined) response.setHeader('retry-after', reply.retryAfter);
    response.writeHead(reply.status).end();
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/follow-ups`,
    received,
    accepted,
    requests: (count) =>
      received.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
