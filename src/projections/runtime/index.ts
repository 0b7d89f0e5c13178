export type { Projection, ReadModelDefinition } from './projection';
export { ProjectionsModule } from './projections.module';
export type { ProjectionsModuleOptions } from './projections.options';
export { ProjectionWaiter } from './projection-waiter';
export { ProjectionRuntime } from './projection-runtime.service';
export { ProjectionCommits } from './projection-commits';
export { PositionQuery, awaitPosition, STALE_HEADER, READ_YOUR_WRITES_TIMEOUT_MS } from './read-your-writes';
export { READ_MODELS_DATA_SOURCE, PROJECTIONS } from './tokens';
export { ReadsProjections, READ_MODEL_STALE_HEADER } from './read-model-stale';
