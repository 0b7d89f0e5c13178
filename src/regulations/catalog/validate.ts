import { CHANNELS, DURATION_UNITS, PROVIDER_KINDS, REGIONS, RegulationVersion, STEP_ACTIONS, STEP_ROLES } from '../regulation.model';
import { CatalogValidationError } from './catalog-error';

type Json = Record<string, unknown>;

/**
 * Checks one parsed catalog file against the model. Hand-written rather than a
 * schema library so every message names the exact field path.
 */
export function validateRegulationVersion(raw: unknown, file: string): RegulationVersion {
  const fail = (field: string, problem: string): never => {
    throw new CatalogValidationError(file, field, problem);
  };
  const obj = (value: unknown, field: string): Json =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : fail(field, 'expected an object');
  const arr = (value: unknown, field: string): unknown[] => (Array.isArray(value) ? value : fail(field, 'expected an array'));
  const str = (value: unknown, field: string): string =>
    typeof value === 'string' && value.trim() !== '' ? value : fail(field, 'expected a non-empty string');
  const optStr = (value: unknown, field: string): void => {
    if (value !== undefined) str(value, field);
  };
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[], field: string): T =>
    allowed.includes(value as T) ? (value as T) : fail(field, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  const date = (value: unknown, field: string): string => {
    const text = str(value, field);
    const parsed = new Date(`${text}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) {
      fail(field, `expected a real date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    }
    return text;
  };
  const monthDay = (value: unknown, field: string): void => {
    const text = str(value, field);
    if (!/^\d{2}-\d{2}$/.test(text) || Number.isNaN(new Date(`2024-${text}T00:00:00Z`).getTime())) fail(field, 'expected MM-DD');
  };
  const localized = (value: unknown, field: string): void => {
    const text = obj(value, field);
    if (text.ru === undefined && text.kk === undefined) fail(field, 'expected ru and/or kk text');
    optStr(text.ru, `${field}.ru`);
    optStr(text.kk, `${field}.kk`);
  };
  const citation = (value: unknown, field: string): void => {
    const c = obj(value, field);
    optStr(c.appendix, `${field}.appendix`);
    str(c.paragraph, `${field}.paragraph`);
    optStr(c.subparagraph, `${field}.subparagraph`);
    str(c.quote, `${field}.quote`);
  };
  const duration = (value: unknown, field: string): void => {
    const d = obj(value, field);
    if (d.kind === 'stated') {
      if (typeof d.value !== 'number' || !Number.isFinite(d.value) || d.value <= 0) fail(`${field}.value`, 'expected a positive number');
      oneOf(d.unit, DURATION_UNITS, `${field}.unit`);
      citation(d.citation, `${field}.citation`);
    } else if (d.kind === 'not-stated') {
      str(d.note, `${field}.note`);
      if (d.citation !== undefined) citation(d.citation, `${field}.citation`);
    } else {
      fail(`${field}.kind`, 'expected "stated" or "not-stated"');
    }
  };
  const act = (value: unknown, field: string): void => {
    const a = obj(value, field);
    str(a.body, `${field}.body`);
    str(a.kind, `${field}.kind`);
    date(a.date, `${field}.date`);
    str(a.number, `${field}.number`);
  };
  const dated = (value: unknown, field: string): void => {
    const d = obj(value, field);
    date(d.date, `${field}.date`);
    oneOf(d.basis, ['stated', 'derived', 'assumed'] as const, `${field}.basis`);
    if (d.basis !== 'stated') str(d.note, `${field}.note`);
  };

  const v = obj(raw, '(root)');
  str(v.id, 'id');
  oneOf(v.region, REGIONS, 'region');
  const service = obj(v.service, 'service');
  const code = str(service.code, 'service.code');
  if (!/^[a-z][a-z0-9-]*$/.test(code)) fail('service.code', 'expected kebab-case');
  const serviceName = obj(service.name, 'service.name');
  str(serviceName.ru, 'service.name.ru');
  str(serviceName.kk, 'service.name.kk');
  arr(v.providerKind, 'providerKind').forEach((k, i) => oneOf(k, PROVIDER_KINDS, `providerKind[${i}]`));
  if (!Number.isInteger(v.version) || (v.version as number) < 1) fail('version', 'expected a positive integer');
  const id = `${String(v.region)}/${code}/v${String(v.version)}`;
  if (v.id !== id) fail('id', `expected "${id}"`);
  const source = obj(v.source, 'source');
  str(source.file, 'source.file');
  oneOf(source.language, ['ru', 'kk'] as const, 'source.language');
  str(source.appendix, 'source.appendix');
  if (service.nameTranslation !== undefined) {
    const translation = obj(service.nameTranslation, 'service.nameTranslation');
    const lang = oneOf(translation.lang, ['ru', 'kk'] as const, 'service.nameTranslation.lang');
    if (lang === source.language) fail('service.nameTranslation.lang', `the seed is in ${lang}: its own name is not a translation`);
    str(translation.note, 'service.nameTranslation.note');
  }

  const legal = obj(v.legal, 'legal');
  act(legal.approvingAct, 'legal.approvingAct');
  const registration = (value: unknown, field: string): void => {
    const r = obj(value, field);
    str(r.body, `${field}.body`);
    if (r.date !== undefined) date(r.date, `${field}.date`);
    str(r.number, `${field}.number`);
  };
  if (legal.registration !== undefined) registration(legal.registration, 'legal.registration');
  arr(legal.amendments, 'legal.amendments').forEach((value, i) => {
    const f = `legal.amendments[${i}]`;
    const a = obj(value, f);
    act(a.act, `${f}.act`);
    if (a.registration !== undefined) registration(a.registration, `${f}.registration`);
    if (a.effectiveFrom !== undefined) dated(a.effectiveFrom, `${f}.effectiveFrom`);
    arr(a.paragraphsReworded, `${f}.paragraphsReworded`).forEach((p, j) => str(p, `${f}.paragraphsReworded[${j}]`));
    arr(a.paragraphsChanged, `${f}.paragraphsChanged`).forEach((p, j) => str(p, `${f}.paragraphsChanged[${j}]`));
    citation(a.citation, `${f}.citation`);
  });
  if (legal.repeal !== undefined) {
    const r = obj(legal.repeal, 'legal.repeal');
    act(r.act, 'legal.repeal.act');
    dated(r.effectiveFrom, 'legal.repeal.effectiveFrom');
    citation(r.citation, 'legal.repeal.citation');
  }
  dated(v.effectiveFrom, 'effectiveFrom');
  if (v.effectiveTo !== undefined) {
    dated(v.effectiveTo, 'effectiveTo');
    if (((v.effectiveTo as Json).date as string) <= ((v.effectiveFrom as Json).date as string)) {
      fail('effectiveTo.date', 'must be after effectiveFrom.date');
    }
  }
  const wording = obj(v.wording, 'wording');
  oneOf(wording.kind, ['consolidated', 'original', 'intermediate'] as const, 'wording.kind');
  str(wording.note, 'wording.note');
  const form = obj(v.form, 'form');
  arr(form.kind, 'form.kind').forEach((k, i) => oneOf(k, ['paper', 'electronic', 'partially-automated'] as const, `form.kind[${i}]`));
  citation(form.citation, 'form.citation');
  const result = obj(v.result, 'result');
  localized(result.text, 'result.text');
  if (result.form !== undefined)
    arr(result.form, 'result.form').forEach((k, i) => oneOf(k, ['paper', 'electronic'] as const, `result.form[${i}]`));
  citation(result.citation, 'result.citation');
  arr(v.refusalGrounds, 'refusalGrounds').forEach((value, i) => {
    const g = obj(value, `refusalGrounds[${i}]`);
    localized(g.text, `refusalGrounds[${i}].text`);
    citation(g.citation, `refusalGrounds[${i}].citation`);
  });

  const seenChannels = new Set<string>();
  const channels = arr(v.channels, 'channels');
  channels.forEach((value, i) => {
    const f = `channels[${i}]`;
    const c = obj(value, f);
    const channel = oneOf(c.channel, CHANNELS, `${f}.channel`);
    if (seenChannels.has(channel)) fail(`${f}.channel`, `channel ${channel} listed twice`);
    seenChannels.add(channel);
    if (typeof c.available !== 'boolean') fail(`${f}.available`, 'expected true or false');
    oneOf(c.wording, ['full', 'not-in-seeds'] as const, `${f}.wording`);
    citation(c.citation, `${f}.citation`);
    optStr(c.note, `${f}.note`);
    const steps = arr(c.steps, `${f}.steps`);
    if (!c.available && steps.length > 0) fail(`${f}.steps`, 'an unavailable channel has no steps');
    if (c.wording === 'not-in-seeds' && steps.length > 0) fail(`${f}.steps`, 'a channel whose wording is not in the seeds has no steps');
    if (c.available && c.wording === 'full' && steps.length === 0) fail(`${f}.steps`, 'an available channel needs its steps');
    const ids = new Set<string>();
    steps.forEach((stepValue, j) => {
      const sf = `${f}.steps[${j}]`;
      const s = obj(stepValue, sf);
      const id = str(s.id, `${sf}.id`);
      if (ids.has(id)) fail(`${sf}.id`, `duplicate step id ${id}`);
      ids.add(id);
      oneOf(s.role, STEP_ROLES, `${sf}.role`);
      oneOf(s.roleBasis, ['stated', 'inferred'] as const, `${sf}.roleBasis`);
      oneOf(s.action, STEP_ACTIONS, `${sf}.action`);
      localized(s.description, `${sf}.description`);
      duration(s.duration, `${sf}.duration`);
      citation(s.citation, `${sf}.citation`);
      if (s.branch !== undefined) oneOf(s.branch, ['acceptance-refusal', 'service-refusal'] as const, `${sf}.branch`);
      if (s.lane !== undefined) oneOf(s.lane, ['information-system'] as const, `${sf}.lane`);
      if (s.representative !== undefined) {
        const r = obj(s.representative, `${sf}.representative`);
        oneOf(r.powerOfAttorney, ['notarised'] as const, `${sf}.representative.powerOfAttorney`);
        citation(r.citation, `${sf}.representative.citation`);
      }
    });
  });
  for (const channel of CHANNELS)
    if (!seenChannels.has(channel)) fail('channels', `channel ${channel} is missing (list it, available or not)`);
  if (v.overallDeadline !== undefined) duration(v.overallDeadline, 'overallDeadline');
  arr(v.windows, 'windows').forEach((value, i) => {
    const w = obj(value, `windows[${i}]`);
    if (!/^[a-z][a-z0-9-]*$/.test(str(w.category, `windows[${i}].category`))) fail(`windows[${i}].category`, 'expected kebab-case');
    monthDay(w.from, `windows[${i}].from`);
    monthDay(w.to, `windows[${i}].to`);
    localized(w.appliesTo, `windows[${i}].appliesTo`);
    citation(w.citation, `windows[${i}].citation`);
  });
  arr(v.specialRules, 'specialRules').forEach((value, i) => {
    const f = `specialRules[${i}]`;
    const r = obj(value, f);
    const kind = oneOf(
      r.kind,
      [
        'acceptance-day-not-counted',
        'deliver-to-state-corporation-before-deadline',
        'state-corporation-storage',
        'recall-from-provider-storage',
        'other',
      ] as const,
      `${f}.kind`,
    );
    citation(r.citation, `${f}.citation`);
    if (kind === 'acceptance-day-not-counted' && r.channels !== undefined) {
      const channels = arr(r.channels, `${f}.channels`);
      if (channels.length === 0) fail(`${f}.channels`, 'list at least one channel, or leave it out for every channel');
      channels.forEach((c, j) => oneOf(c, CHANNELS, `${f}.channels[${j}]`));
      const reading = obj(r.reading, `${f}.reading`);
      for (const lang of ['en', 'ru', 'kk'] as const) str(reading[lang], `${f}.reading.${lang}`);
    }
    if (kind === 'acceptance-day-not-counted' && r.channels === undefined && r.reading !== undefined)
      fail(`${f}.reading`, 'a reading explains `channels`: give them');
    if (kind === 'deliver-to-state-corporation-before-deadline') duration(r.leadTime, `${f}.leadTime`);
    if (kind === 'state-corporation-storage') duration(r.storage, `${f}.storage`);
    if (kind === 'recall-from-provider-storage') duration(r.within, `${f}.within`);
    if (kind === 'other') localized(r.text, `${f}.text`);
  });
  arr(v.notes, 'notes').forEach((n, i) => str(n, `notes[${i}]`));
  return v as unknown as RegulationVersion;
}
