import { describe, expect, it } from 'vitest';
import { availableKinds, freshOutboxEach } from './testing/fresh-outbox';
import { deliveredOrders, shopHistory, shopMessageIds } from './testing/shop-history';
import { startWebhookReceiver } from './testing/webhook-receiver';
import { startWorkerProcess } from './testing/worker-process';

const secret = 'a shared secret';
const kinds = await availableKinds(['sqlite', 'postgres']);
const now = new Date('2026-03-09T00:00:00Z');
const leaseMs = 120_000;

describe.each(kinds)('outbox workers in processes of their own (%s)', (kind) => {
  const fresh = freshOutboxEach(kind);

  it('sends again what a worker killed mid-delivery held, once its lease ends, and never after it is sent', async () => {
    await shopHistory(fresh.opened.store);
    await fresh.opened.outbox.enqueueDue(now);
    // The receiver holds every message's first request open: the worker is killed while sending.
    const receiver = await startWebhookReceiver(secret, (_id, nth) => (nth === 1 ? 'hold' : { status: 204 }));
    fresh.closeAfter(() => receiver.close());
    const { place, opened } = fresh;
    const killed = startWorkerProcess({ place, url: receiver.url, secret, now, leaseMs, limit: 10 });
    fresh.closeAfter(() => killed.child.kill('SIGKILL'));
    await Promise.race([
      receiver.requests(3),
      killed.exited.then((exit) => {
        throw new Error(`the worker ended before sending (${exit.code}): ${exit.stderr}`);
      }),
    ]);
    killed.child.kill('SIGKILL');
    expect((await killed.exited).code).toBe('SIGKILL');
    const held = await opened.deliveries.records();
    expect(held.map((record) => [record.id, record.state, record.attempts])).toEqual(
      [...shopMessageIds].sort().map((id) => [id, 'pending', 1]),
    );

    // A worker restarted while the dead one's lease still runs takes nothing.
    const early = startWorkerProcess({ place, url: receiver.url, secret, now, leaseMs, limit: 10 });
    const earlyExit = await early.exited;
    expect(earlyExit.code, earlyExit.stderr).toBe(0);
    expect(receiver.received).toHaveLength(3);

    // Once the lease has ended, a worker sends each again and marks it sent.
    const later = new Date(now.getTime() + leaseMs);
    const restarted = startWorkerProcess({ place, url: receiver.url, secret, now: later, leaseMs, limit: 10 });
    const restartExit = await restarted.exited;
    expect(restartExit.code, restartExit.stderr).toBe(0);
    const sent = await opened.deliveries.records({ state: 'sent' });
    expect(sent.map((record) => [record.id, record.attempts])).toEqual([...shopMessageIds].sort().map((id) => [id, 2]));

    // And never a third time, however late the next worker runs.
    const much = new Date(now.getTime() + 100 * leaseMs);
    const last = startWorkerProcess({ place, url: receiver.url, secret, now: much, leaseMs, limit: 10 });
    expect((await last.exited).code).toBe(0);
    const perId = new Map<string, number>();
    for (const request of receiver.received) perId.set(request.id ?? '', (perId.get(request.id ?? '') ?? 0) + 1);
    expect(Object.fromEntries(perId)).toEqual(Object.fromEntries(shopMessageIds.map((id) => [id, 2])));
    expect([...receiver.accepted].sort()).toEqual([...shopMessageIds].sort());
  });

  it('never lets two racing workers deliver one message: each is received exactly once', async () => {
    const { opened } = fresh;
    const ids = await deliveredOrders(opened.store, 40);
    expect(await opened.outbox.enqueueDue(now)).toHaveLength(40);
    const receiver = await startWebhookReceiver(secret);
    fresh.closeAfter(() => receiver.close());
    const { place } = fresh;
    // Small claims, so the two workers take turns through the whole outbox.
    const workers = [1, 2].map(() => startWorkerProcess({ place, url: receiver.url, secret, now, leaseMs, limit: 3 }));
    for (const worker of workers) fresh.closeAfter(() => worker.child.kill('SIGKILL'));
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
    expect(receiver.received.map((request) => request.id).sort()).toEqual([...ids].sort());
    const sent = await opened.deliveries.records({ state: 'sent' });
    expect(sent).toHaveLength(40);
    expect(sent.every((record) => record.attempts === 1)).toBe(true);
  });
});
