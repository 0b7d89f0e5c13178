import { Module } from '@nestjs/common';
import { ConsoleNotFoundController } from './console-not-found.controller';

/**
 * Only the catch-all /console route. Nest registers routes module by module in
 * the order modules are first imported, so ConsoleModule imports this one last:
 * every real console route is matched before it.
 */
@Module({ controllers: [ConsoleNotFoundController] })
export class ConsoleNotFoundModule {}
