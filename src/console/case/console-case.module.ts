import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { CaseCommandModule } from '../../cases/case-command.module';
import { RegulationsModule } from '../../regulations/regulations.module';
import { CaseHistoryModule } from '../../projections/case-history/case-history.module';
import { StepTimelineModule } from '../../projections/step-timeline/step-timeline.module';
import { ConsoleAuthGuard } from '../auth/console-auth.guard';
import { CsrfGuard } from '../auth/csrf.guard';
import { AppealReviewController } from './appeal-review.controller';
import { CasePageController } from './case-page.controller';
import { ReceivePageController } from '../receive/receive-page.controller';

/**
 * The case page (/console/cases/:id) and appeal review (/console/appeals,
 * /console/cases/:id/replay, dossier and bundle downloads). The /console
 * middleware (ConsoleModule) covers these routes by path.
 */
@Module({
  imports: [RegulationsModule, CaseCommandModule, CaseHistoryModule, StepTimelineModule, AuditModule],
  // ReceivePageController first: its /console/cases/new must win over the case page's /console/cases/:id.
  controllers: [ReceivePageController, CasePageController, AppealReviewController],
  providers: [ConsoleAuthGuard, CsrfGuard],
})
export class ConsoleCaseModule {}
