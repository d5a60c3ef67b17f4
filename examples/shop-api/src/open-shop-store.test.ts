import { describe, expect, it } from 'vitest';
import { openShopStore, ShopSetupError, withoutPassword } from './open-shop-store';

describe('openShopStore', () => {
  it('tells a store URL it cannot use in one line, naming the forms it takes', async () => {
    await expect(openShopStore('mysql://shop')).rejects.toThrow(ShopSetupError);
    await expect(openShopStore('mysql://shop')).rejects.toThrow(/use sqlite:\.\/shop\.db or postgres:\/\//);
    await expect(openShopStore('sqlite:')).rejects.toThrow('sqlite: needs a file');
  });

  it('names a PostgreSQL server it cannot reach without its password', async () => {
    const url = 'postgres://shop:secret@127.0.0.1:1/shop';
    const refused = openShopStore(url);
    await expect(refused).rejects.toThrow(ShopSetupError);
    await expect(refused).rejects.toThrow(/cannot open postgres:\/\/shop:\*\*\*@127\.0\.0\.1:1\/shop/);
    expect(withoutPassword(url)).not.toContain('secret');
  });
});
