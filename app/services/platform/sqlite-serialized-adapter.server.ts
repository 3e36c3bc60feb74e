// Why this exists: PrismaBetterSqlite3 runs everything on ONE better-sqlite3 connection. Its own mutex
// only keeps a second transaction out, so a plain query from another request, issued while an
// interactive `$transaction(async (tx) => …)` is open, runs inside that transaction: it sees the
// transaction's uncommitted rows, and its writes are undone if the transaction rolls back.
//
// This wrapper puts one FIFO lock in front of the connection. `startTransaction` (used by interactive
// and batch transactions alike) takes it and the transaction's `commit()`/`rollback()` give it back;
// plain queries take it for their own duration, so they wait for any open transaction to end. The
// transaction's own queries do not take it (they would deadlock). Prisma sends BEGIN inside
// `startTransaction` and COMMIT/ROLLBACK through the transaction's `executeRaw` *before* calling
// `commit()`/`rollback()` (the adapter sets `usePhantomQuery: false`), so the lock is released only
// after the statement that ends the transaction has run; on a transaction timeout or an abandoned start
// Prisma also ends with `rollback()`, so the lock cannot leak.
//
// The consequence to keep in mind: inside a transaction, use `tx`, never the outer client — a query on
// the outer client waits for the transaction it is part of, until the transaction times out.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

/** A FIFO async lock. */
class Lock {
  #tail: Promise<void> = Promise.resolve();

  /** Waits for the lock; resolves to the function that releases it (calling it again does nothing). */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return acquired;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}

/** Wraps a single-connection SQLite adapter factory so that no query runs inside someone else's transaction. */
export function serializeTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serializedAdapter(await factory.connect()),
  };
}

function serializedAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => lock.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => lock.run(() => adapter.executeRaw(query)),
    executeScript: (script) => lock.run(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await lock.acquire();
      try {
        return holdingLock(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

/** The transaction as is, except that ending it also releases the connection's lock. */
function holdingLock(tx: Transaction, release: () => void): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: async () => {
      try {
        await tx.commit();
      } finally {
        release();
      }
    },
    rollback: async () => {
      try {
        await tx.rollback();
      } finally {
        release();
      }
    },
    createSavepoint: tx.createSavepoint?.bind(tx),
    rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
    releaseSavepoint: tx.releaseSavepoint?.bind(tx),
  };
}
