import { Module } from '@nestjs/common';
import { StepTimelineController } from './step-timeline.controller';
import { StepTimelineQuery } from './step-timeline.query';

/**
 * GET /cases/:id/timeline. Needs the global ProjectionsModule (READ_MODELS_DATA_SOURCE,
 * ProjectionWaiter) with StepTimelineProjection registered.
 */
@Module({ controllers: [StepTimelineController], providers: [StepTimelineQuery], exports: [StepTimelineQuery] })
export class StepTimelineModule {}
