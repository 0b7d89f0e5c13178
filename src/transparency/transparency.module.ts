import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_MODELS_DATA_SOURCE } from '../projections/runtime/tokens';
import { TransparencyLog } from './transparency-log';

/**
 * Reads of the transparency log (roots, proofs, checkpoints) for the audit and
 * the proof endpoints. The notary itself (NotaryProjection) is registered with
 * ProjectionsModule.forRoot like every other projection.
 */
@Module({
  providers: [{ provide: TransparencyLog, useFactory: (dataSource: DataSource) => new TransparencyLog(dataSource), inject: [READ_MODELS_DATA_SOURCE] }],
  exports: [TransparencyLog],
})
export class TransparencyModule {}
