import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_case_history_cases: one row per case (see HistoryCase). Holds the applicant's personal data: mask on read. */
@Entity({ name: 'rm_case_history_cases' })
export class CaseHistoryCaseRow {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @Column({ type: 'jsonb' }) header!: object;
  @Column({ type: 'text' }) region!: string;
  @Column({ name: 'provider_org', type: 'text' }) providerOrganisation!: string;
  @Column({ name: 'sc_org', type: 'text', nullable: true }) stateCorporationOrganisation!: string | null;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'bigint' }) position!: string;
}

/** rm_case_history_entries: one row per event of a case (see HistoryEntry). */
@Entity({ name: 'rm_case_history_entries' })
export class CaseHistoryEntryRow {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @PrimaryColumn({ type: 'int' }) revision!: number;
  @Column({ type: 'bigint' }) position!: string;
  @Column({ type: 'jsonb' }) entry!: object;
}
