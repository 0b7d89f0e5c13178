import { StreamHead } from './stream-verdict';

/** A stream to verify, with its stored head when the store keeps one. */
export interface StreamRef {
  streamId: string;
  /** Present (possibly undefined) only when the store keeps heads: see judgeStream. */
  headCheck?: { head: StreamHead | undefined };
}

/** Enumerates the streams of a store, in batches. */
export interface StreamSource {
  readonly description: string;
  /** How many streams there are, when cheap to know (for progress). */
  total(prefix?: string): Promise<number | undefined>;
  streams(options: { batchSize: number; prefix?: string }): AsyncIterable<StreamRef>;
  close(): Promise<void>;
}

/** Reads one stream's stored head (stores that keep heads only). */
export interface HeadReader {
  head(streamId: string): Promise<StreamHead | undefined>;
}
