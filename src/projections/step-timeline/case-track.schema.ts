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
