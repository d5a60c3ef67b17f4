import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningShop {
  /** Where it answers, as `http://host:port`. */
  readonly url: string;
  /** Stops taking connections and ends the open ones. */
  close(): Promise<void>;
}

/** Serves the app on Node's HTTP server; port 0 takes any free port (the tests do). */
export function serveShop(app: Hono, options: { port: number; hostname: string }): Promise<RunningShop> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise((done, fail) => {
            server.close((error) => (error === undefined ? done() : fail(error)));
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
