import { defaultSqliteFile } from '@order-ledger/store-sqlite';
import { describe, expect, it } from 'vitest';
import { defaultStoreUrl } from './store-url';

describe('store URLs', () => {
  it('the default store is store-sqlite’s default file (named twice so --help need not load SQLite)', () => {
    expect(defaultStoreUrl).toBe(`sqlite:./${defaultSqliteFile}`);
  });
});
