import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '../health/health-check';
import { EVENT_STORE, EventStore } from './event-store.port';

/** Reports the store in readiness and closes it last on shutdown. */
@Injectable()
export class EventStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'event-store',
      check: async () => {
        await this.store.ping();
        return { headPosition: (await this.store.headPosition()).toString() };
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
