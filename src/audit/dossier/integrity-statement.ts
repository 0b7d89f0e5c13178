import type { StreamAnchor } from '../anchor/case-anchor';
import type { StreamVerdict } from '../integrity/stream-verdict';

/**
 * What the dossier says about integrity: exactly what was checked, never
 * more. The hash chain shows an edited or deleted event but not a cut tail;
 * the head row and the transparency log's leaves show a cut tail; only a
 * signed checkpoint published outside the database holds against someone
 * who can rewrite all of those. Each claim names the check behind it.
 */
export interface IntegrityStatement {
  ru: string;
  en: string;
  verdict: 'intact' | 'broken' | 'empty';
  checkpoint: { origin: string; treeSize: number; signedAt: string | null; signatureChecked: boolean } | null;
  coveredRevisions: number[];
  chainOnlyRevisions: number[];
}

/** "0–6", "0–3, 5, 7–8". */
export function revisionRanges(revisions: readonly number[], dash = '–'): string {
  const sorted = [...revisions].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}${dash}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function signedRu(c: NonNullable<IntegrityStatement['checkpoint']>): string {
  const when = c.signedAt ? `, подписана ${c.signedAt} (время по записи нотариуса)` : ', время подписания неизвестно';
  const signature = c.signatureChecked ? 'подпись проверена открытым ключом нотариуса' : 'подпись НЕ проверена: ключ нотариуса не задан';
  return `контрольную точку журнала прозрачности «${c.origin}» на ${c.treeSize} листьев${when}; ${signature}`;
}

function signedEn(c: NonNullable<IntegrityStatement['checkpoint']>): string {
  const when = c.signedAt ? `, signed ${c.signedAt} (as the notary recorded it)` : ', signing time unknown';
  const signature = c.signatureChecked
    ? "signature verified with the notary's public key"
    : 'signature NOT verified: no notary key configured';
  return `the transparency-log checkpoint "${c.origin}" of ${c.treeSize} leaves${when}; ${signature}`;
}

export function integrityStatement(verdict: StreamVerdict, anchor: StreamAnchor | null): IntegrityStatement {
  const checkpoint = anchor?.checkpoint
    ? {
        origin: anchor.checkpoint.origin,
        treeSize: anchor.checkpoint.treeSize,
        signedAt: anchor.checkpoint.signedAt,
        signatureChecked: anchor.checkpoint.signatureChecked,
      }
    : null;
  const covered = anchor?.coveredRevisions ?? [];
  const chainOnly = anchor ? anchor.chainOnlyRevisions : Array.from({ length: verdict.total }, (_, i) => i);
  const findings = [
    ...verdict.findings.map((f) => `${f.revision}: ${f.reason}`),
    ...(anchor?.findings ?? []).map((f) => `${f.revision ?? '?'}: ${f.reason}`),
    ...(anchor?.logFindings ?? []).map((f) => `${f.checkpoint ? `checkpoint ${f.checkpoint.treeSize}` : 'log'}: ${f.reason}`),
  ];
  const base = { checkpoint, coveredRevisions: covered, chainOnlyRevisions: chainOnly };
  if (findings.length > 0) {
    return {
      ...base,
      verdict: 'broken',
      ru: `Целостность НАРУШЕНА. Несовпадения (ревизия: причина): ${findings.join('; ')}.`,
      en: `Integrity BROKEN. Mismatches (revision: reason): ${findings.join('; ')}.`,
    };
  }
  if (verdict.total === 0) return { ...base, verdict: 'empty', ru: 'Событий нет: проверять нечего.', en: 'No events: nothing to check.' };
  const all = revisionRanges(Array.from({ length: verdict.total }, (_, i) => i));
  const ru = [`Цепочка хэшей событий с ревизиями ${all} пересчитана и совпадает.`];
  const en = [`The hash chain of revisions ${all} was recomputed and matches.`];
  if (verdict.head) {
    ru.push(`Запись о голове потока указывает на ревизию ${verdict.head.revision} и совпадает с последним событием.`);
    en.push(`The stream's head record names revision ${verdict.head.revision} and matches the last event.`);
  }
  if (checkpoint && covered.length > 0) {
    ru.push(
      `События с ревизиями ${revisionRanges(covered)} совпадают со своими листьями, и их включение доказано в подписанную ${signedRu(checkpoint)}.`,
    );
    en.push(`Revisions ${revisionRanges(covered)} match their leaves, proven included in ${signedEn(checkpoint)}.`);
  } else if (checkpoint) {
    ru.push(`Ни одно событие не входит в последнюю подписанную ${signedRu(checkpoint)}.`);
    en.push(`No event is in the latest signed checkpoint: ${signedEn(checkpoint)}.`);
  } else {
    ru.push('Подписанных контрольных точек, опубликованных вне базы данных, нет.');
    en.push('There is no signed checkpoint published outside the database.');
  }
  if (chainOnly.length > 0) {
    ru.push(
      `События с ревизиями ${revisionRanges(chainOnly)} новее ${checkpoint ? 'этой контрольной точки' : 'любой контрольной точки'} и защищены только цепочкой хэшей: ` +
        'она выявляет изменение или удаление события внутри потока, но не замену всей цепочки тем, кто может писать в базу данных.',
    );
    en.push(
      `Revisions ${revisionRanges(chainOnly)} are newer than ${checkpoint ? 'that checkpoint' : 'any checkpoint'} and covered by the hash chain only: ` +
        'it shows an event edited or deleted inside the stream, not a chain rewritten by someone who can write to the database.',
    );
  }
  return { ...base, verdict: 'intact', ru: ru.join(' '), en: en.join(' ') };
}
