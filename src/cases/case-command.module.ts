import { Module } from '@nestjs/common';
import { RegulationsModule } from '../regulations/regulations.module';
import { CaseCommandService } from './case-command.service';

/** The case command path, for the API's command routes and the console's forms alike. */
@Module({
  imports: [RegulationsModule],
  providers: [CaseCommandService],
  exports: [CaseCommandService],
})
export class CaseCommandModule {}
