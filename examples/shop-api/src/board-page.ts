import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/** Where the page is served: beside the API's own routes, under a prefix none of them uses. */
export const boardPagePath = '/app';

/** Where `pnpm --filter orders-board-web build` writes the page. */
export const builtBoardPage = fileURLToPath(new URL('../../orders-board-web/dist', import.meta.url));

/** The built page's folder when it has been built, so a server can mount it only then. */
export function builtBoardPageIfAny(folder: string = builtBoardPage): string | undefined {
  return existsSync(`${folder}/index.html`) ? folder : undefined;
}

/**
 * Serves the orders board page (`examples/orders-board-web`, built) from `folder` at `/app/`, and
 * sends `/` there. The page is static files and the API's own GETs; nothing here reads the ledger.
 */
export function addBoardPage(app: Hono, folder: string): void {
  app.get('/', (c) => c.redirect(`${boardPagePath}/`));
  app.get(boardPagePath, (c) => c.redirect(`${boardPagePath}/`));
  app.use(
    `${boardPagePath}/*`,
    serveStatic({ root: folder, rewriteRequestPath: (path) => path.slice(boardPagePath.length) }),
  );
}
