import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './config/config';
import { CLOCK, simulatedClock, systemClock } from './common/clock';
import { HealthModule } from './health/health.module';
import { RegulationsModule } from './regulations/regulations.module';
import { DATABASE_URL } from './database/tokens';
import { EVENT_STORE, EventStore } from './event-store/event-store.port';
import { EventStoreLifecycle } from './event-store/event-store.lifecycle';
import { createPostgresEventStore } from './event-store/postgres/postgres-event-store';
import { createEventStoreDbStore } from './event-store/eventstoredb/eventstoredb-event-store';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { AuditModule } from './audit/audit.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The resolved PostgreSQL URL (DATABASE_URL or the embedded server). */
  databaseUrl: string;
}

/** Composition root: the only place that wires adapters to ports. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [HealthModule, AuthModule, RegulationsModule, CalendarModule.forRoot({ overrideDir: options.config.calendarOverrideDir }), CasesModule, AuditModule],
      providers: [
        {
          // The one place that picks the event store: EventStoreDB when
          // EVENTSTORE_URL is set (production clusters), PostgreSQL otherwise.
          provide: EVENT_STORE,
          useFactory: async (): Promise<EventStore> =>
            options.config.eventStoreUrl
              ? createEventStoreDbStore({ connectionString: options.config.eventStoreUrl })
              : createPostgresEventStore({ connectionString: options.databaseUrl }),
        },
        EventStoreLifecycle,
        { provide: APP_CONFIG, useValue: options.config },
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: CLOCK, useValue: options.config.simulatedClockStart ? simulatedClock(options.config.simulatedClockStart) : systemClock },
      ],
      exports: [APP_CONFIG, DATABASE_URL, CLOCK, EVENT_STORE],
    };
  }
}
