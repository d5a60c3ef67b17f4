import type { EventStore } from '@order-ledger/core';
import { WebhookSender } from '@order-ledger/outbox';
import { addBoardPage, builtBoardPageIfAny } from './board-page';
import { buyerNotesWorker, trackingLinks } from './buyer-notes';
import { defaultStoreUrl, openShopStore, ShopSetupError, withoutPassword } from './open-shop-store';
import { serveShop } from './serve-shop';
import { createShopApi } from './shop-api';
import { type TrackingTokens, trackingTokensFromEnv } from './tracking-tokens';

/**
 * The process: `STORE` (a store URL, default sqlite:./shop.db), `PORT` (default 3000) and `HOST`
 * (default 127.0.0.1: a back office with no sign-in should not face the network unless asked).
 */
/**
 * The buyer notes and follow-ups, sent to `NOTES_WEBHOOK_URL` (signed with `NOTES_WEBHOOK_SECRET`)
 * when it is set: the app behind it mails the buyer, who the ledger knows by id only.
 */
async function startBuyerNotes(
  store: EventStore,
  tracking: TrackingTokens,
  publicUrl: string,
): Promise<AbortController> {
  const stop = new AbortController();
  const url = process.env.NOTES_WEBHOOK_URL;
  if (url === undefined || url === '') return stop;
  const secret = process.env.NOTES_WEBHOOK_SECRET ?? '';
  if (secret === '')
    throw new ShopSetupError('NOTES_WEBHOOK_URL is set but NOTES_WEBHOOK_SECRET is not: the webhook is signed with it');
  let sender: WebhookSender;
  try {
    sender = new WebhookSender({
      url,
      secret,
      shopName: process.env.SHOP_NAME ?? 'our shop',
      trackingUrl: trackingLinks(tracking, publicUrl),
    });
  } catch (error) {
    throw new ShopSetupError(`NOTES_WEBHOOK_URL: ${(error as Error).message}`);
  }
  const worker = await buyerNotesWorker({ store, sender });
  void worker.run(stop.signal);
  console.log(`buyer notes to ${url}`);
  return stop;
}

async function main(): Promise<void> {
  const url = process.env.STORE ?? defaultStoreUrl;
  const portText = process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535)
    throw new ShopSetupError(`PORT must be a port number, not ${JSON.stringify(portText)}`);
  const tracking = trackingTokensFromEnv();
  const shop = await openShopStore(url);
  const hostname = process.env.HOST ?? '127.0.0.1';
  const app = createShopApi({ ...shop, tracking });
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
  const notes = await startBuyerNotes(shop.store, tracking, process.env.PUBLIC_URL ?? running.url);
  const stop = async () => {
    notes.abort();
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
