import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../../../auth/auth.module';
import { CLOCK, systemClock } from '../../../common/clock';
import { APP_CONFIG, AppConfig } from '../../../config/config';
import { DATABASE_URL } from '../../../database/tokens';
import { EventStoreLifecycle } from '../../../event-store/event-store.lifecycle';
import { EVENT_STORE } from '../../../event-store/event-store.port';
import { createPostgresEventStore } from '../../../event-store/postgres/postgres-event-store';
import { HealthModule } from '../../../health/health.module';

/**
 * The global providers ProjectionsModule needs (what the composition root
 * gives it), without the rest of the application: runtime tests stay
 * independent of which projections app.module.ts wires.
 */
@Module({})
export class RuntimeHostModule {
  static forRoot(options: { config: AppConfig; databaseUrl: string }): DynamicModule {
    return {
      module: RuntimeHostModule,
      global: true,
      imports: [HealthModule, AuthModule],
      providers: [
        { provide: EVENT_STORE, useFactory: () => createPostgresEventStore({ connectionString: options.databaseUrl }) },
        EventStoreLifecycle,
        { provide: APP_CONFIG, useValue: options.config },
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [APP_CONFIG, DATABASE_URL, CLOCK, EVENT_STORE],
    };
  }
}
