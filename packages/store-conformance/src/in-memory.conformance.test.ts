import { InMemoryEventStore } from '@order-ledger/core';
import { runStoreConformance } from './run-store-conformance';

runStoreConformance({ name: 'in-memory', create: async () => new InMemoryEventStore(), lawRuns: 40 });
