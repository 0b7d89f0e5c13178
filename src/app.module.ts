import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './config/config';
import { CLOCK, systemClock } from './common/clock';
import { HealthModule } from './health/health.module';
import { RegulationsModule } from './regulations/regulations.module';
import { DATABASE_URL } from './database/tokens';

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
      imports: [RegulationsModule, HealthModule],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [APP_CONFIG, DATABASE_URL, CLOCK],
    };
  }
}
