import { defineConfig } from 'vite';

/** The shop API's routes, for `vite` (the dev server) to pass on to a running API (default port 3000). */
const apiRoutes = ['/board', '/orders', '/customers', '/stock', '/sweep', '/events', '/follow-ups'];
const api = process.env.SHOP_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  // The shop API serves the built page under /app/ (examples/shop-api/src/board-page.ts).
  base: '/app/',
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: Object.fromEntries(apiRoutes.map((route) => [route, api])) },
});
