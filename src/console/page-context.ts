import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../common/problem';
import { consoleState } from './http/request-state';
import { Lang, Messages, messagesFor } from './i18n/messages';

/** Everything a page component needs about the request: pass it down as `ctx`. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  /** Absent on the sign-in page and on errors before sign-in. */
  principal?: Principal;
  /** Put in every form (<CsrfField ctx />); console.js sends it with fetch/htmx requests. */
  csrfToken: string;
  /** The request's path and query, e.g. /console/queue?status=overdue (for the language switch). */
  url: string;
}

export function pageContext(request: Request): PageContext {
  const state = consoleState(request);
  return { lang: state.lang, t: messagesFor(state.lang), principal: state.principal, csrfToken: state.csrfToken, url: request.originalUrl };
}

/** `@Page() ctx: PageContext` in a console handler. */
export const Page = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext =>
  pageContext(context.switchToHttp().getRequest<Request>()),
);

/** The signed-in user of a page behind ConsolePages (ConsoleAuthGuard sets it on every such route). */
export function signedInPrincipal(ctx: PageContext): Principal {
  if (!ctx.principal) throw new ProblemError(401, 'unauthenticated', 'Sign in');
  return ctx.principal;
}
