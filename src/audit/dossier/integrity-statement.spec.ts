import type { StreamAnchor } from '../anchor/case-anchor';
import { judgeStream } from '../integrity/stream-verdict';
import { driveCase, kostanayOfficeScript, recordInMemory } from '../testing/case-history';
import { integrityStatement, revisionRanges } from './integrity-statement';

const CASE = '1d2e3f40-0000-4000-8000-0000000000aa';
const events = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const head = { head: { streamId: `case-${CASE}`, revision: 6, lastHash: events[6].hash }, sameSnapshot: true };
const verdict = judgeStream(`case-${CASE}`, events, head);
const CHECKPOINT = {
  origin: 'kz/test',
  treeSize: 120,
  root: 'x',
  sources: ['w/1'],
  signatureChecked: true,
  signedAt: '2026-12-04T10:00:00.000Z',
};
const anchor = (over: Partial<StreamAnchor>): StreamAnchor => ({
  checkpoint: CHECKPOINT,
  keyChecked: true,
  witness: 'w',
  coveredRevisions: [],
  chainOnlyRevisions: [],
  findings: [],
  logFindings: [],
  ...over,
});

describe("the dossier's integrity statement says what was checked, never more", () => {
  it('names the checkpoint, its size and signing time, and which revisions it covers; newer ones are covered by the chain only', () => {
    const s = integrityStatement(verdict, anchor({ coveredRevisions: [0, 1, 2, 3], chainOnlyRevisions: [4, 5, 6] }));
    expect(s).toMatchObject({
      verdict: 'intact',
      coveredRevisions: [0, 1, 2, 3],
      chainOnlyRevisions: [4, 5, 6],
      checkpoint: { treeSize: 120, signedAt: '2026-12-04T10:00:00.000Z' },
    });
    expect(s.ru).toBe(
      'Цепочка хэшей событий с ревизиями 0–6 пересчитана и совпадает. Запись о голове потока указывает на ревизию 6 и совпадает с последним событием. ' +
        'События с ревизиями 0–3 совпадают со своими листьями, и их включение доказано в подписанную контрольную точку журнала прозрачности «kz/test» на 120 листьев, ' +
        'подписана 2026-12-04T10:00:00.000Z (время по записи нотариуса); подпись проверена открытым ключом нотариуса. ' +
        'События с ревизиями 4–6 новее этой контрольной точки и защищены только цепочкой хэшей: она выявляет изменение или удаление события внутри потока, ' +
        'но не замену всей цепочки тем, кто может писать в базу данных.',
    );
    expect(s.en).toMatch(
      /Revisions 0–3 match their leaves, proven included in the transparency-log checkpoint "kz\/test" of 120 leaves, signed 2026-12-04T10:00:00.000Z .* Revisions 4–6 are newer than that checkpoint and covered by the hash chain only/,
    );
    expect(s.ru).not.toMatch(/не изменялись|не удалялись/);
  });

  it('says so when the signature could not be checked, when nothing was signed, and when the log was not consulted', () => {
    const unchecked = anchor({
      coveredRevisions: [0, 1, 2, 3, 4, 5, 6],
      checkpoint: { ...CHECKPOINT, signatureChecked: false, signedAt: null },
    });
    expect(integrityStatement(verdict, unchecked).ru).toMatch(
      /время подписания неизвестно; подпись НЕ проверена: ключ нотариуса не задан\.$/,
    );
    expect(integrityStatement(verdict, anchor({ checkpoint: null, chainOnlyRevisions: [0, 1, 2, 3, 4, 5, 6] })).ru).toMatch(
      /Подписанных контрольных точек, опубликованных вне базы данных, нет\. События с ревизиями 0–6 новее любой контрольной точки и защищены только цепочкой хэшей/,
    );
    expect(integrityStatement(judgeStream(`case-${CASE}`, events), null)).toMatchObject({
      verdict: 'intact',
      chainOnlyRevisions: [0, 1, 2, 3, 4, 5, 6],
    });
  });

  it("lists every finding, the log's included, when anything does not match", () => {
    const broken = judgeStream(`case-${CASE}`, events.slice(0, 5), head);
    const s = integrityStatement(
      broken,
      anchor({ logFindings: [{ reason: 'checkpoint-root-mismatch', detail: '', checkpoint: { treeSize: 120, source: 'w' } }] }),
    );
    expect(s).toMatchObject({
      verdict: 'broken',
      ru: 'Целостность НАРУШЕНА. Несовпадения (ревизия: причина): 5: events-missing-at-end; checkpoint 120: checkpoint-root-mismatch.',
    });
  });

  it('writes revision ranges compactly', () => {
    expect(revisionRanges([5, 0, 1, 2, 7, 8])).toBe('0–2, 5, 7–8');
    expect(revisionRanges([])).toBe('');
  });
});
