import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '../common/problem';
import { EVENT_STORE, EventStore, RecordedEvent } from '../event-store/event-store.port';
import { judgeStream, StreamVerdict } from './integrity/stream-verdict';

export interface VerifiedStream {
  events: RecordedEvent[];
  verdict: StreamVerdict;
}

/** Reads a stream together with its integrity verdict (the hash chain, recomputed). */
@Injectable()
export class CaseIntegrityService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(streamId: string): Promise<VerifiedStream> {
    try {
      const events = await this.store.readStream(streamId);
      return { events, verdict: judgeStream(streamId, events) };
    } catch (error) {
      throw new ProblemError(503, 'event-store-unavailable', 'The event store cannot be read right now; retry later', {
        reason: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
}
