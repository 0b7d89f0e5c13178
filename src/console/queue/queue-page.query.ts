import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { createValidationPipe } from '../../common/validation';
import { WorkQueueQuery } from '../../projections/work-queue/work-queue.query.dto';
import { LANGS, Lang } from '../i18n/messages';

/** The API's work-queue query, plus the console's ?lang=. */
export class QueuePageQuery extends WorkQueueQuery {
  @ApiPropertyOptional({ enum: LANGS })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}

/**
 * A GET form sends its empty fields ("all services") as `service=`: drop
 * them, then validate exactly as the API does (the same whitelisting pipe),
 * so a bad value is the same validation-failed problem, shown as a page.
 */
export async function cleanQuery<T extends object>(raw: Record<string, unknown>, type: new () => T): Promise<T> {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- ValidationPipe.transform is typed any; it answers an instance of metatype
  const validated: T = await createValidationPipe().transform(present, { type: 'query', metatype: type });
  return validated;
}

/** The query string for a page with some parameters changed (undefined removes one). */
export function queryString(
  query: QueuePageQuery,
  changes: Partial<Record<keyof QueuePageQuery, string | number | undefined>> = {},
): string {
  const params = new URLSearchParams();
  const keys = ['service', 'role', 'status', 'assignee', 'channel', 'page', 'pageSize'] as const;
  for (const key of keys) {
    const value = key in changes ? changes[key] : query[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
