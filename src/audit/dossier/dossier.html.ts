import { DateTime } from 'luxon';
import { zoneOf } from '../../calendar/regions';
import { CaseActor } from '../../cases/domain/case.events';
import { Region, SpecialRule } from '../../regulations/regulation.model';
import { actText, noDueInstantReason, registrationBodyText } from '../../regulations/wording';
import { CaseDossier } from './dossier';
import {
  ACTION_RU,
  APPEAL_TERM_RU,
  TEXT_LANGUAGE_RU,
  BREACH_RU,
  CHANNEL_RU,
  citationRu,
  DEADLINE_RU,
  DECISION_RU,
  durationRu,
  EVENT_RU,
  label,
  minutesRu,
  NOTES_RU,
  REASON_RU,
  REGION_RU,
  ROLE_RU,
  SPECIAL_RULE_RU,
  STATUS_RU,
  STEP_STATE_RU,
  VERDICT_RU,
} from './labels.ru';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every piece of data goes through this: case content (grounds, summaries, names) is untrusted. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

type Html = { readonly html: string };
const raw = (html: string): Html => ({ html });
/** Tagged template that escapes every interpolation unless it is already Html (or a list of Html). */
function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (v: unknown): string =>
    Array.isArray(v) ? v.map(part).join('') : v && typeof v === 'object' && 'html' in v ? (v as Html).html : escapeHtml(v);
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

