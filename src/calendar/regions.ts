import { DateTime } from 'luxon';
import { isRegion, REGIONS, type Region } from '../regulations/regulation.model';
import { CalendarInputError } from './calendar.errors';

export { isRegion, REGIONS, type Region };

/**
 * IANA zone per region. Never a fixed offset: Asia/Almaty and Asia/Qostanay were
 * UTC+6 until 1 March 2024 00:00 local and UTC+5 since; Asia/Oral is UTC+5 throughout.
 */
export const REGION_ZONES: Readonly<Record<Region, string>> = {
  astana: 'Asia/Almaty',
  'almaty-oblast': 'Asia/Almaty',
  'kostanay-oblast': 'Asia/Qostanay',
  'west-kazakhstan-oblast': 'Asia/Oral',
};

export function zoneOf(region: Region): string {
  if (!isRegion(region)) throw new CalendarInputError(`Unknown region "${String(region)}"; expected one of ${REGIONS.join(', ')}`);
  return REGION_ZONES[region];
}

/**
 * Fails fast when the runtime's ICU lacks a zone (Asia/Qostanay is recent) or
 * predates the 2024 change: arithmetic would otherwise be silently an hour off.
 */
export function assertZoneDatabase(): void {
  for (const zone of new Set(Object.values(REGION_ZONES))) {
    if (!DateTime.now().setZone(zone).isValid) {
      throw new Error(`The runtime's time zone database does not know ${zone}`);
    }
  }
  const after = DateTime.fromISO('2024-03-01T12:00', { zone: 'Asia/Qostanay' });
  if (after.offset !== 300) {
    throw new Error("The runtime's time zone database predates the 1 March 2024 change of Asia/Qostanay to UTC+5");
  }
}
