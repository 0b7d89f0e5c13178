import { randomUUID } from 'node:crypto';
import { NewEvent } from '../../src/event-store/event-store.port';

/** Small deterministic PRNG (mulberry32): both variants see the same sequence of appends. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['ApplicationSubmitted', 'DocumentsRequested', 'DocumentsReceived', 'ReviewStarted', 'DecisionMade', 'ResultIssued'];
const SERVICES = ['preschool-enrolment', 'school-admission', 'transfer-between-schools', 'free-meals', 'summer-camp-voucher'];
const WORDS = 'өтініш құжат мектеп балабақша анықтама шешім applicant document review school decision certificate residence'.split(' ');

function text(rng: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ');
}

/** One realistic case event, about 1 KB of JSON data and metadata. */
export function caseEvent(rng: () => number, caseId: string, revision: number): NewEvent {
  return {
    id: randomUUID(),
    type: TYPES[revision % TYPES.length],
    schemaVersion: 1,
    data: {
      caseId,
      service: SERVICES[Math.floor(rng() * SERVICES.length)],
      regulationVersion: '2024-03-01',
      applicant: {
        fullName: 'Айгерім Сапарқызы Нұрланова',
        iin: String(900101000000 + Math.floor(rng() * 99999)),
        phone: '+7 701 555 01 23',
        address: { region: 'Алматы облысы', district: 'Қарасай ауданы', street: 'Абай даңғылы 15, 42' },
      },
      documents: [
        { kind: 'birth-certificate', fileId: randomUUID(), pages: 1 },
        { kind: 'residence-certificate', fileId: randomUUID(), pages: 2 },
      ],
      dueAt: '2024-03-15T18:00:00+05:00',
      comment: text(rng, 25),
    },
    metadata: {
      actor: { id: `officer-${Math.floor(rng() * 500)}`, role: 'officer', organisation: 'education-department-almaty-region' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
      occurredAt: new Date().toISOString(),
      channel: 'egov-portal',
    },
  };
}

/**
 * The appends of one writer: it owns `cases` case streams and appends 1–3
 * events at a time to a random one, with the exact expected revision.
 */
export class CaseWriter {
  private readonly revisions: number[];
  private readonly rng: () => number;

  constructor(
    readonly name: string,
    private readonly cases = 20,
    seed = 1,
  ) {
    this.revisions = Array.from({ length: cases }, () => -1);
    this.rng = prng(seed);
  }

  next(): { streamId: string; events: NewEvent[]; expected: number | 'no-stream'; firstRevision: number } {
    const index = Math.floor(this.rng() * this.cases);
    const streamId = `case-${this.name}-${index}`;
    const last = this.revisions[index];
    const count = 1 + Math.floor(this.rng() * 3);
    const events = Array.from({ length: count }, (_, i) => caseEvent(this.rng, streamId, last + 1 + i));
    this.revisions[index] = last + count;
    return { streamId, events, expected: last === -1 ? 'no-stream' : last, firstRevision: last + 1 };
  }
}
