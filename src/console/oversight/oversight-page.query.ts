import { PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { createValidationPipe } from '../../common/validation';
import { OversightQuery } from '../../projections/oversight/oversight.dto';
import { LANGS, type Lang } from '../i18n/messages';

/** The oversight page's GET form: the API's filters (same validation), the region always the user's own. */
export class OversightPageQuery extends PickType(OversightQuery, ['organisation', 'service', 'from', 'to']) {
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}

/**
 * A GET form sends its empty fields as `name=`: drop them, then validate
 * exactly as the global pipe would (whitelist, problem+json codes). Handlers
 * take the raw query as a plain object, which the global pipe leaves alone.
 */
export async function parsePageQuery<T extends object>(raw: unknown, dto: new () => T): Promise<T> {
  const source = typeof raw === 'object' && raw !== null ? Object.entries(raw) : [];
  const cleaned = Object.fromEntries(source.filter(([, value]) => value !== ''));
  const parsed: unknown = await createValidationPipe().transform(cleaned, { type: 'query', metatype: dto });
  if (!(parsed instanceof dto)) throw new Error('validation pipe did not produce the query type');
  return parsed;
}
