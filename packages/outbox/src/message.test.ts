import { describe, expect, it } from 'vitest';
import { messageId } from './message';
import { WebhookSender } from './webhook-sender';
import { signBody, verifySignature } from './webhook-signature';

describe('outbox messages', () => {
  it('are named by what makes each one, never by a date that may move', () => {
    const base = { dueAt: '2026-03-08T10:00:00.000Z', customerId: 'grace', orderId: 'grace-1' };
    expect(messageId({ kind: 'review-ask', ...base })).toBe('review-ask:grace-1');
    expect(messageId({ kind: 'pickup-nudge', ...base })).toBe('pickup-nudge:grace-1');
    const nudge = { kind: 'reorder-nudge', ...base, sku: 'COFFEE', runOutAt: '2026-03-11T10:00:00.000Z' } as const;
    expect(messageId(nudge)).toBe('reorder-nudge:grace-1:COFFEE');
    // The learned rhythm moved the run-out: still the same message.
    expect(messageId({ ...nudge, dueAt: '2026-03-09T10:00:00.000Z', runOutAt: '2026-03-12T10:00:00.000Z' })).toBe(
      'reorder-nudge:grace-1:COFFEE',
    );
  });

  it('are signed so that a receiver can tell a forged or altered body', () => {
    const body = '{"message":{"id":"review-ask:ada-1"}}';
    const signature = signBody(body, 'secret');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(body, signature, 'secret')).toBe(true);
    expect(verifySignature(`${body} `, signature, 'secret')).toBe(false);
    expect(verifySignature(body, signature, 'another secret')).toBe(false);
    expect(verifySignature(body, undefined, 'secret')).toBe(false);
  });

  it('refuse a webhook without a URL or a secret, saying which', () => {
    expect(() => new WebhookSender({ url: 'not a url', secret: 's', shopName: 'Shop' })).toThrow(
      'webhook sender: "not a url" is not a URL',
    );
    expect(() => new WebhookSender({ url: 'ftp://shop.example/', secret: 's', shopName: 'Shop' })).toThrow(
      'is not an http or https URL',
    );
    expect(() => new WebhookSender({ url: 'https://shop.example/', secret: '', shopName: 'Shop' })).toThrow(
      'the shared secret is empty',
    );
  });
});
