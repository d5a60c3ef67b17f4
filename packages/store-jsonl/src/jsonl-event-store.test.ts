import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerScenarioArbitrary, readEverything, runScenario } from '@order-ledger/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonlEventStore } from './jsonl-event-store';
import { toJsonLine, writeJsonl } from './write-jsonl';

const folder = mkdtempSync(join(tmpdir(), 'order-ledger-jsonl-'));
let files = 0;
const freshFile = () => join(folder, `history-${++files}.jsonl`);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('JsonlEventStore', () => {
  it('round-trips a history exactly: written to a file, read back as the same events', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerScenarioArbitrary({ maxSteps: 30 }), async (scenario) => {
        const events = await readEverything((await runScenario(scenario)).store);
        const file = freshFile();
        expect(await writeJsonl(file, events)).toBe(events.length);
        expect(await readEverything(new JsonlEventStore(file, { validation: 'full' }))).toEqual(events);
      }),
      { numRuns: 20 },
    );
  });

  it('reads after a position, and a stream', async () => {
    const [scenario] = fc.sample(ledgerScenarioArbitrary(), { numRuns: 1, seed: 3 });
    if (scenario === undefined) throw new Error('no scenario drawn');
    const events = await readEverything((await runScenario(scenario)).store);
    const file = freshFile();
    await writeJsonl(file, events);
    const store = new JsonlEventStore(file);
    const cut = events[5]?.position ?? 0;
    const after = [];
    for await (const event of store.readAll({ after: cut })) after.push(event);
    expect(after).toEqual(events.slice(6));
    const streamId = events[0]?.streamId ?? '';
    expect(await store.readStream(streamId)).toEqual(events.filter((event) => event.streamId === streamId));
  });

  it('names the file and line of a bad event, and refuses to write', async () => {
    const file = freshFile();
    const good = {
      position: 1,
      streamId: 'stock-MUG',
      revision: 0,
      eventId: 'e1',
      type: 'StockAdjusted',
      schemaVersion: 1,
      data: { at: '2026-03-02T09:00:00Z', sku: 'MUG', delta: 1, reason: 'received' },
      metadata: {},
      recordedAt: '2026-03-02T09:00:00Z',
    };
    const lines = [
      toJsonLine(good as never),
      JSON.stringify({ ...good, position: 2, revision: 1, eventId: 'e2', data: { ...good.data, delta: 1.5 } }),
      '{"position": 3, oops',
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    await expect(readEverything(new JsonlEventStore(file, { validation: 'full' }))).rejects.toThrow(
      new RegExp(
        `invalid StockAdjusted event \\(${file.replaceAll('.', '\\.')}:2, stream stock-MUG, revision 1\\): data\\.delta`,
      ),
    );
    writeFileSync(file, `${lines[0]}\n${lines[2]}\n`);
    await expect(readEverything(new JsonlEventStore(file))).rejects.toThrow(/:2\): \(event\): is not JSON/);
    await expect(new JsonlEventStore(file).appendToStream()).rejects.toMatchObject({ code: 'STORE_UNSUPPORTED' });
  });

  it('refuses a stream read no store could answer, as every store does', async () => {
    const file = freshFile();
    writeFileSync(file, '');
    const store = new JsonlEventStore(file);
    await expect(store.readStream('s\u0000')).rejects.toMatchObject({ code: 'READ_INVALID', field: 'streamId' });
    await expect(store.readStream('s'.repeat(10_000))).rejects.toMatchObject({ code: 'READ_INVALID' });
    await expect(store.readStream('s', { maxCount: -1 })).rejects.toMatchObject({ field: 'maxCount' });
    expect(await store.readStream('s')).toEqual([]);
  });
});
