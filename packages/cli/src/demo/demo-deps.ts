export {
  type LedgerCommand,
  type LedgerEvent,
  LedgerModel,
  type LineKind,
  ledgerPolicy,
  seededRandom as seededRandomSource,
} from '@order-ledger/core';
