/**
 * A worker process for the kill and race tests: opens the outbox at the place given, then delivers
 * what is due at the given moment to the webhook, round after round until a round claims nothing.
 * Prints each round's report as a JSON line.
 *
 * usage: deliver.fixture.ts <place as JSON> <webhook url> <secret> <now ISO> <leaseMs> <limit>
 */
import { deliverDue } from '../deliver-due';
import { WebhookSender } from '../webhook-sender';
import { openOutbox, type StorePlace } from './test-stores';

const [place, url, secret, now, leaseMs, limit] = process.argv.slice(2);
if (place === undefined || url === undefined || secret === undefined || now === undefined) {
  throw new Error('usage: deliver.fixture.ts <place> <url> <secret> <now> <leaseMs> <limit>');
}
const opened = await openOutbox(JSON.parse(place) as StorePlace);
const sender = new WebhookSender({ url, secret, shopName: 'Harbour Mugs' });
try {
  for (;;) {
    const report = await deliverDue({
      outbox: opened.outbox,
      sender,
      now: new Date(now),
      leaseMs: Number(leaseMs ?? 120_000),
      limit: Number(limit ?? 10),
      worker: `fixture:${process.pid}`,
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (report.claimed === 0) break;
  }
} finally {
  await opened.close();
}
