/**
 * Typed calendar errors with stable codes. Framework-free so the case domain can
 * catch them; the HTTP edge maps them to problem+json (calendar.controller.ts).
 */
export abstract class CalendarError extends Error {
  abstract readonly code: string;
}

/** A date needs a year the data does not cover (no file, no override). */
export class CalendarYearNotCoveredError extends CalendarError {
  readonly code = 'calendar-year-not-covered';
  constructor(
    readonly year: number,
    readonly coveredYears: number[],
  ) {
    super(
      `The working-time calendar has no data for ${year}` +
        (coveredYears.length ? ` (covered: ${coveredYears[0]}–${coveredYears[coveredYears.length - 1]})` : ''),
    );
    this.name = 'CalendarYearNotCoveredError';
  }
}

/** Calendar data (shipped file, override file or patch) is malformed or inconsistent. */
export class CalendarDataError extends CalendarError {
  readonly code = 'calendar-data-invalid';
  constructor(
    readonly origin: string,
    readonly problems: string[],
  ) {
    super(`Invalid calendar data in ${origin}: ${problems.join('; ')}`);
    this.name = 'CalendarDataError';
  }
}

/** Bad arguments to the arithmetic: unknown region, negative duration, invalid instant. */
export class CalendarInputError extends CalendarError {
  readonly code = 'calendar-invalid-input';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}
