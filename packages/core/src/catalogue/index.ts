export {
  type DomainEvent,
  EventCatalogue,
  type EventCatalogueOptions,
  type UntrustedEvent,
  type Upcaster,
  type UpcasterTable,
} from './event-catalogue';
export {
  type EventIssue,
  type EventLocation,
  EventValidationError,
  UnknownEventTypeError,
} from './event-validation-error';
export {
  type LedgerEvent,
  ledgerCatalogue,
  ledgerEventSchema,
  orderCatalogue,
  stockCatalogue,
} from './ledger-catalogue';
export * from './order-events';
export * from './stock-events';
