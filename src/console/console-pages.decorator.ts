import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConsoleAuthGuard } from './auth/console-auth.guard';
import { CsrfGuard } from './auth/csrf.guard';
import { ConsoleExceptionFilter } from './errors/console-exception.filter';

/**
 * The security model of every signed-in console controller, as one class
 * decorator: out of the API's OpenAPI document, errors as pages (no session →
 * sign-in), CSRF on every POST, the session cookie → Principal (with @Roles).
 */
export const ConsolePages = (): ClassDecorator =>
  applyDecorators(ApiExcludeController(), UseFilters(ConsoleExceptionFilter), UseGuards(CsrfGuard, ConsoleAuthGuard));
