import { Module } from '@nestjs/common';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { CLOCK, Clock } from '../common/clock';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { RegulationsModule } from '../regulations/regulations.module';
import { CaseCommandService } from './case-command.service';

/** The case command path, for the API's command routes and the console's forms alike. */
@Module({
  imports: [RegulationsModule],
  providers: [
    {
      provide: CaseCommandService,
      inject: [EVENT_STORE, RegulationCatalog, WorkingCalendar, CLOCK],
      useFactory: (store: EventStore, catalog: RegulationCatalog, calendar: WorkingCalendar, clock: Clock) =>
        new CaseCommandService({ store, catalog, calendar, clock }),
    },
  ],
  exports: [CaseCommandService],
})
export class CaseCommandModule {}
