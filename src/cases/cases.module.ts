import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RegulationsModule } from '../regulations/regulations.module';
import { CasesController } from './cases.controller';
import { ExecuteCaseCommandHandler } from './execute-case-command';

/** The write side's HTTP surface: one endpoint per command, GET for the current state. */
@Module({
  imports: [CqrsModule.forRoot(), RegulationsModule],
  controllers: [CasesController],
  providers: [ExecuteCaseCommandHandler],
})
export class CasesModule {}
