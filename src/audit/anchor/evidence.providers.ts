import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { READ_MODELS_DATA_SOURCE } from '../../projections/runtime/tokens';
import { readTreeState } from '../../transparency/notary.projection';
import { NotaryKey } from '../../transparency/notary-key';
import { TransparencyLog } from '../../transparency/transparency-log';
import { Witness } from '../../transparency/witness';
import { STREAM_EVIDENCE } from '../case-integrity.service';
import { PostgresStreamEvidence } from '../integrity/postgres-evidence';
import { LogStreamEvidence, StreamEvidenceReader } from '../integrity/stream-evidence';
import { NOTARY_VERIFIER_KEY, NotaryVerifierKey, WITNESSED_CHECKPOINTS, WitnessedCheckpoints } from './witnessed-checkpoints';

/**
 * What the audit reads evidence from. The witness reader and the notary's
 * public key are ports: the transparency slice's reader and key plug in here.
 */
export const EVIDENCE_PROVIDERS: Provider[] = [
  {
    provide: STREAM_EVIDENCE,
    inject: [APP_CONFIG, EVENT_STORE, READ_MODELS_DATA_SOURCE, TransparencyLog],
    // On PostgreSQL the read models' DataSource is the event store's database: its connections serve the snapshot reads.
    useFactory: (config: AppConfig, store: EventStore, db: DataSource, log: TransparencyLog): StreamEvidenceReader =>
      config.eventStoreUrl
        ? new LogStreamEvidence(store, {
            leavesOfStream: (streamId) => log.leavesOfStream(streamId),
            notaryPosition: async () => (await readTreeState(db)).position,
          })
        : new PostgresStreamEvidence(db),
  },
  // The notary's own witness directory (WITNESS_DIR) and public key (NOTARY_KEY_FILE), from the transparency slice.
  { provide: WITNESSED_CHECKPOINTS, useFactory: (witness: Witness): WitnessedCheckpoints => witness, inject: [Witness] },
  { provide: NOTARY_VERIFIER_KEY, useFactory: (key: NotaryKey): NotaryVerifierKey => key, inject: [NotaryKey] },
];
