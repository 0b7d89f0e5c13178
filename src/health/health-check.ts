import { Injectable } from '@nestjs/common';

/** A readiness check contributed by a module (database, event store, projections). */
export interface HealthCheck {
  name: string;
  /** Resolves with optional details when healthy; throws when not. */
  check(): Promise<Record<string, unknown> | void>;
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
