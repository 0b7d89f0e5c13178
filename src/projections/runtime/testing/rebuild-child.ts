/**
 * Run by atomic-rebuild.int-spec in a child process that it SIGKILLs half-way:
 * rebuilds the counting projection REBUILD_CHILD_PROJECTION on
 * REBUILD_CHILD_URL, slowly (REBUILD_CHILD_PAGE_MS before each page is read,
 * between transactions), printing "progress <done> <total>" after each page.
 */
import 'reflect-metadata';
import { createPostgresEventStore, PostgresEventStore } from '../../../event-store/postgres/postgres-event-store';
import { countInPostgresLog } from '../event-count';
import { openReadModelsDataSource } from '../read-models.data-source';
import { rebuildProjection } from '../rebuilder';
import { CountingProjection, TEST_READ_MODEL } from './counting-projection';
import { messageOf } from '../../../common/error-message';

async function main(): Promise<void> {
  const url = process.env.REBUILD_CHILD_URL;
  const name = process.env.REBUILD_CHILD_PROJECTION;
  if (!url || !name) throw new Error('REBUILD_CHILD_URL and REBUILD_CHILD_PROJECTION are required');
  const pageMs = Number(process.env.REBUILD_CHILD_PAGE_MS ?? '50');
  const store = await createPostgresEventStore({ connectionString: url });
  const dataSource = await openReadModelsDataSource({ url, readModels: [TEST_READ_MODEL] });
  const slow = Object.create(store) as PostgresEventStore;
  slow.readAll = async (options) => {
    await new Promise((resolve) => setTimeout(resolve, pageMs));
    return store.readAll(options);
  };
  await rebuildProjection({
    projection: new CountingProjection(name),
    dataSource,
    store: slow,
    lockUrl: url,
    countEvents: countInPostgresLog(dataSource),
    batchSize: 10,
    onProgress: (done, total) => process.stdout.write(`progress ${done} ${total}\n`),
  });
  process.stdout.write('rebuilt\n');
  await store.close();
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${messageOf(error)}\n`);
  process.exitCode = 1;
});
