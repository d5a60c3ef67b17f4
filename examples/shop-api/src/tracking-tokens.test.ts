import { describe, expect, it } from 'vitest';
import { ShopSetupError } from './open-shop-store';
import { TrackingTokens, trackingTokensFromEnv } from './tracking-tokens';

const secret = 'x'.repeat(32);

describe('tracking tokens', () => {
  it('are the same for the same secret and order, and differ by order and by secret', () => {
    const tokens = new TrackingTokens(secret);
    expect(tokens.tokenFor('o1')).toBe(new TrackingTokens(secret).tokenFor('o1'));
    expect(tokens.tokenFor('o1')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.tokenFor('o2')).not.toBe(tokens.tokenFor('o1'));
    expect(new TrackingTokens(`${secret}y`).tokenFor('o1')).not.toBe(tokens.tokenFor('o1'));
    expect(tokens.matches('o1', tokens.tokenFor('o1'))).toBe(true);
    expect(tokens.matches('o1', undefined)).toBe(false);
    expect(tokens.matches('o1', '')).toBe(false);
    expect(tokens.pathFor('a b')).toBe(`/track/a%20b?token=${tokens.tokenFor('a b')}`);
  });

  it('take TRACKING_SECRET, require it in production, and warn when a random one stands in', () => {
    const warnings: string[] = [];
    const warn = (text: string) => warnings.push(text);
    expect(trackingTokensFromEnv({ TRACKING_SECRET: secret }, warn).tokenFor('o1')).toBe(
      new TrackingTokens(secret).tokenFor('o1'),
    );
    expect(warnings).toEqual([]);
    expect(() => trackingTokensFromEnv({ NODE_ENV: 'production' }, warn)).toThrow(ShopSetupError);
    expect(() => trackingTokensFromEnv({ TRACKING_SECRET: 'short' }, warn)).toThrow(/at least 32 characters/);
    const first = trackingTokensFromEnv({}, warn);
    expect(warnings).toEqual([expect.stringContaining('TRACKING_SECRET is not set')]);
    expect(trackingTokensFromEnv({}, warn).tokenFor('o1')).not.toBe(first.tokenFor('o1'));
  });
});
