import { beforeEach, describe, expect, it } from 'vitest';
import { deliverDue } from './deliver-due';
import { EmailSender } from './email-sender';
import type { OutboxMessage } from './message';
import { availableKinds, freshOutboxEach } from './testing/fresh-outbox';
import { afterAllDue, shopHistory, shopMessageIds } from './testing/shop-history';
import { type MailAnswer, type SmtpReceiver, startSmtpReceiver } from './testing/smtp-receiver';

const kinds = await availableKinds(['memory', 'sqlite', 'postgres']);
const minute = 60_000;
const addresses: Record<string, string> = {
  ada: 'ada@example.com',
  grace: 'grace@example.com',
  linus: 'linus@example.com',
};

describe.each(kinds)('outbox by email over SMTP (%s)', (kind) => {
  const fresh = freshOutboxEach(kind);

  beforeEach(async () => {
    await shopHistory(fresh.opened.store);
    await fresh.opened.outbox.enqueueDue(afterAllDue);
  });

  async function receiving(
    answer?: (id: string, nth: number) => MailAnswer,
    known: Record<string, string> = addresses,
  ): Promise<{ sender: EmailSender; receiver: SmtpReceiver }> {
    const receiver = await startSmtpReceiver(answer);
    const sender = new EmailSender({
      smtp: { host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true },
      from: '"Harbour Mugs" <hello@harbour-mugs.example>',
      shopName: 'Harbour Mugs',
      recipient: async (message: OutboxMessage) => {
        const email = known[message.customerId];
        return email === undefined ? undefined : { email };
      },
      names: async (message) => (message.kind === 'reorder-nudge' ? { productName: 'Harbour coffee' } : {}),
    });
    fresh.closeAfter(() => receiver.close());
    fresh.closeAfter(() => sender.close());
    return { sender, receiver };
  }

  it('mails each follow-up once to its buyer, in their words', async () => {
    const { sender, receiver } = await receiving();
    const report = await deliverDue({ outbox: fresh.opened.outbox, sender, now: afterAllDue });
    expect([...report.sent].sort()).toEqual([...shopMessageIds].sort());
    const byId = new Map(receiver.received.map((mail) => [mail.id, mail]));
    expect(byId.get('review-ask:ada-1')?.to).toEqual(['ada@example.com']);
    expect(byId.get('review-ask:ada-1')?.raw).toContain('Subject: How is your order ada-1?');
    expect(byId.get('pickup-nudge:linus-1')?.raw).toContain('ready for pickup at Harbour Mugs');
    expect(byId.get('reorder-nudge:grace-1:COFFEE')?.raw).toContain('Subject: Running low on Harbour coffee?');
    await deliverDue({ outbox: fresh.opened.outbox, sender, now: new Date(afterAllDue.getTime() + 600 * minute) });
    expect(receiver.received).toHaveLength(3);
  });

  it('retries a server that answers 451 twice, then marks the mail sent', async () => {
    const flaky = 'pickup-nudge:linus-1';
    const { sender, receiver } = await receiving((id, nth) => (id === flaky && nth <= 2 ? { code: 451 } : 'accept'));
    const options = { outbox: fresh.opened.outbox, sender, random: () => 0 };
    expect((await deliverDue({ ...options, now: afterAllDue })).retried.map((retry) => retry.id)).toEqual([flaky]);
    const second = await deliverDue({ ...options, now: new Date(afterAllDue.getTime() + minute) });
    expect(second.retried[0]?.error).toContain('451');
    expect((await deliverDue({ ...options, now: new Date(afterAllDue.getTime() + 3 * minute) })).sent).toEqual([flaky]);
    expect(receiver.accepted.filter((id) => id === flaky)).toHaveLength(1);
    expect(await fresh.opened.deliveries.record(flaky)).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('fails for good a mail the server refuses (550) and a buyer with no address, saying why', async () => {
    const { sender } = await receiving((id) => (id === 'review-ask:ada-1' ? { code: 550 } : 'accept'), {
      ada: 'ada@example.com',
      grace: 'grace@example.com',
    });
    const report = await deliverDue({ outbox: fresh.opened.outbox, sender, now: afterAllDue });
    expect(report.sent).toEqual(['reorder-nudge:grace-1:COFFEE']);
    const failed = await fresh.opened.deliveries.records({ state: 'failed' });
    expect(failed.map((record) => [record.id, record.lastError])).toEqual([
      ['pickup-nudge:linus-1', 'no email address for customer linus (message pickup-nudge:linus-1)'],
      ['review-ask:ada-1', expect.stringContaining('SMTP refused message review-ask:ada-1 (550)')],
    ]);
  });
});
