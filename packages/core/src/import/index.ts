export { checkImportEvent, idAlreadyWritten, placeImportEvent, type WrittenAt } from './import-checks';
export {
  type ImportOptions,
  type ImportProblem,
  type ImportReport,
  importHistory,
} from './import-history';
export {
  type BatchOutcome,
  type BulkImportStore,
  type ImportEntry,
  type ImportEvent,
  ImportRefusedError,
  type ImportSession,
  isUnreadable,
  supportsBulkImport,
  type UnreadableEntry,
} from './import-types';
