/**
 * The projection runtime (read models fed from the event store).
 *
 * Usage (composition root):
 *   ProjectionsModule.forRoot({ projections: [WorkQueueProjection, CaseHistoryProjection, ...], enabled: config.projectionsEnabled, readModels: READ_MODELS })
 * A projection is an @Injectable() class implementing Projection (./projection.ts): a stable `name`,
 * an optional server-side filter (eventTypes / streamPrefixes), `apply(events, tx)` writing only through
 * `tx` (the batch's transaction, which also advances the checkpoint) and `tables`: every table apply() writes,
 * unqualified (a rebuild fills copies of them in a schema of its own and swaps them in; see rebuilder.ts).
 * Its entities and migrations go into src/projections/read-models.registry.ts (READ_MODELS).
 *
 * The module is global and exports:
 *   READ_MODELS_DATA_SOURCE  the TypeORM DataSource of the read models (inject it in query services)
 *   ProjectionWaiter         waitFor(position, ['name'], ms) for read-your-own-writes
 *   ProjectionRuntime        status()
 *   ProjectionCommits        subscribe((name, position) => ...) after each batch commits here (live pages)
 * In a query controller: extend PositionQuery in the DTO and call
 *   await awaitPosition(this.waiter, query.position, ['my-projection'], response)   (@Res({ passthrough: true }))
 * which waits up to 2 s and sets `X-Projection-Stale: true` when the read model is behind.
 * Mark the controller @ReadsProjections('my-projection'): while that projection is blocked every answer
 * carries `X-Read-Model-Stale: my-projection` (read-model-stale.ts).
 * GET /projections/status (admin, oversight) and readiness (`projection:<name>`) report each projection.
 * Rebuild: `npm run projections:rebuild -- <name>` (src/projections/rebuild.cli.ts).
 */
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DATABASE_URL } from '../../database/tokens';
import type { Projection } from './projection';
import { ProjectionRuntime } from './projection-runtime.service';
import { ProjectionStatusController } from './projection-status.controller';
import { ProjectionWaiter } from './projection-waiter';
import { ProjectionCommits } from './projection-commits';
import type { ProjectionsModuleOptions } from './projections.options';
import { BlockedProjections, ReadModelStaleInterceptor } from './read-model-stale';
import { openReadModelsDataSource } from './read-models.data-source';
import { PROJECTIONS, PROJECTIONS_OPTIONS, READ_MODELS_DATA_SOURCE } from './tokens';

export type { ProjectionsModuleOptions } from './projections.options';

@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      ...options.projections,
      { provide: PROJECTIONS, useFactory: (...instances: Projection[]) => instances, inject: options.projections },
      { provide: PROJECTIONS_OPTIONS, useValue: options },
      {
        provide: READ_MODELS_DATA_SOURCE,
        useFactory: (url: string) => openReadModelsDataSource({ url, readModels: options.readModels }),
        inject: [DATABASE_URL],
      },
      ProjectionWaiter,
      ProjectionCommits,
      ProjectionRuntime,
      BlockedProjections,
      { provide: APP_INTERCEPTOR, useClass: ReadModelStaleInterceptor },
    ];
    return {
      module: ProjectionsModule,
      global: true,
      controllers: [ProjectionStatusController],
      providers,
      exports: [READ_MODELS_DATA_SOURCE, PROJECTIONS, ProjectionWaiter, ProjectionCommits, ProjectionRuntime],
    };
  }
}