const STYLE = `
  body { font: 11pt/1.4 "PT Serif", "Times New Roman", serif; margin: 2em auto; max-width: 60em; color: #111; }
  h1 { font-size: 16pt; margin-bottom: .2em; } h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; } th, td { border: 1px solid #bbb; padding: .25em .4em; vertical-align: top; text-align: left; }
  th { background: #eee; } .late td { background: #fde8e8; } .muted { color: #555; font-size: 9.5pt; } .verdict-broken { color: #a00; font-weight: bold; }
  .verdict-intact { color: #060; font-weight: bold; } dl { display: grid; grid-template-columns: 14em 1fr; gap: .2em 1em; } dt { font-weight: bold; } dd { margin: 0; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function timeIn(region: Region | undefined) {
  const zone = region ? zoneOf(region) : 'UTC';
  return (iso: string | null | undefined): Html => {
    if (!iso) return raw('—');
    const local = DateTime.fromISO(iso, { zone });
    return h`<time datetime="${iso}">${local.toFormat('dd.MM.yyyy HH:mm')} <span class="muted">(UTC${local.toFormat('ZZ')})</span></time>`;
  };
}

const actorText = (actor: CaseActor | null | undefined): string =>
  actor ? `${actor.id} (${label(ROLE_RU, actor.role)}, ${actor.organisation})` : '—';

/** Where a rule governs only some channels (Kostanay duplicates, para 8, 2)), the dossier says which and why. */
const ruleScopeRu = (rule: SpecialRule): string =>
  rule.kind === 'acceptance-day-not-counted' && rule.channels
    ? ` (только при обращении через: ${rule.channels.map((c) => label(CHANNEL_RU, c)).join(', ')})`
    : '';
const ruleReadingRu = (rule: SpecialRule): string =>
  rule.kind === 'acceptance-day-not-counted' && rule.reading ? `. Толкование: ${rule.reading.ru}` : '';

const yesNo = (value: boolean | null | undefined): string => (value === null || value === undefined ? '—' : value ? 'да' : 'нет');

/** The dossier as a self-contained printable page: inline styles, no scripts, no external resources. */
export function renderDossierHtml(d: CaseDossier): string {
  const region = d.regulation?.region;
  const t = timeIn(region);
  const reg = d.regulation;
  const legal = d.legal;
  const pd = d.personalData;

  const header = h`
  <header>
    <h1>Досье дела для рассмотрения жалобы</h1>
    <dl>
      <dt>Номер дела</dt><dd>${d.caseId}</dd>
      <dt>Статус</dt><dd>${label(STATUS_RU, d.status)}</dd>
      <dt>Заявление принято</dt><dd>${t(d.receivedAt)}</dd>
      <dt>Услугодатель</dt><dd>${d.providerOrganisation ?? '—'}</dd>
      <dt>Государственная корпорация</dt><dd>${d.stateCorporationOrganisation ?? '—'}</dd>
      <dt>Сформировано</dt><dd>${t(d.generatedAt)}, для ${d.generatedFor.userId} (${label(ROLE_RU, d.generatedFor.role)})</dd>
      <dt>Ревизия потока</dt><dd>${d.revision}</dd>
    </dl>
  </header>`;

  const applicant = h`
  <section id="applicant">
    <h2>Заявитель</h2>
    <dl>
      <dt>ИИН</dt><dd>${pd.applicant?.iin ?? '—'}</dd>
      <dt>ФИО</dt><dd>${pd.applicant?.name ?? '—'}</dd>
      <dt>Представитель</dt><dd>${pd.representative ? `${pd.representative.name}, доверенность № ${pd.representative.powerOfAttorney.number} от ${pd.representative.powerOfAttorney.date}` : '—'}</dd>
      <dt>Документы</dt><dd>${d.documents.join('; ') || '—'}</dd>
      <dt>Согласие на использование сведений, составляющих охраняемую законом тайну</dt><dd>${yesNo(d.consentToProtectedData)}</dd>
    </dl>
    ${pd.masked ? h`<p class="muted">Персональные данные скрыты в соответствии с ролью получателя досье.</p>` : ''}
  </section>`;

  const regulation = reg
    ? h`
  <section id="regulation">
    <h2>Регламент, которым регулируется дело</h2>
    <dl>
      <dt>Версия</dt><dd>${reg.versionId}</dd>
      <dt>Регион</dt><dd>${label(REGION_RU, reg.region)}</dd>
      <dt>Услуга</dt><dd>${legal?.serviceName.ru ?? reg.service}</dd>
      <dt>Канал</dt><dd>${label(CHANNEL_RU, reg.channel)}</dd>
      <dt>Действует с</dt><dd>${reg.effectiveFrom}</dd>
      ${
        legal
          ? h`<dt>Утверждён</dt><dd>${actText(reg.region, legal.approvingAct, 'ru', 'name')}</dd>
      <dt>Государственная регистрация</dt><dd>${legal.registration ? `${registrationBodyText(legal.registration.body, 'ru')}, ${legal.registration.date ?? 'дата в тексте не указана'} № ${legal.registration.number}` : '—'}</dd>
      <dt>Изменения</dt><dd>${legal.amendments.map((a) => actText(reg.region, a.act, 'ru', 'name')).join('; ') || '—'}</dd>
      <dt>Утратил силу</dt><dd>${legal.repeal ? `${actText(reg.region, legal.repeal.act, 'ru', 'name')} (с ${legal.repeal.effectiveFrom.date})` : '—'}</dd>
      <dt>Текст</dt><dd>${legal.text.file}, ${TEXT_LANGUAGE_RU[legal.text.language]}, приложение ${legal.text.appendix}</dd>`
          : ''
      }
      <dt>Общий срок</dt><dd>${reg.overallDeadline ? `${durationRu(reg.overallDeadline)}; ${citationRu(reg.overallDeadline.citation)}` : 'не указан в регламенте'}</dd>
    </dl>
    <table>
      <thead><tr><th>№</th><th>Действие</th><th>Исполнитель</th><th>Срок по регламенту</th><th>Основание</th></tr></thead>
      <tbody>${reg.steps.map(
        (s, i) =>
          h`<tr><td>${i + 1}</td><td>${label(ACTION_RU, s.action)}</td><td>${label(ROLE_RU, s.role)}</td><td>${durationRu(s.duration)}</td><td>${citationRu(s.citation)}</td></tr>`,
      )}</tbody>
    </table>
    ${reg.specialRules.length ? h`<p>Особые правила:</p><ul>${reg.specialRules.map((r) => h`<li>${label(SPECIAL_RULE_RU, r.kind)}${ruleScopeRu(r)}: ${citationRu(r.citation)}${ruleReadingRu(r)}</li>`)}</ul>` : ''}
    <p class="muted">Шаги и сроки — из снимка регламента, записанного в деле при приёме заявления; сведения об акте — из каталога регламентов.${
      legal?.text.language === 'kk' ? ' Цитаты приводятся дословно, на языке текста регламента (казахском).' : ''
    }</p>
  </section>`
    : h`<section id="regulation"><h2>Регламент</h2><p>Дело не содержит снимка регламента.</p></section>`;

  const timeline = h`
  <section id="timeline">
    <h2>Ход исполнения против регламентных сроков</h2>
    <table>
      <thead><tr><th>№</th><th>Действие</th><th>Исполнитель по регламенту</th><th>Начало</th><th>Срок</th><th>Выполнено</th><th>Кем</th><th>Рабочее время</th><th>Просрочка</th><th>Состояние</th></tr></thead>
      <tbody>${d.timeline.map(
        (s) => h`<tr class="${s.late || s.overdue ? 'late' : ''}" data-step="${s.stepId}">
        <td>${s.index + 1}</td><td>${label(ACTION_RU, s.action)}${
          s.within.length
            ? h`<ul class="muted">${s.within.map((w) => h`<li>${label(EVENT_RU, w.type)}: ${t(w.occurredAt)}, ${actorText(w.actor)}</li>`)}</ul>`
            : ''
        }</td>
        <td>${label(ROLE_RU, s.role)}<br><span class="muted">${durationRu(s.regulatedDuration)}</span></td>
        <td>${t(s.startedAt)}</td><td>${s.dueAt ? t(s.dueAt) : s.startedAt ? noDueInstantReason(s.action, s.regulatedDuration, 'ru') : '—'}</td><td>${t(s.completedAt)}</td>
        <td>${actorText(s.completedBy)}</td><td>${minutesRu(s.officeMinutes)}</td>
        <td>${s.lateByMinutes !== null ? `${minutesRu(s.lateByMinutes)} (рабочего времени: ${minutesRu(s.lateByOfficeMinutes)})` : '—'}</td>
        <td>${label(STEP_STATE_RU, s.state)}${s.late ? ', с нарушением срока' : s.overdue ? ', срок истёк' : ''}</td></tr>`,
      )}</tbody>
    </table>
    ${
      d.deadlines.length
        ? h`<table><thead><tr><th>Иной срок</th><th>Срок</th><th>Исполнено</th><th>Кем</th><th>Нарушен</th><th>Основание</th></tr></thead><tbody>${d.deadlines.map(
            (x) =>
              h`<tr class="${x.late || x.overdue ? 'late' : ''}"><td>${label(DEADLINE_RU, x.kind)}</td><td>${t(x.dueAt)}</td><td>${t(x.metAt)}</td><td>${actorText(x.metBy)}</td><td>${x.overdue ? 'срок истёк' : yesNo(x.late)}</td><td>${citationRu(x.citation)}</td></tr>`,
          )}</tbody></table>`
        : ''
    }
  </section>`;

  const breaches = h`
  <section id="breaches">
    <h2>Нарушения сроков</h2>
    ${
      d.breaches.length === 0
        ? h`<p>Нарушений сроков не выявлено.</p>`
        : h`<table><thead><tr><th>Нарушение</th><th>Предмет</th><th>Срок</th><th>Фактически</th><th>На сколько</th><th>Ответственный</th><th>Основание</th></tr></thead><tbody>${d.breaches.map(
            (
              b,
            ) => h`<tr class="late"><td>${label(BREACH_RU, b.kind)}</td><td>${b.action ? label(ACTION_RU, b.action) : b.subject === 'overall' ? DEADLINE_RU.overall : b.subject}</td><td>${t(b.dueAt)}</td><td>${b.actualAt ? t(b.actualAt) : 'не выполнено'}</td>
            <td>${minutesRu(b.byMinutes)}${b.byOfficeMinutes !== null ? ` (рабочего времени: ${minutesRu(b.byOfficeMinutes)})` : ''}</td>
            <td>${b.responsible.actor ? actorText(b.responsible.actor) : label(ROLE_RU, b.responsible.role ?? '—')}</td><td>${citationRu(b.citation)}</td></tr>`,
          )}</tbody></table>`
    }
  </section>`;

  const o = d.outcome;
  const outcome = h`
  <section id="outcome">
    <h2>Результат</h2>
    <dl>
      <dt>Итог</dt><dd>${label(STATUS_RU, o.kind)}</dd>
      <dt>Когда</dt><dd>${t(o.at)}</dd>
      <dt>Кем</dt><dd>${actorText(o.by)}</dd>
      ${o.issuedTo ? h`<dt>Выдан</dt><dd>${o.issuedTo === 'applicant' ? 'заявителю' : 'представителю'}</dd>` : ''}
      ${o.grounds ? h`<dt>Основания отказа</dt><dd>${o.grounds}</dd>` : ''}
      ${o.missingDocuments.length ? h`<dt>Недостающие документы</dt><dd>${o.missingDocuments.join('; ')}</dd>` : ''}
      ${o.citation ? h`<dt>Основание</dt><dd>${citationRu(o.citation)}</dd>` : ''}
    </dl>
    ${o.storage.length ? h`<ul>${o.storage.map((e) => h`<li>${label(EVENT_RU, e.type)}: ${t(e.occurredAt)}, ${actorText(e.actor)}</li>`)}</ul>` : ''}
  </section>`;

  const actors = h`
  <section id="actors">
    <h2>Участники</h2>
    <table><thead><tr><th>Кто</th><th>Роль</th><th>Организация</th><th>Действия</th></tr></thead><tbody>${d.actors.map(
      (a) =>
        h`<tr><td>${a.id}</td><td>${label(ROLE_RU, a.role)}</td><td>${a.organisation}</td><td>${a.actions.map((x) => h`${label(EVENT_RU, x.type)} (рев. ${x.revision}, ${t(x.occurredAt)})<br>`)}</td></tr>`,
    )}</tbody></table>
  </section>`;

  const appeals = h`
  <section id="appeals">
    <h2>Жалобы</h2>
    ${
      d.appeals.length === 0
        ? h`<p>Жалоб не поступало.</p>`
        : d.appeals.map(
            (a) => h`<div class="appeal"><dl>
      <dt>Жалоба</dt><dd>${a.appealId}</dd>
      <dt>Подана</dt><dd>${t(a.filedAt)}, ${actorText(a.filedBy)}</dd>
      <dt>Доводы</dt><dd>${a.grounds}</dd>
      <dt>Срок рассмотрения</dt><dd>${t(a.dueAt)} <span class="muted">${APPEAL_TERM_RU}</span></dd>
      <dt>Направлена</dt><dd>${a.forwardedTo ? h`${a.forwardedTo}, ${t(a.forwardedAt)}` : '—'}</dd>
      <dt>Решение</dt><dd>${a.decision ? h`${DECISION_RU[a.decision]}, ${t(a.decidedAt)}, ${actorText(a.decidedBy)}` : a.overdue ? 'не принято, срок истёк' : 'не принято'}</dd>
      <dt>Мотивировка</dt><dd>${a.reasoning ?? '—'}</dd>
      <dt>Срок нарушен</dt><dd>${a.overdue ? 'да (не рассмотрена)' : yesNo(a.late)}</dd>
    </dl></div>`,
          )
    }
  </section>`;

  const reassignments = d.reassignments.length
    ? h`
  <section id="reassignments">
    <h2>Замена исполнителя</h2>
    <table><thead><tr><th>Когда</th><th>Кто</th><th>Был</th><th>Стал</th><th>Причина</th></tr></thead><tbody>${d.reassignments.map(
      (r) => h`<tr><td>${t(r.at)}</td><td>${actorText(r.by)}</td><td>${r.from}</td><td>${r.to}</td><td>${r.reason}</td></tr>`,
    )}</tbody></table>
    <p class="muted">Срок шага при замене исполнителя не переносится.</p>
  </section>`
    : '';

  const i = d.integrity;
  const integrity = h`
  <section id="integrity">
    <h2>Целостность записей</h2>
    <p class="verdict-${d.integrityStatement.verdict}">${label(VERDICT_RU, d.integrityStatement.verdict)}</p>
    <p>${d.integrityStatement.ru}</p>
    <dl>
      <dt>Проверено событий</dt><dd>${i.checked} из ${i.total}</dd>
      ${i.firstMismatch ? h`<dt>Первое несовпадение</dt><dd>ревизия ${i.firstMismatch.revision}${i.firstMismatch.eventId ? `, событие ${i.firstMismatch.eventId}` : ''}: ${label(REASON_RU, i.firstMismatch.reason)}</dd>` : ''}
      <dt>Голова потока</dt><dd>${i.head ? `ревизия ${i.head.revision}, ${i.head.matches ? 'совпадает' : 'НЕ совпадает'}` : 'хранилище не ведёт голову потока'}</dd>
    </dl>
  </section>`;

  const events = h`
  <section id="events">
    <h2>Журнал событий</h2>
    <table><thead><tr><th>Ревизия</th><th>Позиция</th><th>Событие</th><th>Произошло</th><th>Записано</th><th>Кто</th></tr></thead><tbody>${d.events.map(
      (e) =>
        h`<tr><td>${e.revision}</td><td>${e.position}</td><td>${label(EVENT_RU, e.type)}</td><td>${t(e.occurredAt)}</td><td>${t(e.recordedAt)}</td><td>${actorText(e.actor)}</td></tr>`,
    )}</tbody></table>
  </section>`;

  const notes = h`<footer id="notes"><h2>Примечания</h2><ul>${NOTES_RU.map((n) => h`<li>${n}</li>`)}</ul></footer>`;

  return h`<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Досье дела ${d.caseId}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${header}${applicant}${regulation}${timeline}${breaches}${outcome}${actors}${appeals}${reassignments}${integrity}${events}${notes}
</body>
</html>
`.html;
}
