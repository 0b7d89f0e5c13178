import { Module } from '@nestjs/common';
import { RegulationsModule } from '../../regulations/regulations.module';
import { CaseHistoryController } from './case-history.controller';
import { CaseHistoryQueries } from './case-history.query';
import { AppealedCasesQuery } from './appealed-cases.query';

/**
 * GET /cases/:id/history. The projection (CaseHistoryProjection) is registered
 * with ProjectionsModule.forRoot, which provides the DataSource and the waiter.
 */
@Module({
  imports: [RegulationsModule],
  controllers: [CaseHistoryController],
  providers: [CaseHistoryQueries, AppealedCasesQuery],
  exports: [CaseHistoryQueries, AppealedCasesQuery],
})
export class CaseHistoryModule {}
