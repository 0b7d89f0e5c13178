import { Injectable } from '@nestjs/common';

/** Details a check reports; `degraded` (a reason) marks a part that works in a reduced way without making the instance unready. */
export type HealthDetails = Record<string, unknown> & { degraded?: string };

/** A readiness check contributed by a module (database, event store, projections). */
export interface HealthCheck {
  name: string;
  /** Resolves with optional details when healthy (or degraded); throws when not ready. */
  check(): Promise<HealthDetails | void>;
}

/** Modules register their checks at init; the health controller runs them all. */
@Injectable()
export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];

  register(check: HealthCheck): void {
    this.checks.push(check);
  }

  all(): readonly HealthCheck[] {
    return this.checks;
  }
}
