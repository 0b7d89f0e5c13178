import { Module } from '@nestjs/common';
import { WorkQueueController } from './work-queue.controller';
import { WorkQueueQueries } from './work-queue.query';

/**
 * GET /work-queue. The projection (WorkQueueProjection) is registered with
 * ProjectionsModule.forRoot, which provides the DataSource and the waiter.
 */
@Module({ controllers: [WorkQueueController], providers: [WorkQueueQueries], exports: [WorkQueueQueries] })
export class WorkQueueModule {}
