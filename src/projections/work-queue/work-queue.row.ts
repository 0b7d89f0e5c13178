/** A row of rm_work_queue as the driver returns it (the table is defined in work-queue.migration.ts). */
export interface WorkQueueRow {
  case_id: string;
  region: string;
  provider_org: string;
  sc_org: string | null;
  service: string;
  channel: string;
  regulation_version_id: string;
  step_id: string;
  step_action: string;
  step_role: string;
  step_since: Date;
  due_at: Date | null;
  due_explanation: string | null;
  executor_id: string | null;
  received_at: Date;
  revision: number;
  position: string;
}
