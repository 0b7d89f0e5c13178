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
import { ProjectionsModule } from './projections/runtime/projections.module';
import { READ_MODELS } from './projections/read-models.registry';
import { WorkQueueProjection } from './projections/work-queue/work-queue.projection';
import { WorkQueueModule } from './projections/work-queue/work-queue.module';
import { CaseHistoryProjection } from './projections/case-history/case-history.projection';
import { CaseHistoryModule } from './projections/case-history/case-history.module';
import { StepTimelineProjection } from './projections/step-timeline/step-timeline.projection';
import { StepTimelineModule } from './projections/step-timeline/step-timeline.module';
import { OversightProjection } from './projections/oversight/oversight.projection';
import { OversightModule } from './projections/oversight/oversight.module';
import { NotaryProjection } from './transparency/notary.projection';
import { TransparencyModule } from './transparency/transparency.module';
import { ConsoleModule } from './console/console.module';
import { MetricsModule } from './metrics/metrics.module';
import { observeAppends } from './event-store/observed-event-store';
import { AppendMetrics } from './metrics/append-metrics';

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
      imports: [
        HealthModule,
        AuthModule,
        RegulationsModule,
        CalendarModule.forRoot({ overrideDir: options.config.calendarOverrideDir }),
        CasesModule,
        AuditModule,
        ProjectionsModule.forRoot({
          projections: [WorkQueueProjection, CaseHistoryProjection, StepTimelineProjection, OversightProjection, NotaryProjection],
          enabled: options.config.projectionsEnabled,
          readModels: READ_MODELS,
        }),
        WorkQueueModule,
        CaseHistoryModule,
        StepTimelineModule,
        OversightModule,
        TransparencyModule,
        ConsoleModule,
        MetricsModule,
      ],
      providers: [
        {
          // The one place that picks the event store: EventStoreDB when
          // EVENTSTORE_URL is set (production clusters), PostgreSQL otherwise.
          provide: EVENT_STORE,
          // Wrapped so every append is timed and traced (observed-event-store.ts).
          useFactory: async (metrics: AppendMetrics): Promise<EventStore> =>
            observeAppends(
              options.config.eventStoreUrl
                ? createEventStoreDbStore({ connectionString: options.config.eventStoreUrl })
                : await createPostgresEventStore({ connectionString: options.databaseUrl }),
              metrics,
            ),
          inject: [AppendMetrics],
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
