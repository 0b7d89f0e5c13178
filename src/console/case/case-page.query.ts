import { IsIn, IsOptional, Matches } from 'class-validator';
import { LANGS } from '../i18n/messages';

/** GET /console/cases/:id: the position a redirect after a form waits for (and the language switch). */
export class CasePageQuery {
  @IsOptional()
  @IsIn(LANGS)
  lang?: string;

  /** The command's global position: the chronicle and timeline wait (briefly) until they show it. */
  @IsOptional()
  @Matches(/^\d{1,19}$/)
  position?: string;

  /** Ignored: links from before the flash cookie (case-flash.ts) still open the page, without a notice. */
  @IsOptional()
  @Matches(/^[A-Za-z]{1,40}$/)
  done?: string;

  /** Ignored, as `done`. */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,60}$/)
  problem?: string;
}

/** GET /console/cases/:id/replay?revision=N (the slider's form). */
export class ReplayPageQuery {
  @IsOptional()
  @IsIn(LANGS)
  lang?: string;

  @IsOptional()
  @Matches(/^\d{1,9}$/)
  revision?: string;
}
