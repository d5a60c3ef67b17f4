import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { addBoardPage } from 'shop-api/src/board-page';
import { openShopStore, type ShopStore } from 'shop-api/src/open-shop-store';
import { type RunningShop, serveShop } from 'shop-api/src/serve-shop';
import { createShopApi } from 'shop-api/src/shop-api';
import { post } from 'shop-api/src/testing/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPage } from './build-page';

/** Debian's Chromium: the test never downloads a browser. */
const chromiumPath = '/usr/bin/chromium';
/** Screenshots for people to look at, under the repository's `.ci/out/`. */
const screenshots = fileURLToPath(new URL('../../../.ci/out/orders-board-web/', import.meta.url));

function chromiumThere(): boolean {
  if (existsSync(chromiumPath)) return true;
  const install = 'apt-get install -y chromium (.ci/run does)';
  if (process.env.CI === 'true') throw new Error(`CI=true but ${chromiumPath} is missing: ${install}`);
  console.warn(`\n  ⚠ orders-board-web browser test SKIPPED: no ${chromiumPath}; ${install}\n`);
  return false;
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const now = () => new Date().toISOString();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

function placeOrder(orderId: string, customerId: string, at = now()) {
  return {
    orderId,
    customerId,
    at,
    currency: 'EUR',
    lines: [
      { lineId: 'l1', sku: 'MUG', title: 'Enamel mug', quantity: 2, unitPrice: eur(1800), kind: 'physical' },
      { lineId: 'l2', sku: 'TEA', title: 'Breakfast tea', quantity: 1, unitPrice: eur(900), kind: 'physical' },
    ],
    delivery: {
      method: 'ship',
      address: { line1: '1 Analytical Row', city: 'London', postalCode: 'N1', country: 'GB' },
    },
  };
}

describe.runIf(chromiumThere())('the orders board in Chromium, on the real shop API', () => {
  let folder: string;
  let shop: ShopStore;
  let running: RunningShop;
  let browser: Browser;
  let page: Page;
  let api: string;

  async function write(path: string, body: unknown): Promise<void> {
    const answer = await post(api, path, body);
    expect(answer.status, `${path}: ${answer.text}`).toBeLessThan(300);
  }

  async function shoot(name: string): Promise<void> {
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    folder = mkdtempSync(join(tmpdir(), 'orders-board-web-'));
    shop = await openShopStore(`sqlite:${join(folder, 'shop.db')}`);
    const app = createShopApi(shop);
    addBoardPage(app, builtPage);
    running = await serveShop(app, { port: 0, hostname: '127.0.0.1' });
    api = running.url;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    // Hang detectors only: every wait below is for a selector or a text, never for a time.
    page.setDefaultTimeout(120_000);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await shop?.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  it('shows an order placed through the API, moves it to preparing, refunds a line and shows the money pending, live', async () => {
    await write('/stock/MUG/adjustments', { at: now(), delta: 20, reason: 'received' });
    await write('/stock/TEA/adjustments', { at: now(), delta: 10, reason: 'received' });
    await write('/orders', placeOrder('A-1', 'ada'));
    await write('/orders/A-1/payments', { at: now(), paymentId: 'p1', amount: eur(4500), method: 'card' });
    // Paid ten days ago and never started: stuck, for reasons the board says in words.
    await write('/stock/MUG/adjustments', { at: daysAgo(11), delta: 5, reason: 'received' });
    await write('/stock/TEA/adjustments', { at: daysAgo(11), delta: 5, reason: 'received' });
    await write('/orders', placeOrder('C-3', 'linus', daysAgo(10)));
    await write('/orders/C-3/payments', { at: daysAgo(10), paymentId: 'p1', amount: eur(4500), method: 'cash' });

    // The board: the order in flight, in words for people.
    await page.goto(`${api}/`);
    expect(new URL(page.url()).pathname).toBe('/app/');
    const received = page.locator('[data-status="received"]');
    await received.locator('[data-order="A-1"]').waitFor();
    await expect.poll(() => received.locator('h3').textContent()).toContain('Received');
    const stuck = page.locator('#stuck').getByRole('row').filter({ hasText: 'C-3' });
    await stuck.filter({ hasText: 'Past its promised date' }).filter({ hasText: 'Paid, not started' }).waitFor();
    expect(await stuck.textContent()).toContain('10 days');
    await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
    // Whatever happens from here happens without a reload: the page would lose this mark.
    await page.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));

    // An order placed elsewhere appears by itself (the /events stream), with the money it waits for.
    await write('/orders', placeOrder('B-2', 'grace'));
    await received.locator('[data-order="B-2"]').waitFor();
    const pending = page.locator('#pending-money');
    await pending
      .getByRole('row')
      .filter({ hasText: 'B-2' })
      .filter({ hasText: 'Awaiting payment' })
      .filter({ hasText: '€45.00' })
      .waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/ready_for_pickup|awaiting-payment/);
    await shoot('board');

    // One order: its next step is a button; the status changes in place.
    await page.getByRole('link', { name: 'Order A-1' }).click();
    const status = page.locator('h1 .status');
    await status.filter({ hasText: 'Received' }).waitFor();
    await page.getByRole('button', { name: 'Start preparing' }).click();
    await status.filter({ hasText: 'Preparing' }).waitFor();
    await page.getByRole('button', { name: 'Mark shipped' }).waitFor();
    await page.locator('#timeline li').filter({ hasText: 'Preparing' }).waitFor();
    await shoot('order-preparing');

    // Refund one unit of a line: the refund shows on the line, in the money and on the timeline.
    await page.getByLabel('Refund reason').selectOption('damaged');
    await page
      .getByRole('row')
      .filter({ hasText: 'Breakfast tea' })
      .getByRole('button', { name: 'Refund one' })
      .click();
    await page.getByRole('row').filter({ hasText: 'Breakfast tea' }).filter({ hasText: '1 (€9.00)' }).waitFor();
    await page.locator('#timeline li').filter({ hasText: 'Refunded €9.00 (damaged)' }).waitFor();
    expect(await page.locator('#money').textContent()).toContain('Refunded€9.00');
    await shoot('order-refunded');

    // Back on the board: money pending is what is still owed either way. A-1 has given back what it
    // will not ship, so it owes and is owed nothing; B-2 still waits for its payment.
    await page.getByRole('link', { name: 'Board' }).click();
    await received.locator('[data-order="B-2"]').waitFor();
    await page.locator('[data-status="preparing"] [data-order="A-1"]').waitFor();
    const rows = await pending.getByRole('row').allTextContents();
    expect(rows.filter((row) => row.includes('A-1'))).toEqual([]);
    expect(rows.filter((row) => row.includes('B-2'))).toEqual([expect.stringContaining('€45.00')]);
    await shoot('board-after-refund');

    // The other pages, each read from the API.
    await page.getByRole('link', { name: 'ada' }).first().click();
    await page.locator('#timeline li').filter({ hasText: 'Refunded €9.00 (damaged)' }).waitFor();
    await shoot('customer');
    await page.getByRole('link', { name: 'Stock' }).click();
    await page.getByText('The stock tells the truth').waitFor();
    await page.getByRole('row').filter({ hasText: 'MUG' }).filter({ hasText: '25' }).waitFor();
    await shoot('stock');
    await page.getByRole('link', { name: 'Weekly sweep' }).click();
    await page.locator('#refunds').getByRole('row').filter({ hasText: 'Damaged' }).waitFor();
    await shoot('sweep');

    expect(await page.evaluate(() => (globalThis as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  });
});
