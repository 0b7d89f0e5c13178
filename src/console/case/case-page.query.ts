import { IsIn, IsOptional, Matches } from 'class-validator';
import { LANGS } from '../i18n/messages';

/** GET /console/cases/:id: what a redirect after a form carries back (and the language switch). */
export class CasePageQuery {
  @IsOptional()
  @IsIn(LANGS)
  lang?: string;

  /** The command's global position: the chronicle and timeline wait (briefly) until they show it. */
  @IsOptional()
  @Matches(/^\d{1,19}$/)
  position?: string;

  /** The action just done (a dictionary key, checked before use). */
  @IsOptional()
  @Matches(/^[A-Za-z]{1,40}$/)
  done?: string;

  /** A refused command's problem code (shown through the dictionary, never as given). */
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
