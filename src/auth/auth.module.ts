import { Global, Module } from '@nestjs/common';
import { AuthGuard } from './auth.guard';

/** Provides the guard; routes opt in with @UseGuards(AuthGuard) and @Roles(...). */
@Global()
@Module({ providers: [AuthGuard], exports: [AuthGuard] })
export class AuthModule {}
