import { Module } from '@nestjs/common';
import { RegulationsModule } from '../regulations/regulations.module';
import { TransparencyModule } from '../transparency/transparency.module';
import { EVIDENCE_PROVIDERS } from './anchor/evidence.providers';
import { AccessLogService } from './access/access-log.service';
import { AuditController } from './audit.controller';
import { CaseAuditService } from './case-audit.service';
import { CaseIntegrityService } from './case-integrity.service';

/**
 * Replay, hash-chain verification, dossier and access log of a case. Needs the
 * composition root's global EVENT_STORE, CLOCK, APP_CONFIG, DATABASE_URL and the
 * global CalendarModule's WorkingCalendar; reads no read model (the transparency
 * log's tables are evidence, not a read model).
 */
@Module({
  imports: [RegulationsModule, TransparencyModule],
  controllers: [AuditController],
  providers: [...EVIDENCE_PROVIDERS, CaseIntegrityService, AccessLogService, CaseAuditService],
  exports: [CaseAuditService],
})
export class AuditModule {}
