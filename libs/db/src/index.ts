export {
  checkHealth,
  openDatabase,
  type Connection,
  type ConnectionOptions,
  type Database,
  type DatabaseHealth,
} from './connection.js';
export { migrate, migrationsFolder, seedReferenceData } from './migrate.js';
export * from './schema/index.js';
export { knownMethods, type MethodRow } from './seed/methods.js';
export {
  loadPaperResults,
  paperResultsPath,
  paperSource,
  parseReportedResults,
  type ReportedResult,
} from './seed/reported-results.js';
export {
  assertValidKey,
  FileNotFoundError,
  FileTooLargeError,
  type FileStorage,
  type PutOptions,
  type StoredFile,
} from './storage/file-storage.js';
export { LocalFileStorage, openFileStorage } from './storage/local-file-storage.js';
export { createScratchDatabase, testServerUrl, type ScratchDatabase } from './testing/scratch-database.js';
