import { EventStore } from '../../event-store/event-store.port';
import type { AnchorReport } from '../anchor/anchor-audit';
import { judgeEvidence, StreamEvidenceReader } from './stream-evidence';
import { HeadReader, StreamSource } from './stream-source';
import { judgeStream, StreamVerdict } from './stream-verdict';

export interface VerifyProgress {
  streams: number;
  total: number | undefined;
  events: number;
  broken: number;
}

export interface VerifyAllSummary {
  source: string;
  streams: number;
  events: number;
  intact: number;
  empty: number;
  broken: StreamVerdict[];
  /** The signed checkpoints and whether the store still yields them (when the transparency log was consulted). */
  anchor?: AnchorReport;
  startedAt: string;
  finishedAt: string;
}

export interface VerifyAllOptions {
  batchSize?: number;
  prefix?: string;
  onProgress?: (progress: VerifyProgress) => void;
  /** Progress every this many streams (default: each batch). */
  progressEvery?: number;
  now?: () => Date;
  /** Reads each stream with its head and transparency-log leaves (PostgreSQL); else the events alone from the store. */
  evidence?: StreamEvidenceReader;
}

/** One stream: its head first (when the store keeps heads), then its events, then the verdict. */
export async function verifyStream(store: EventStore, streamId: string, heads?: HeadReader): Promise<StreamVerdict> {
  const headCheck = heads ? { head: await heads.head(streamId) } : undefined;
  return judgeStream(streamId, await store.readStream(streamId), headCheck);
}

/** Verifies every stream the source lists; the core of `npm run audit:verify`. */
export async function verifyAllStreams(store: EventStore, source: StreamSource, options: VerifyAllOptions = {}): Promise<VerifyAllSummary> {
  const batchSize = options.batchSize ?? 500;
  const every = options.progressEvery ?? batchSize;
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const total = await source.total(options.prefix);
  const summary: VerifyAllSummary = {
    source: source.description,
    streams: 0,
    events: 0,
    intact: 0,
    empty: 0,
    broken: [],
    startedAt,
    finishedAt: startedAt,
  };
  const report = () => options.onProgress?.({ streams: summary.streams, total, events: summary.events, broken: summary.broken.length });
  for await (const ref of source.streams({ batchSize, prefix: options.prefix })) {
    // The source read the head before this read of the events (see judgeStream); the evidence reader reads all in one snapshot.
    const verdict = options.evidence
      ? judgeEvidence(ref.streamId, await options.evidence.read(ref.streamId))
      : judgeStream(ref.streamId, await store.readStream(ref.streamId), ref.headCheck);
    summary.streams++;
    summary.events += verdict.total;
    if (verdict.verdict === 'broken') summary.broken.push(verdict);
    else if (verdict.verdict === 'empty') summary.empty++;
    else summary.intact++;
    if (summary.streams % every === 0) report();
  }
  report();
  summary.finishedAt = now().toISOString();
  return summary;
}
