import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConsoleAssetsController } from './assets/assets.controller';
import { ConsoleAuthGuard } from './auth/console-auth.guard';
import { CsrfGuard } from './auth/csrf.guard';
import { SignInController } from './auth/sign-in.controller';
import { ConsoleHttpMiddleware } from './http/console-http.middleware';
import { WorkQueueModule } from '../projections/work-queue/work-queue.module';
import { RegulationsModule } from '../regulations/regulations.module';
import { QueueChanges } from './queue/queue-changes';
import { QueueController } from './queue/queue.controller';
import { OversightModule } from '../projections/oversight/oversight.module';
import { OversightPageController } from './oversight/oversight-page.controller';
import { ProjectionsPageController } from './projections/projections-page.controller';
import { ConsoleCaseModule } from './case/console-case.module';
import { ConsoleNotFoundModule } from './not-found/console-not-found.module';

/**
 * The staff console at /console: server-rendered pages (Preact JSX to
 * string) with htmx, in Russian and Kazakh. See src/console/README.md.
 */
@Module({
  // ConsoleCaseModule serves /console/cases/:id (the case page that replaced the placeholder) and appeal review.
  // ConsoleNotFoundModule (the catch-all 404 page) must stay last: its route is registered after all the others.
  imports: [WorkQueueModule, RegulationsModule, OversightModule, ConsoleCaseModule, ConsoleNotFoundModule],
  controllers: [SignInController, ConsoleAssetsController, QueueController, OversightPageController, ProjectionsPageController],
  providers: [ConsoleAuthGuard, CsrfGuard, QueueChanges],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ConsoleHttpMiddleware)
      .forRoutes({ path: 'console', method: RequestMethod.ALL }, { path: 'console/{*rest}', method: RequestMethod.ALL });
  }
}
