import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { createPostgresEventStore, PostgresEventStore, PostgresEventStoreOptions } from '../postgres/postgres-event-store';

/** How a test's event store is made; the connection is always the test database. */
export type TestStoreOptions = Omit<PostgresEventStoreOptions, 'connectionString' | 'pool'>;

/**
 * A fresh database of a test file's own with a PostgreSQL event store on it,
 * opened in beforeAll and closed in afterAll, and the plain clients a test
 * needs beside the store (raw SQL, transactions held open, watching the
 * server). close() ends what open() and client() got to, then drops the database.
 */
export class StoreTestDatabase {
  private db?: TestDatabase;
  private openedStore?: PostgresEventStore;
  private readonly clients: Client[] = [];

  constructor(
    private readonly prefix: string,
    private readonly storeOptions: TestStoreOptions = {},
  ) {}

  async open(): Promise<void> {
    this.db = await createTestDatabase(this.prefix);
    this.openedStore = await createPostgresEventStore({ ...this.storeOptions, connectionString: this.db.url });
  }

  /** A client of its own on the database, connected; ended by close(). */
  async client(): Promise<Client> {
    const client = new Client({ connectionString: this.url });
    this.clients.push(client);
    await client.connect();
    return client;
  }

  async close(): Promise<void> {
    for (const client of this.clients.splice(0)) await client.end();
    await this.openedStore?.close();
    await this.db?.drop();
  }

  get url(): string {
    return opened('database', this.db).url;
  }

  get store(): PostgresEventStore {
    return opened('event store', this.openedStore);
  }
}

/** A part of a test database, once open() made it. */
export function opened<T>(what: string, value: T | undefined): T {
  if (value === undefined) throw new Error(`the test's ${what} is not open: call open() in beforeAll`);
  return value;
}
