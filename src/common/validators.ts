import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Length, Matches, ValidateBy, ValidationOptions } from 'class-validator';

const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);

/** Trims a string, or each string of an array; anything else is left for the type checks to refuse. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(trimmed) : trimmed(value)));

const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;
// Line breaks and tabs are text in a free-text field; every other control character is not.
const FREE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/**
 * A one-line text field: trimmed, then 1..max characters (so whitespace only
 * is refused), without control characters.
 */
export function SingleLineText(max: number, min = 1, options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    Trim(),
    IsString(options),
    IsNotEmpty(options),
    Length(min, max, options),
    Matches(ONE_LINE, { ...options, message: '$property must be one line without control characters' }),
  );
}

/** Free text (grounds, reasoning): trimmed, min..max characters, line breaks and tabs allowed. */
export function FreeText(max: number, min = 1): PropertyDecorator {
  return applyDecorators(
    Trim(),
    IsString(),
    IsNotEmpty(),
    Length(min, max),
    Matches(FREE_TEXT, { message: '$property must not contain control characters other than line breaks and tabs' }),
  );
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD naming a day that exists (no 2019-02-30), years 1900..2100. */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const IsCalendarDate = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: () => '$property must be a day that exists, as YYYY-MM-DD (1900..2100)' },
    },
    options,
  );

const INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 instant with Z or an offset, on a day that exists, time fields in range. */
export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(new Date(value).getTime());
}

export const IsInstant = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: () => '$property must be an ISO 8601 instant with Z or an offset, e.g. 2019-05-06T10:00:00+06:00',
      },
    },
    options,
  );
