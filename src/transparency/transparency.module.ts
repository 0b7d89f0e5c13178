import { Logger, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { READ_MODELS_DATA_SOURCE } from '../projections/runtime/tokens';
import { CaseProofController } from './case-proof.controller';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { loadNotaryKey, NotaryKey } from './notary-key';
import { TransparencyController } from './transparency.controller';
import { TransparencyLog } from './transparency-log';
import { Witness } from './witness';

/**
 * The transparency log's reads (roots, proofs, checkpoints), the notary's key,
 * the witness directory, timed checkpoint signing and the /transparency and
 * /cases/:id/proof routes. The notary itself (NotaryProjection) is registered
 * with ProjectionsModule.forRoot like every other projection.
 *
 * Exported for the audit: TransparencyLog, Witness (listWitnessed / list:
 * the published notes), NotaryKey (verifierKey(): the public key text).
 */
@Module({
  controllers: [TransparencyController, CaseProofController],
  providers: [
    {
      provide: TransparencyLog,
      useFactory: (dataSource: DataSource) => new TransparencyLog(dataSource),
      inject: [READ_MODELS_DATA_SOURCE],
    },
    {
      provide: NotaryKey,
      // Production without a key file stops the start here, with the message saying what to do.
      useFactory: (config: AppConfig) =>
        loadNotaryKey({
          keyFile: config.notaryKeyFile,
          origin: config.notaryOrigin,
          production: config.production,
          log: (line) => new Logger('Notary').warn(line),
        }),
      inject: [APP_CONFIG],
    },
    { provide: Witness, useFactory: (config: AppConfig) => new Witness(config.witnessDir), inject: [APP_CONFIG] },
    CheckpointScheduler,
  ],
  exports: [TransparencyLog, Witness, NotaryKey, CheckpointScheduler],
})
export class TransparencyModule {}
