import { Column, Entity, PrimaryColumn } from 'typeorm';

/** DDL of a projection's case tracks and plans (see CaseTrackStore); fillfactor leaves room for HOT updates. */
export function caseTrackDdl(prefix: string): string[] {
  return [
    `CREATE TABLE ${prefix}_plans (
       plan_key    text PRIMARY KEY,
       steps       json NOT NULL,
       recall_term json NULL
     )`,
    `CREATE TABLE ${prefix}_cases (
       case_id               text PRIMARY KEY,
       region                text NOT NULL,
       provider_org          text NOT NULL,
       sc_org                text NULL,
       service               text NOT NULL,
       channel               text NOT NULL,
       regulation_version_id text NOT NULL,
       plan_key              text NOT NULL,
       outcome               text NOT NULL,
       received_at           timestamptz NOT NULL,
       received_month        text NOT NULL,
       closed_at             timestamptz NULL,
       closed_month          text NULL,
       open                  json NULL,
       last_within_at        timestamptz NULL,
       appeals               json NOT NULL
     ) WITH (fillfactor = 80)`,
  ];
}

/** Entity classes for a projection's track tables (documentation of the schema; written with SQL). */
export function caseTrackEntities(prefix: string): [Function, Function] {
  @Entity({ name: `${prefix}_plans` })
  class PlanTermsEntity {
    @PrimaryColumn({ name: 'plan_key', type: 'text' }) planKey!: string;
    @Column({ type: 'json' }) steps!: unknown;
    @Column({ name: 'recall_term', type: 'json', nullable: true }) recallTerm!: unknown;
  }

  @Entity({ name: `${prefix}_cases` })
  class CaseTrackEntity {
    @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
    @Column({ type: 'text' }) region!: string;
    @Column({ name: 'provider_org', type: 'text' }) providerOrg!: string;
    @Column({ name: 'sc_org', type: 'text', nullable: true }) scOrg!: string | null;
    @Column({ type: 'text' }) service!: string;
    @Column({ type: 'text' }) channel!: string;
    @Column({ name: 'regulation_version_id', type: 'text' }) regulationVersionId!: string;
    @Column({ name: 'plan_key', type: 'text' }) planKey!: string;
    @Column({ type: 'text' }) outcome!: string;
    @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
    @Column({ name: 'received_month', type: 'text' }) receivedMonth!: string;
    @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
    @Column({ name: 'closed_month', type: 'text', nullable: true }) closedMonth!: string | null;
    @Column({ type: 'json', nullable: true }) open!: unknown;
    @Column({ name: 'last_within_at', type: 'timestamptz', nullable: true }) lastWithinAt!: Date | null;
    @Column({ type: 'json' }) appeals!: unknown;
  }

  Object.defineProperty(PlanTermsEntity, 'name', { value: `${prefix}_plans` });
  Object.defineProperty(CaseTrackEntity, 'name', { value: `${prefix}_cases` });
  return [PlanTermsEntity, CaseTrackEntity];
}
