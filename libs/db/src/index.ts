export {
  checkHealth,
  openDatabase,
  type Connection,
  type ConnectionOptions,
  type Database,
  type DatabaseHealth,
} from './connection.js';
