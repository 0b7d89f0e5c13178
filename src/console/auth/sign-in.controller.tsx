import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { issueToken } from '../../auth/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { DEMO_USERS } from '../../demo/demo-users';
import { ConsoleExceptionFilter } from '../errors/console-exception.filter';
import { navFor } from '../layout/nav';
import { Page, PageContext } from '../page-context';
import { Html, renderPage } from '../render';
import { CsrfGuard } from './csrf.guard';
import { endSession, secondsLeft, startSession, verifySession } from './session';
import { isSignInReason } from './sign-in-required';
import { SignInPage } from './sign-in.page';
import { ConsoleAuthGuard } from './console-auth.guard';

const DEMO_TOKEN_SECONDS = 8 * 3600;

const field = (body: unknown, name: string): string => {
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * Sign-in (token paste; demo users outside production), sign-out, and
 * /console itself, which opens the user's first section.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(CsrfGuard)
@Controller('console')
export class SignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get demoEnabled(): boolean {
    return !this.config.production;
  }

  @Get()
  @UseGuards(ConsoleAuthGuard)
  home(@Page() ctx: PageContext, @Res() response: Response): void {
    const first = ctx.principal ? navFor(ctx.principal)[0] : undefined;
    response.redirect(303, first ? first.href : '/console/sign-in');
  }

  @Get('sign-in')
  @Html()
  signInPage(@Page() ctx: PageContext, @Query('reason') reason?: string): string {
    return renderPage(
      <SignInPage ctx={ctx} reason={isSignInReason(reason) ? reason : undefined} demoUsers={this.demoEnabled ? DEMO_USERS : undefined} />,
    );
  }

  @Post('sign-in')
  @HttpCode(303)
  signIn(@Body() body: unknown, @Req() request: Request, @Res() response: Response): void {
    const token = field(body, 'token');
    const outcome = verifySession(token, this.config);
    if (!outcome.ok) {
      response.redirect(303, `/console/sign-in?reason=${outcome.reason === 'expired' ? 'expired' : 'invalid'}`);
      return;
    }
    startSession(request, response, token, secondsLeft(token));
    response.redirect(303, '/console');
  }

  @Post('sign-in/demo')
  @HttpCode(303)
  demoSignIn(@Body() body: unknown, @Req() request: Request, @Res() response: Response): void {
    if (!this.demoEnabled) throw new NotFoundException();
    const user = DEMO_USERS.find((u) => u.userId === field(body, 'userId'));
    if (!user) {
      response.redirect(303, '/console/sign-in?reason=invalid');
      return;
    }
    const lifetime = Math.min(DEMO_TOKEN_SECONDS, this.config.tokenMaxLifetimeSeconds);
    const principal = { userId: user.userId, roles: user.roles, organisation: user.organisation, region: user.region };
    startSession(request, response, issueToken(principal, this.config.jwtSecret, lifetime), lifetime);
    response.redirect(303, '/console');
  }

  @Post('sign-out')
  @HttpCode(303)
  signOut(@Req() request: Request, @Res() response: Response): void {
    endSession(request, response);
    response.redirect(303, '/console/sign-in?reason=signed-out');
  }
}
