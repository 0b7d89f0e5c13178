import type { Citation } from '../../regulations/regulation.model';

/**
 * The seed text a citation points into (GET /regulations/texts/:file), opened
 * at the quoted words where the browser supports text fragments; elsewhere it
 * opens the whole text.
 */
export function clauseHref(file: string, citation: Pick<Citation, 'quote'> | null | undefined): string {
  const base = `/regulations/texts/${encodeURIComponent(file)}`;
  const words = citation?.quote.replace(/\s+/g, ' ').trim().split(' ').slice(0, 6).join(' ');
  return words ? `${base}#:~:text=${encodeURIComponent(words)}` : base;
}
