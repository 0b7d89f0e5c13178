import {
  type DynamicModule,
  type InjectionToken,
  Logger,
  Module,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { type CalendarDataOptions, loadCalendarDataset } from './calendar-data.loader';
import { CalendarController } from './calendar.controller';
import { assertZoneDatabase } from './regions';
import { WorkingCalendar } from './working-calendar.service';

export type CalendarModuleOptions = CalendarDataOptions;

export interface CalendarModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => CalendarModuleOptions | Promise<CalendarModuleOptions>;
}

function createWorkingCalendar(options: CalendarModuleOptions): WorkingCalendar {
  assertZoneDatabase();
  const logger = new Logger('Calendar');
  return new WorkingCalendar(loadCalendarDataset({ log: { log: (m) => logger.log(m), warn: (m) => logger.warn(m) }, ...options }));
}

/**
 * GET /calendar/:year and GET /calendar/deadline, and the WorkingCalendar for
 * the rest of the application. Global: import it once in the composition root,
 * e.g. `CalendarModule.forRoot({ overrideDir: config.calendarOverrideDir })`.
 * The data is read and validated at start; a bad file stops the start.
 */
@Module({})
export class CalendarModule {
  static forRoot(options: CalendarModuleOptions = {}): DynamicModule {
    return {
      module: CalendarModule,
      global: true,
      controllers: [CalendarController],
      providers: [{ provide: WorkingCalendar, useFactory: () => createWorkingCalendar(options) }],
      exports: [WorkingCalendar],
    };
  }

  static forRootAsync(options: CalendarModuleAsyncOptions): DynamicModule {
    return {
      module: CalendarModule,
      global: true,
      imports: options.imports ?? [],
      controllers: [CalendarController],
      providers: [
        {
          provide: WorkingCalendar,
          useFactory: async (...args: never[]) => createWorkingCalendar(await options.useFactory(...args)),
          inject: options.inject ?? [],
        },
      ],
      exports: [WorkingCalendar],
    };
  }
}
