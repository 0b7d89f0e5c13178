import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConsoleAssetsController } from './assets/assets.controller';
import { ConsoleAuthGuard } from './auth/console-auth.guard';
import { CsrfGuard } from './auth/csrf.guard';
import { SignInController } from './auth/sign-in.controller';
import { ConsoleHttpMiddleware } from './http/console-http.middleware';
import { ConsoleCaseModule } from './case/console-case.module';

/**
 * The staff console at /console: server-rendered pages (Preact JSX to
 * string) with htmx, in Russian and Kazakh. See src/console/README.md.
 */
@Module({
  imports: [ConsoleCaseModule],
  controllers: [SignInController, ConsoleAssetsController],
  providers: [ConsoleAuthGuard, CsrfGuard],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleHttpMiddleware).forRoutes({ path: 'console', method: RequestMethod.ALL }, { path: 'console/{*rest}', method: RequestMethod.ALL });
  }
}
