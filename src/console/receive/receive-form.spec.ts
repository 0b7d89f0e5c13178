import { emptyReceiveForm, fieldOfProblem, receiveBody, receiveFormValues, validateReceive } from './receive-form';

const filled = () => ({
  ...emptyReceiveForm('school-7'),
  service: 'secondary-education-duplicates',
  channel: 'provider-office',
  applicantIin: ' 900101300017 ',
  applicantName: 'Иванов Иван',
  documents: 'заявление\r\n\r\n  удостоверение личности  \n',
  consent: true,
});

describe('the receive form', () => {
  it('reads strings and checkboxes from a posted body, ignoring anything else', () => {
    const values = receiveFormValues({ service: 'x', consent: 'yes', poaNotarised: '', applicantName: ['a', 'b'], _csrf: 't' });
    expect(values.service).toBe('x');
    expect(values.consent).toBe(true);
    expect(values.poaNotarised).toBe(false);
    expect(values.applicantName).toBe('');
    expect(receiveFormValues(null)).toEqual(emptyReceiveForm(''));
  });

  it('builds the POST /cases body: one document per non-blank line, blank optional parts left out', () => {
    const body = receiveBody(filled());
    expect(body).toEqual({
      channel: 'provider-office',
      service: 'secondary-education-duplicates',
      providerOrganisation: 'school-7',
      applicant: { iin: '900101300017', name: 'Иванов Иван' },
      documents: ['заявление', 'удостоверение личности'],
      consentToProtectedData: true,
    });
    expect(validateReceive(body)).toMatchObject({ ok: true });
  });

  it('adds the representative when any of its fields is filled, so a half-filled one is refused on its fields', () => {
    const body = receiveBody({ ...filled(), poaNumber: '2-1234', poaDate: '2019-02-20' });
    expect(body.representative).toEqual({ name: '', powerOfAttorney: { number: '2-1234', date: '2019-02-20', notarised: false } });
    expect(validateReceive(body)).toEqual({ ok: false, fields: ['representativeName'] });
  });

  it('places nested DTO failures on the flat fields', () => {
    const result = validateReceive(
      receiveBody({ ...filled(), applicantIin: '123', channel: 'fax', documents: ' ', representativeIin: '1', poaDate: '20.02.2019' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...result.fields].sort()).toEqual(
      ['applicantIin', 'channel', 'documents', 'poaDate', 'poaNumber', 'representativeIin', 'representativeName'].sort(),
    );
  });

  it('marks the IIN that failed its check digit', () => {
    expect(fieldOfProblem('invalid-iin', { ...filled(), applicantIin: '900101300018' })).toBe('applicantIin');
    expect(fieldOfProblem('invalid-iin', { ...filled(), representativeIin: '900101300018' })).toBe('representativeIin');
    expect(fieldOfProblem('stale-revision', filled())).toBeUndefined();
  });
});
