import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ProblemError } from '../common/problem';
import { RecordedEvent } from '../event-store/event-store.port';
import { READ_MODELS_DATA_SOURCE } from '../projections/runtime/tokens';
import { TransparencyLog } from '../transparency/transparency-log';
import { checkAnchors } from './anchor/anchor-audit';
import { anchorStream, StreamAnchor, verdictWithAnchor } from './anchor/case-anchor';
import { TrustedCheckpoint, latestOf } from './anchor/checkpoint-check';
import { signedAtOfNote, storedNotes } from './anchor/reproduce-log';
import { NOTARY_VERIFIER_KEY, NotaryVerifierKey, WITNESSED_CHECKPOINTS, WitnessedCheckpoints } from './anchor/witnessed-checkpoints';
import { judgeEvidence, StreamEvidence, StreamEvidenceReader } from './integrity/stream-evidence';
import { StreamVerdict } from './integrity/stream-verdict';

export const STREAM_EVIDENCE = Symbol('STREAM_EVIDENCE');

export interface VerifiedStream {
  events: RecordedEvent[];
  /** The stream's own checks (chain, head, leaves) and, folded in, its findings against the signed checkpoint. */
  verdict: StreamVerdict;
  anchor: StreamAnchor;
  /** The checkpoint proofs were made against (the latest published outside the database). */
  checkpoint: TrustedCheckpoint | undefined;
  evidence: StreamEvidence;
}

/**
 * Reads a stream with everything that vouches for it: the hash chain, the
 * head row and the transparency log's leaves (one snapshot on PostgreSQL),
 * and the latest checkpoint published outside the database, against whose
 * signed root each leaf is proven. Any finding, the log's included, breaks the verdict.
 */
@Injectable()
export class CaseIntegrityService {
  constructor(
    @Inject(STREAM_EVIDENCE) private readonly evidence: StreamEvidenceReader,
    @Inject(TransparencyLog) private readonly tree: TransparencyLog,
    @Inject(WITNESSED_CHECKPOINTS) private readonly witnessed: WitnessedCheckpoints,
    @Inject(NOTARY_VERIFIER_KEY) private readonly key: NotaryVerifierKey,
    @Inject(READ_MODELS_DATA_SOURCE) private readonly db: DataSource,
  ) {}

  async read(streamId: string): Promise<VerifiedStream> {
    let evidence: StreamEvidence;
    try {
      evidence = await this.evidence.read(streamId);
    } catch (error) {
      throw new ProblemError(503, 'event-store-unavailable', 'The event store cannot be read right now; retry later', {
        reason: error instanceof Error ? error.name : 'unknown',
      });
    }
    const own = judgeEvidence(streamId, evidence);
    let anchor: StreamAnchor;
    let anchors: Awaited<ReturnType<typeof checkAnchors>>;
    try {
      anchors = await checkAnchors({
        witnessed: this.witnessed,
        key: await this.key.verifierKey(),
        // A few largest: one per request is trusted, and a forged larger note must not hide the real one.
        stored: () => storedNotes(this.db, 16),
        signedAt: (note) => signedAtOfNote(this.db, note),
        tree: this.tree,
        roots: 'latest',
      });
      anchor = await anchorStream(streamId, evidence, own, anchors, this.tree);
    } catch (error) {
      throw new ProblemError(
        503,
        'transparency-log-unavailable',
        'The transparency log or the witnessed checkpoints cannot be read right now; retry later',
        {
          reason: error instanceof Error ? error.name : 'unknown',
        },
      );
    }
    return {
      events: evidence.events,
      verdict: verdictWithAnchor(own, anchor),
      anchor,
      checkpoint: latestOf(anchors.checkpoints),
      evidence,
    };
  }
}
