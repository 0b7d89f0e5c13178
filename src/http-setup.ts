import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemFilter } from './common/problem.filter';
import { requestGuard, RequestGuardOptions } from './common/request-guard';
import { createValidationPipe } from './common/validation';

/**
 * HTTP concerns shared by main.ts and the e2e tests, so tests exercise what users get.
 * Call before app.init(): the request guard installs the body parsers, so it
 * runs after parsing and before routing, guards and pipes.
 */
export function configureHttp(app: INestApplication, options: Partial<RequestGuardOptions> = {}): void {
  app.use(...requestGuard(options));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Regulated state services in education (Kazakhstan)')
      .setDescription(
        'Event-sourced tracking of applications against regional regulations: catalog, working-time calendar, cases, read models and audit. Errors are application/problem+json with a stable `code`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}
