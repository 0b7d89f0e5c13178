import { Module } from '@nestjs/common';
import { OversightController } from './oversight.controller';
import { OversightQueries } from './oversight.query';

/**
 * GET /oversight/summary, /oversight/steps, /oversight/breaches (JSON or ?format=csv).
 * Needs the global ProjectionsModule (READ_MODELS_DATA_SOURCE) with OversightProjection registered.
 */
@Module({ controllers: [OversightController], providers: [OversightQueries], exports: [OversightQueries] })
export class OversightModule {}
