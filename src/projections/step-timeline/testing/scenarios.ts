import type { CaseRun } from '../../../cases/testing/domain-driver';
import type { realDomain } from './projection-harness';

const at = (iso: string) => new Date(iso);

/**
 * Four cases driven through the real domain, with known timings:
 * - kst-sc: Kostanay duplicates via the State Corporation (v2), received Mon 4 Mar 2019 10:00 local
 *   (04:00 UTC, UTC+6 then); actions inside the provider's 13 working days; issued a day late; an appeal decided late.
 * - alm-office: Almaty oblast school admission at the office (v1): no duration stated; the issue still pending.
 * - kst-refused: refused at acceptance at the State Corporation.
 * - kst-adm: Kostanay school admission at the office (v2): the executor refuses after the 4 working days.
 */
export function scenarioCases(
  domain: ReturnType<typeof realDomain>,
  id: (name: string) => string = (n) => n,
): Record<'kstSc' | 'almOffice' | 'kstRefused' | 'kstAdm', CaseRun> {
  const kstSc = domain.open(
    id('kst-sc'),
    'kostanay-oblast',
    'secondary-education-duplicates',
    'state-corporation',
    at('2019-03-04T04:00:00Z'),
    {
      providerOrg: 'school-7',
      scOrg: 'sc-kostanay',
    },
  );
  kstSc.receive(at('2019-03-04T04:00:00Z'));
  kstSc.advance(at('2019-03-04T04:04:00Z')); // sc-2 registered, 5 minutes
  kstSc.advance(at('2019-03-05T05:00:00Z')); // sc-4 forwarded to the provider, 1 day
  kstSc.within('RegisterAtProvider', at('2019-03-05T06:00:00Z'));
  kstSc.within('ImposeVisa', at('2019-03-06T04:00:00Z'));
  kstSc.within('PrepareDraft', at('2019-03-12T04:00:00Z'));
  kstSc.within('SignResult', at('2019-03-13T04:00:00Z'));
  kstSc.advance(at('2019-03-14T04:00:00Z')); // sc-5 result prepared, 13 working days
  kstSc.advance(at('2019-03-15T04:00:00Z')); // sc-6 issued, 5 minutes: a day late
  kstSc.fileAppeal('ap-1', at('2019-03-18T04:00:00Z'));
  kstSc.decideAppeal('ap-1', at('2019-04-01T04:00:00Z')); // 5 working days: late

  const almOffice = domain.open(id('alm-office'), 'almaty-oblast', 'school-admission', 'provider-office', at('2015-02-02T04:00:00Z'), {
    providerOrg: 'school-alm',
  });
  almOffice.receive(at('2015-02-02T04:00:00Z'));
  almOffice.advance(at('2015-02-02T08:00:00Z'));
  almOffice.advance(at('2015-02-04T05:00:00Z'));

  const kstRefused = domain.open(
    id('kst-refused'),
    'kostanay-oblast',
    'secondary-education-duplicates',
    'state-corporation',
    at('2019-03-04T05:00:00Z'),
    {
      providerOrg: 'school-7',
      scOrg: 'sc-kostanay',
    },
  );
  kstRefused.refuseAcceptance(at('2019-03-04T05:00:00Z'));

  const kstAdm = domain.open(id('kst-adm'), 'kostanay-oblast', 'school-admission', 'provider-office', at('2019-06-03T04:00:00Z'), {
    providerOrg: 'school-9',
  });
  kstAdm.receive(at('2019-06-03T04:00:00Z'));
  kstAdm.advance(at('2019-06-03T06:00:00Z')); // office-2 visa, 3 hours
  kstAdm.refuseService(at('2019-06-12T04:00:00Z'));

  return { kstSc, almOffice, kstRefused, kstAdm };
}
