import type { DatabaseConnection, Dialect, Driver, QueryCompiler, TransactionSettings } from 'kysely';
import type { SessionGate } from './session-gate';

/** A connection whose queries take their turn at the gate, unless its transaction holds the turn. */
class GatedConnection implements DatabaseConnection {
  release: (() => void) | undefined;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly gate: SessionGate,
  ) {}

  executeQuery: DatabaseConnection['executeQuery'] = (query) =>
    this.release ? this.inner.executeQuery(query) : this.gate.run(() => this.inner.executeQuery(query));

  streamQuery: DatabaseConnection['streamQuery'] = (query, chunkSize) => {
    // Streams are not used by the app; they would hold the session for their whole length.
    return this.inner.streamQuery(query, chunkSize);
  };
}

function innerOf(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof GatedConnection ? connection.inner : connection;
}

class GatedDriver implements Driver {
  constructor(
    private readonly driver: Driver,
    private readonly gate: SessionGate,
  ) {}

  init = () => this.driver.init();
  destroy = () => this.driver.destroy();

  acquireConnection = async (): Promise<DatabaseConnection> =>
    new GatedConnection(await this.driver.acquireConnection(), this.gate);

  releaseConnection = (connection: DatabaseConnection) => this.driver.releaseConnection(innerOf(connection));

  beginTransaction = async (connection: DatabaseConnection, settings: TransactionSettings) => {
    const release = await this.gate.hold();
    try {
      await this.driver.beginTransaction(innerOf(connection), settings);
    } catch (error) {
      release();
      throw error;
    }
    if (connection instanceof GatedConnection) connection.release = release;
  };

  commitTransaction = (connection: DatabaseConnection) =>
    this.endTransaction(connection, () => this.driver.commitTransaction(innerOf(connection)));

  rollbackTransaction = (connection: DatabaseConnection) =>
    this.endTransaction(connection, () => this.driver.rollbackTransaction(innerOf(connection)));

  savepoint = (connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.driver.savepoint?.(innerOf(connection), name, compile) ?? Promise.resolve();

  rollbackToSavepoint = (
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) => this.driver.rollbackToSavepoint?.(innerOf(connection), name, compile) ?? Promise.resolve();

  releaseSavepoint = (connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.driver.releaseSavepoint?.(innerOf(connection), name, compile) ?? Promise.resolve();

  private async endTransaction(connection: DatabaseConnection, end: () => Promise<void>): Promise<void> {
    try {
      await end();
    } finally {
      if (connection instanceof GatedConnection) {
        connection.release?.();
        connection.release = undefined;
      }
    }
  }
}

/** The same dialect, with every query and transaction taking turns on one database session. */
export function serializedDialect(dialect: Dialect, gate: SessionGate): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new GatedDriver(dialect.createDriver(), gate),
  };
}
