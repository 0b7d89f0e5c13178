/**
 * The regulation catalog's data model: what a regional regulation ("регламент" /
 * "регламенті") states, encoded as data, one JSON file per regulation version
 * under `data/`. Every number carries the citation it comes from; what the text
 * does not state is recorded as not stated, never guessed.
 */

import { isOneOf } from '../common/one-of';

export const REGIONS = ['astana', 'almaty-oblast', 'kostanay-oblast', 'west-kazakhstan-oblast'] as const;
export type Region = (typeof REGIONS)[number];

export const isRegion = (value: unknown): value is Region => isOneOf(REGIONS, value);

export const CHANNELS = [
  'provider-office', // канцелярия услугодателя / көрсетілетін қызметті берушінің кеңсесі
  'state-corporation', // Государственная корпорация / ЦОН / ХҚКО
  'portal', // egov.kz
] as const;
export type Channel = (typeof CHANNELS)[number];

export const PROVIDER_KINDS = [
  'school',
  'district-education-department', // отдел образования района / города областного значения
  'city-education-department', // управление образования города (Astana)
  'regional-education-department', // управление образования области
  'college', // TVET organisation
  'local-executive-body', // местный исполнительный орган района (when the text names it so)
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Who performs a step. */
export const STEP_ROLES = [
  'clerk', // сотрудник канцелярии / кеңсе қызметкері
  'head', // руководитель / басшы
  'deputy-head', // заместитель руководителя
  'executor', // ответственный исполнитель / жауапты орындаушы
  'commission', // приемная комиссия / қабылдау комиссиясы
  'provider', // the provider as a whole, where the text does not split the work
  'state-corporation-operator', // работник Государственной корпорации / ЦОН
  'state-corporation-courier', // курьер / delivery between SC and provider, when named as such
  'applicant', // услугополучатель (portal steps the applicant performs)
  'information-system', // ИИС ЦОН, ПЭП, ГБД ФЛ, ИС ЕНП: automated processing steps
] as const;
export type StepRole = (typeof STEP_ROLES)[number];

/** The regulated action a step fulfils: a closed vocabulary shared with the case events. */
export const STEP_ACTIONS = [
  'received', // package accepted, checked, receipt issued
  'acceptance-refused', // incomplete package: refusal receipt
  'consent-obtained', // consent to use data protected by law
  'registered', // registration of the package (office / information system)
  'forwarded-to-provider', // SC sends the package to the provider
  'visa-imposed', // head names the executor (виза / резолюция / бұрыштама)
  'documents-reviewed', // executor / commission studies the package
  'draft-prepared', // draft result prepared
  'service-refused', // motivated refusal of the service
  'signed', // head signs the result
  'result-prepared', // provider prepares the result as a whole (when the text gives one duration)
  'sent-to-state-corporation', // result delivered to the SC
  'sent-to-portal', // result sent to the applicant's personal cabinet
  'issued', // result handed to the applicant
  'enrolled', // enrolment order / зачисление
  'handed-to-storage', // SC hands an uncollected result to the provider
  'recalled-from-storage', // provider returns a stored result to the SC on request
  'request-submitted', // portal: applicant fills, attaches and signs the request
  'request-processed', // portal: request checked / registered by provider or system
  'status-notified', // portal: status notification in the personal cabinet
  'system-processing', // an information-system step (authorisation, lookup, check)
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const DURATION_UNITS = ['minutes', 'hours', 'working-days', 'calendar-days', 'days', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/**
 * A regulated duration. 'days' is kept apart from working or calendar days:
 * the text says only "день" / "күн", and the reading is the engine's choice,
 * recorded with the deadline, not the catalog's.
 */
export type Duration =
  { kind: 'stated'; value: number; unit: DurationUnit; citation: Citation } | { kind: 'not-stated'; note: string; citation?: Citation };

/**
 * Where a statement comes from. `quote` is copied verbatim from the seed text
 * (line breaks and the extraction's letter spacing may differ: tests compare
 * with all whitespace removed) and must contain the number it supports.
 */
export interface Citation {
  /** Appendix of the act holding this regulation ("1", "2", ...); absent for the act's own text. */
  appendix?: string;
  paragraph: string;
  subparagraph?: string;
  quote: string;
}

export interface LocalizedText {
  ru?: string;
  kk?: string;
}

export interface LegalAct {
  body: string; // e.g. "акимат Костанайской области"
  kind: string; // постановление / қаулы / решение
  date: string; // YYYY-MM-DD
  number: string;
}

export interface DatedFact {
  date: string; // YYYY-MM-DD
  /** stated: the text gives the date; derived: computed from a rule the text states; assumed: see note. */
  basis: 'stated' | 'derived' | 'assumed';
  note?: string;
}

/** State registration of a normative act, as the seed states it. */
export interface Registration {
  /** The registering body or register, e.g. "Департамент юстиции ..." / "Реестр государственной регистрации нормативных правовых актов". */
  body: string;
  /** YYYY-MM-DD; absent where the seed gives the number only (never guessed). */
  date?: string;
  number: string;
}

/**
 * An amending act, the same model in every seed: whether the seed is the
 * consolidated text with footnotes (Kostanay No 313/557, WKO TVET No 53) or the
 * amending act itself (WKO seed 004, decree No 54). Its registration is recorded
 * where the seed states it.
 */
export interface Amendment {
  act: LegalAct;
  registration?: Registration;
  effectiveFrom?: DatedFact;
  /** Paragraphs this act put in a new wording ("в редакции"). */
  paragraphsReworded: string[];
  /** Paragraphs this act changed without rewording them whole ("с изменением"). */
  paragraphsChanged: string[];
  citation: Citation;
}

export interface Step {
  /** Unique within the version, e.g. "office-1", "sc-3". */
  id: string;
  role: StepRole;
  /** 'inferred' when the text lists the roles but does not attach this one to the step. */
  roleBasis: 'stated' | 'inferred';
  action: StepAction;
  description: LocalizedText;
  duration: Duration;
  citation: Citation;
  /**
   * Steps on a side path: 'acceptance-refusal' (incomplete package),
   * 'service-refusal' (motivated refusal). Absent for the main path.
   */
  branch?: 'acceptance-refusal' | 'service-refusal';
  /**
   * 'information-system': the step belongs to the text's separate, parallel
   * account of how the information systems process the same application
   * (e.g. "описание процессов в ИИС ЦОН"); it adds no work of its own after the
   * procedure's steps, so cases do not wait for it.
   */
  lane?: 'information-system';
  /**
   * What the text requires of a representative acting for the applicant at this
   * step, e.g. "нотариально удостоверенная доверенность" / "нотариалды
   * куәландырылған сенімхат": a representative with any other power of attorney
   * cannot be served on this step. Absent where the step's text says nothing.
   */
  representative?: { powerOfAttorney: 'notarised'; citation: Citation };
}

export interface ChannelRules {
  channel: Channel;
  /** false where the text says this channel is NOT available. */
  available: boolean;
  /**
   * 'full': the steps below are the text's; 'not-in-seeds': this version's
   * wording of the channel's paragraphs is not in the seed (e.g. reworded by a
   * later amendment whose earlier wording was not kept); no steps then.
   */
  wording: 'full' | 'not-in-seeds';
  citation: Citation;
  steps: Step[];
  note?: string;
}

export interface Window {
  /**
   * Which applications the window governs (kebab-case code, e.g. "first-grade",
   * "full-time"): a receipt states its category, and only the matching window applies.
   */
  category: string;
  /** MM-DD, inclusive. */
  from: string;
  /** MM-DD, inclusive. */
  to: string;
  appliesTo: LocalizedText;
  citation: Citation;
}

/** Why a rule is read the way the catalog applies it: the reason, quoting the text, in English, Russian and Kazakh. */
export interface Reading {
  en: string;
  ru: string;
  kk: string;
}

export type SpecialRule =
  | {
      kind: 'acceptance-day-not-counted';
      /**
       * The channels whose deadlines the rule governs, where the text ties it to
       * one route (Kostanay duplicates: para 8, the State Corporation's). Absent:
       * every channel (how cases received before the reading was recorded keep it).
       */
      channels?: Channel[];
      /** Required with `channels`: why the text governs only those channels. */
      reading?: Reading;
      citation: Citation;
    }
  | { kind: 'deliver-to-state-corporation-before-deadline'; leadTime: Duration; citation: Citation }
  | { kind: 'state-corporation-storage'; storage: Duration; citation: Citation }
  | { kind: 'recall-from-provider-storage'; within: Duration; citation: Citation }
  | { kind: 'other'; text: LocalizedText; citation: Citation };

export interface RegulationVersion {
  /** "<region>/<service-code>/v<version>", the file's name without .json. */
  id: string;
  region: Region;
  service: {
    code: string;
    /** In both languages: every output in `ru` is Russian and in `kk` Kazakh. */
    name: { ru: string; kk: string };
    /**
     * The name in the language the seed does not give (each seed is in one
     * language): where it comes from, e.g. the same service's name in another seed,
     * or the catalog's own translation.
     */
    nameTranslation?: { lang: 'ru' | 'kk'; note: string };
  };
  providerKind: ProviderKind[];
  version: number;
  /** The seed file (under texts/) and the language of the encoded text. */
  source: { file: string; language: 'ru' | 'kk'; appendix: string };
  legal: {
    approvingAct: LegalAct;
    /** Registration of the approving act. */
    registration?: Registration;
    amendments: Amendment[];
    repeal?: { act: LegalAct; effectiveFrom: DatedFact; citation: Citation };
  };
  /** Inclusive. */
  effectiveFrom: DatedFact;
  /** Exclusive: the first day this version no longer governs; absent while in force. */
  effectiveTo?: DatedFact;
  /**
   * What the version's wording is: the seed's consolidated text, the original
   * before amendments, or an intermediate one (an amendment's wording before a
   * later amendment; the paragraphs the later one changed are not in the seeds).
   */
  wording: { kind: 'consolidated' | 'original' | 'intermediate'; note: string };
  form: { kind: Array<'paper' | 'electronic' | 'partially-automated'>; citation: Citation };
  result: { text: LocalizedText; form?: Array<'paper' | 'electronic'>; citation: Citation };
  refusalGrounds: Array<{ text: LocalizedText; citation: Citation }>;
  channels: ChannelRules[];
  overallDeadline?: Duration;
  windows: Window[];
  specialRules: SpecialRule[];
  notes: string[];
}
