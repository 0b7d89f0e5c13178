/**
 * The working-time calendar's data model: one JSON file per year under `data/`
 * (see data/README.md), optionally patched by override layers. Dates are civil
 * dates 'YYYY-MM-DD' (no zone: a holiday is the same date in every region).
 */

export type LocalDate = string; // 'YYYY-MM-DD'

export interface LocalizedName {
  ru: string;
  kk: string;
}

/** Where a datum was checked: a web page, or a file in a public repository. */
export interface SourceRef {
  title: string;
  url?: string;
  repo?: string;
  path?: string;
  commit?: string;
}

/** A holiday of the Law "On holidays" on a given date of the year. */
export interface HolidayEntry {
  id: string; // stable: 'new-year', 'nauryz', 'victory-day', ...
  date: LocalDate;
  name: LocalizedName;
  religious: boolean;
  /** Law art. 5: a non-religious holiday on Sat/Sun gives the next working day off. */
  movesOffWeekend: boolean;
}

export type KurbanAitStatus = 'confirmed' | 'announced' | 'estimated';

export interface KurbanAit {
  date: LocalDate;
  /** confirmed: observed; announced: the Spiritual Administration's published date; estimated: astronomical. */
  status: KurbanAitStatus;
  name: LocalizedName;
  sources: SourceRef[];
  /** Earlier announced dates that were later changed (e.g. 2024: 17 June → 16 June). */
  history?: { date: LocalDate; status: KurbanAitStatus; until?: LocalDate; note: string; sources?: SourceRef[] }[];
}

/** The legal act that moved a day of rest (Government decree, later a Minister's order). */
export interface TransferAct {
  issuer: string;
  kind: 'decree' | 'order';
  number?: string;
  date?: LocalDate;
  title?: string;
  adiletId?: string;
  url?: string;
  basis?: string;
  reported?: LocalDate;
  amends?: string;
}

/**
 * "Перенести день отдыха с <from> на <to>": `from` becomes a working day
 * (usually a Saturday, sometimes a Sunday or a moved holiday day off), `to`
 * becomes a day off.
 */
export interface Transfer {
  from: LocalDate;
  to: LocalDate;
  reason: string;
  act: TransferAct;
  sources: SourceRef[];
}

/** Last word on one date, for corrections the other fields cannot express. */
export interface DayOverride {
  date: LocalDate;
  working: boolean;
  reason: string;
  sources?: SourceRef[];
}

export interface YearData {
  year: number;
  holidays: HolidayEntry[];
  kurbanAit: KurbanAit;
  transfers: Transfer[];
  overrides: DayOverride[];
  crossChecked: SourceRef[];
  notes: string[];
  /** Which layers produced this year: shipped file, override files, in-memory patches. */
  layers: string[];
}

/**
 * An override layer for one year. Fields given replace (holidays, kurbanAit) or
 * add to (transfers: same `from` or `to` replaces; overrides: same date replaces)
 * the year below. For a year without shipped data, holidays and kurbanAit are required.
 */
export interface YearPatch {
  year: number;
  holidays?: HolidayEntry[];
  kurbanAit?: KurbanAit;
  transfers?: Transfer[];
  overrides?: DayOverride[];
  notes?: string[];
}

export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

export type DayStatus =
  | 'working'
  | 'weekend'
  | 'holiday'
  | 'moved-holiday-day-off'
  | 'transferred-day-off'
  | 'transferred-working-day'
  | 'override-day-off'
  | 'override-working-day';

export type DayReason =
  | { kind: 'weekend' }
  | {
      kind: 'holiday';
      holidayId: string;
      name: LocalizedName;
      religious: boolean;
      /** Law art. 5: the weekday the day off moved to. */
      dayOffMovedTo?: LocalDate;
      /** A transfer then made `dayOffMovedTo` a working day and put the day of rest here (2020: 11 May → 8 May). */
      dayOffTransferred?: { to: LocalDate; act: TransferAct };
    }
  | { kind: 'moved-holiday-day-off'; holidayId: string; name: LocalizedName; holidayDate: LocalDate }
  | { kind: 'transferred-day-off'; from: LocalDate; reason: string; act: TransferAct }
  | { kind: 'transferred-working-day'; to: LocalDate; reason: string; act: TransferAct }
  | { kind: 'override'; working: boolean; reason: string };

export interface DayInfo {
  date: LocalDate;
  weekday: Weekday;
  working: boolean;
  status: DayStatus;
  reasons: DayReason[];
  /** One line in English, e.g. "day off: Defender of the Fatherland Day (Sat 2016-05-07) moved here". */
  summary: string;
}
