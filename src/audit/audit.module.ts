import { Module } from '@nestjs/common';
import { RegulationsModule } from '../regulations/regulations.module';
import { AccessLogService } from './access/access-log.service';
import { AuditController } from './audit.controller';
import { CaseAuditService } from './case-audit.service';
import { CaseIntegrityService } from './case-integrity.service';

/**
 * Replay, hash-chain verification, dossier and access log of a case. Needs the
 * composition root's global EVENT_STORE, CLOCK, APP_CONFIG, DATABASE_URL and the
 * global CalendarModule's WorkingCalendar; reads no read model.
 */
@Module({
  imports: [RegulationsModule],
  controllers: [AuditController],
  providers: [CaseIntegrityService, AccessLogService, CaseAuditService],
})
export class AuditModule {}
