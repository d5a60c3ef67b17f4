import { addBoardPage, builtBoardPageIfAny } from './board-page';
import { defaultStoreUrl, openShopStore, ShopSetupError, withoutPassword } from './open-shop-store';
import { serveShop } from './serve-shop';
import { createShopApi } from './shop-api';

/**
 * The process: `STORE` (a store URL, default sqlite:./shop.db), `PORT` (default 3000) and `HOST`
 * (default 127.0.0.1: a back office with no sign-in should not face the network unless asked).
 */
async function main(): Promise<void> {
  const url = process.env.STORE ?? defaultStoreUrl;
  const portText = process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535)
    throw new ShopSetupError(`PORT must be a port number, not ${JSON.stringify(portText)}`);
  const shop = await openShopStore(url);
  const hostname = process.env.HOST ?? '127.0.0.1';
  const app = createShopApi(shop);
  // The orders board page (examples/orders-board-web), once built, at /app/.
  const page = builtBoardPageIfAny();
  if (page !== undefined) addBoardPage(app, page);
  const running = await serveShop(app, { port, hostname }).catch(async (error: unknown) => {
    await shop.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ShopSetupError(`cannot listen on ${hostname}:${port}: ${(error as Error).message}`);
    }
    throw error;
  });
  console.log(`shop-api on ${running.url}, store ${withoutPassword(url)}`);
  if (page !== undefined) console.log(`orders board on ${running.url}/app/`);
  const stop = async () => {
    await running.close();
    await shop.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A mistake in the settings is told in one line; anything else with its stack.
  console.error(error instanceof ShopSetupError ? `shop-api: ${error.message}` : error);
  process.exit(1);
});
