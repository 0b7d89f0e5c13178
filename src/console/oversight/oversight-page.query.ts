import { PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OversightQuery } from '../../projections/oversight/oversight.dto';
import { LANGS, type Lang } from '../i18n/messages';

/** The oversight page's GET form: the API's filters (same validation), the region always the user's own. */
export class OversightPageQuery extends PickType(OversightQuery, ['organisation', 'service', 'from', 'to']) {
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}
