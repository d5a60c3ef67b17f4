import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asJsonl, type HandWrittenEvent, paid, placed, refunded, step } from './testing/hand-written-history';
import { newWorkFolder, runCli } from './testing/run-cli';

const work = newWorkFolder();
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(work, ...args);
const write = (file: string, events: readonly HandWrittenEvent[], idPrefix?: string) =>
  writeFileSync(join(work, file), asJsonl(events, idPrefix));

const twoOrders = [
  placed('A', '2026-01-05T09:00:00Z', 5000),
  paid('A', '2026-01-05T09:10:00Z', 5000),
  placed('B', '2026-01-06T09:00:00Z', 3000),
  paid('B', '2026-01-06T09:10:00Z', 3000),
];

describe('order-ledger import says what was new', () => {
  it('counts the new events, says "nothing new" the second time, and counts both in a file that grew', () => {
    write('shop.jsonl', twoOrders);
    const first = cli('import', 'shop.jsonl', '--store', 'sqlite:./new-events.db');
    expect([first.code, first.stdout]).toEqual([0, 'Imported 4 events from shop.jsonl (jsonl): 4 new.\n']);
    const again = cli('import', 'shop.jsonl', '--store', 'sqlite:./new-events.db');
    expect([again.code, again.stdout]).toEqual([
      0,
      'Nothing new: all 4 events of shop.jsonl are already in this store.\n',
    ]);
    write('shop-later.jsonl', [...twoOrders, step('A', 'PickedUp', '2026-01-07T12:00:00Z')]);
    const grown = cli('import', 'shop-later.jsonl', '--store', 'sqlite:./new-events.db');
    expect(grown.stdout).toBe(
      'Imported 5 events from shop-later.jsonl (jsonl): 1 new; 4 events were already in this store.\n',
    );
    // A store that does not tell them apart does not claim they were all new.
    expect(cli('import', 'shop.jsonl', '--store', 'memory:').stdout).toBe(
      'Imported 4 events from shop.jsonl (jsonl); this store does not say which were new (any it already held were not written twice).\n',
    );
  });

  it('tells a clash with an order already in the store in the user’s words, not as a revision error', () => {
    write('first.jsonl', twoOrders);
    expect(cli('import', 'first.jsonl', '--store', 'sqlite:./clash.db').code).toBe(0);
    // Another shop's history with an order numbered A too.
    write('other.jsonl', [placed('A', '2026-02-01T09:00:00Z', 900), paid('A', '2026-02-01T09:10:00Z', 900)], 'other');
    const clash = cli('import', 'other.jsonl', '--store', 'sqlite:./clash.db');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('other.jsonl:1: order A is already in this store with different events');
    expect(clash.stderr).not.toMatch(/expected revision/);
  });
});

describe('order-ledger import holds a history to the rules live commands follow', () => {
  const impossible: [string, HandWrittenEvent[], RegExp][] = [
    [
      'a refund larger than the payment',
      [
        placed('A', '2026-01-05T09:00:00Z', 5000),
        paid('A', '2026-01-05T09:10:00Z', 3000),
        refunded('A', '2026-01-06T09:00:00Z', 4000),
      ],
      /:3: order A: a refund of EUR 40.00 is more than the EUR 30.00 captured and not yet refunded$/m,
    ],
    [
      'a payment dated before its order was placed',
      [placed('A', '2026-01-05T09:00:00Z', 5000), paid('A', '2026-01-04T09:00:00Z', 5000)],
      /:2: order A: a step dated 2026-01-04T09:00:00Z comes before the order was placed \(2026-01-05T09:00:00Z\)$/m,
    ],
    [
      'a step out of order (delivered, never shipped)',
      [
        placed('A', '2026-01-05T09:00:00Z', 5000),
        paid('A', '2026-01-05T09:10:00Z', 5000),
        step('A', 'Delivered', '2026-01-06T09:00:00Z'),
      ],
      /:3: order A: cannot be delivered while received$/m,
    ],
    [
      'an order paid before it exists',
      [paid('A', '2026-01-05T09:10:00Z', 5000), placed('A', '2026-01-05T09:00:00Z', 5000)],
      /:1: order A: no such order$/m,
    ],
  ];

  for (const [what, events, message] of impossible) {
    it(`refuses ${what}, at its line, and writes nothing`, () => {
      const name = what.replaceAll(/\W+/g, '-');
      write(`${name}.jsonl`, [placed('OK', '2026-01-01T09:00:00Z', 100), ...events]);
      for (const store of [`sqlite:./${name}.db`, 'memory:']) {
        const run = cli('import', `${name}.jsonl`, '--store', store);
        expect(run.code, store).toBe(1);
        expect(run.stderr, store).toMatch(/^order-ledger: nothing imported: \d+ bad row/);
        // One line later than written: the good order comes first.
        const shifted = new RegExp(
          message.source.replace(/^:(\d+)/, (_, line) => `:${Number(line) + 1}`),
          'm',
        );
        expect(run.stderr, store).toMatch(shifted);
      }
      expect(existsSync(join(work, `${name}.db`))).toBe(false);
    });
  }
});
