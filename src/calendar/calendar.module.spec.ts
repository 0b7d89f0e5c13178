import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CalendarDataError } from './calendar.errors';
import { CalendarModule } from './calendar.module';
import { WorkingCalendar } from './working-calendar.service';

const CONFIG = Symbol('CONFIG');

function configModule(value: { calendarOverrideDir?: string }) {
  @Global()
  @Module({ providers: [{ provide: CONFIG, useValue: value }], exports: [CONFIG] })
  class ConfigModule {}
  return ConfigModule;
}

describe('CalendarModule.forRootAsync', () => {
  it('takes its options from configuration the composition root provides', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        configModule({}),
        CalendarModule.forRootAsync({
          useFactory: (config: { calendarOverrideDir?: string }) => ({ overrideDir: config.calendarOverrideDir }),
          inject: [CONFIG],
        }),
      ],
    }).compile();
    expect(moduleRef.get(WorkingCalendar).coveredYears()).toHaveLength(14);
  });

  it('a missing override directory stops the start with a typed error', async () => {
    const compiling = Test.createTestingModule({
      imports: [
        configModule({ calendarOverrideDir: '/nonexistent/calendar-overrides' }),
        CalendarModule.forRootAsync({
          useFactory: (c: { calendarOverrideDir?: string }) => ({ overrideDir: c.calendarOverrideDir }),
          inject: [CONFIG],
        }),
      ],
    }).compile();
    await expect(compiling).rejects.toBeInstanceOf(CalendarDataError);
  });
});
