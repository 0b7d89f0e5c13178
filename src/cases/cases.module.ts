import { Module } from '@nestjs/common';
import { CaseCommandModule } from './case-command.module';
import { CasesController } from './cases.controller';
import { CaseCommandEndpoint } from './commands/case-command.endpoint';
import { DecideAppealRoute } from './commands/decide-appeal/decide-appeal.route';
import { FileAppealRoute } from './commands/file-appeal/file-appeal.route';
import { ForwardAppealRoute } from './commands/forward-appeal/forward-appeal.route';
import { ForwardToProviderRoute } from './commands/forward-to-provider/forward-to-provider.route';
import { HandToStorageRoute } from './commands/hand-to-storage/hand-to-storage.route';
import { ImposeVisaRoute } from './commands/impose-visa/impose-visa.route';
import { IssueResultRoute } from './commands/issue-result/issue-result.route';
import { PrepareDraftRoute } from './commands/prepare-draft/prepare-draft.route';
import { ReassignExecutorRoute } from './commands/reassign-executor/reassign-executor.route';
import { RecallFromStorageRoute } from './commands/recall-from-storage/recall-from-storage.route';
import { ReceiveApplicationRoute } from './commands/receive-application/receive-application.route';
import { RefuseAcceptanceRoute } from './commands/refuse-acceptance/refuse-acceptance.route';
import { RefuseServiceRoute } from './commands/refuse-service/refuse-service.route';
import { RegisterRoute } from './commands/register/register.route';
import { ReviewDocumentsRoute } from './commands/review-documents/review-documents.route';
import { SendToStateCorporationRoute } from './commands/send-to-state-corporation/send-to-state-corporation.route';
import { SignResultRoute } from './commands/sign-result/sign-result.route';

/** The write side's HTTP surface: a route per command (its slice under commands/), GET for the current state. */
@Module({
  imports: [CaseCommandModule],
  // In the order of the regulation's path, as the OpenAPI document lists them.
  controllers: [
    ReceiveApplicationRoute,
    RefuseAcceptanceRoute,
    CasesController,
    ForwardToProviderRoute,
    RegisterRoute,
    ReviewDocumentsRoute,
    ImposeVisaRoute,
    ReassignExecutorRoute,
    PrepareDraftRoute,
    SignResultRoute,
    SendToStateCorporationRoute,
    IssueResultRoute,
    RefuseServiceRoute,
    HandToStorageRoute,
    RecallFromStorageRoute,
    FileAppealRoute,
    ForwardAppealRoute,
    DecideAppealRoute,
  ],
  providers: [CaseCommandEndpoint],
})
export class CasesModule {}
