import { INestApplication, LoggerService } from '@nestjs/common';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { AppConfig } from '../config/config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { DEMO_NOW } from './demo-now';
import { DEMO_CASE_COUNT, DemoSeeder, summaryLine } from './demo-seeder';
import { messageOf } from '../common/error-message';

/**
 * `--demo`: once the service is up, seeds the demo cases through the command
 * handler and prints progress and a summary. False when seeding failed (the
 * cases written so far stay; the next start with --demo carries on).
 */
export async function seedDemo(app: INestApplication, config: AppConfig, logger: LoggerService): Promise<boolean> {
  const seeder = new DemoSeeder({
    store: app.get<EventStore>(EVENT_STORE),
    catalog: app.get(RegulationCatalog),
    calendar: app.get(WorkingCalendar),
    log: (line) => {
      logger.log(line);
    },
  });
  logger.log(`demo: seeding ${DEMO_CASE_COUNT} cases up to ${DEMO_NOW.toISOString()} (the simulated clock starts there)…`);
  try {
    const report = await seeder.seed({ count: DEMO_CASE_COUNT, now: DEMO_NOW });
    logger.log(summaryLine(report, `http://localhost:${config.port}/console`));
    return true;
  } catch (error) {
    logger.error(`${messageOf(error)}; the cases written so far stay, and the next start with --demo carries on`);
    return false;
  }
}
