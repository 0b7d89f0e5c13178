import type { Type } from '@nestjs/common';
import type { Projection, ReadModelDefinition } from './projection';
import type { RunnerOptions } from './projection-runner';

export interface ProjectionsModuleOptions {
  /** @Injectable() classes implementing Projection; each gets a checkpoint and a lock by its `name`. */
  projections: Type<Projection>[];
  /** False: serve queries only (another instance runs the projections). */
  enabled: boolean;
  /** Batch size, lock retry and failure backoff (tests shorten them). */
  runtime?: Partial<RunnerOptions>;
  /** The read models of the DataSource: the service passes READ_MODELS (src/projections/read-models.registry.ts), tests their own. */
  readModels: ReadModelDefinition[];
}
