import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ProblemError } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DATABASE_URL } from '../database/tokens';
import { EVENT_STORE, EventStore, RecordedEvent } from '../event-store/event-store.port';
import { PostgresStreamHeads } from './integrity/postgres-stream-heads';
import { judgeStream, StreamVerdict } from './integrity/stream-verdict';

export interface VerifiedStream {
  events: RecordedEvent[];
  verdict: StreamVerdict;
}

/**
 * Reads a stream together with its integrity verdict. On PostgreSQL the
 * stream's stored head is read first (directly from es_streams: the port has
 * no such read), so a tail cut from the stream is seen too.
 */
@Injectable()
export class CaseIntegrityService implements OnModuleDestroy {
  private readonly heads?: PostgresStreamHeads;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE_URL) databaseUrl: string,
  ) {
    // The composition root picks EventStoreDB when EVENTSTORE_URL is set; it keeps no head table.
    this.heads = config.eventStoreUrl ? undefined : new PostgresStreamHeads(databaseUrl);
  }

  async read(streamId: string): Promise<VerifiedStream> {
    try {
      const headCheck = this.heads ? { head: await this.heads.head(streamId) } : undefined;
      const events = await this.store.readStream(streamId);
      return { events, verdict: judgeStream(streamId, events, headCheck) };
    } catch (error) {
      throw new ProblemError(503, 'event-store-unavailable', 'The event store cannot be read right now; retry later', {
        reason: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.heads?.close();
  }
}
