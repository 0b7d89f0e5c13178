import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ReceiveApplicationDto } from '../../cases/commands/receive-application/receive-application.dto';
import { isValidIin } from '../../cases/domain/iin';

/** The form's fields, flat (the DTO nests applicant, representative and power of attorney). */
export const RECEIVE_FIELDS = [
  'service',
  'channel',
  'providerOrganisation',
  'applicantIin',
  'applicantName',
  'representativeName',
  'representativeIin',
  'poaNumber',
  'poaDate',
  'poaNotarised',
  'documents',
  'category',
  'consent',
] as const;
export type ReceiveField = (typeof RECEIVE_FIELDS)[number];

/** What the user typed, kept as typed so a refused form comes back as it was sent. */
export interface ReceiveFormValues {
  service: string;
  channel: string;
  providerOrganisation: string;
  applicantIin: string;
  applicantName: string;
  representativeName: string;
  representativeIin: string;
  poaNumber: string;
  poaDate: string;
  poaNotarised: boolean;
  documents: string;
  category: string;
  consent: boolean;
}

export const emptyReceiveForm = (providerOrganisation: string): ReceiveFormValues => ({
  service: '',
  channel: '',
  providerOrganisation,
  applicantIin: '',
  applicantName: '',
  representativeName: '',
  representativeIin: '',
  poaNumber: '',
  poaDate: '',
  poaNotarised: false,
  documents: '',
  category: '',
  consent: false,
});

/** A posted body's values: strings only (anything else counts as empty), checkboxes as present or not. */
export function receiveFormValues(body: unknown): ReceiveFormValues {
  const text = (name: ReceiveField): string => {
    const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
    return typeof value === 'string' ? value : '';
  };
  return {
    service: text('service'),
    channel: text('channel'),
    providerOrganisation: text('providerOrganisation'),
    applicantIin: text('applicantIin'),
    applicantName: text('applicantName'),
    representativeName: text('representativeName'),
    representativeIin: text('representativeIin'),
    poaNumber: text('poaNumber'),
    poaDate: text('poaDate'),
    poaNotarised: text('poaNotarised') !== '',
    documents: text('documents'),
    category: text('category'),
    consent: text('consent') !== '',
  };
}

/** The JSON body POST /cases would receive for these values (blank optional fields left out, as an API client would). */
export function receiveBody(values: ReceiveFormValues): Record<string, unknown> {
  const given = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
  const hasRepresentative = [values.representativeName, values.representativeIin, values.poaNumber, values.poaDate].some(
    (v) => v.trim() !== '',
  );
  return {
    channel: values.channel,
    service: values.service,
    providerOrganisation: values.providerOrganisation,
    applicant: { iin: values.applicantIin.trim(), name: values.applicantName },
    ...(hasRepresentative
      ? {
          representative: {
            name: values.representativeName,
            ...(given(values.representativeIin) ? { iin: values.representativeIin.trim() } : {}),
            powerOfAttorney: { number: values.poaNumber, date: values.poaDate.trim(), notarised: values.poaNotarised },
          },
        }
      : {}),
    documents: values.documents
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    ...(given(values.category) ? { category: values.category.trim() } : {}),
    consentToProtectedData: values.consent,
  };
}

/** Where each DTO property path is on the form. */
const FIELD_OF_PATH: Readonly<Record<string, ReceiveField>> = {
  channel: 'channel',
  service: 'service',
  providerOrganisation: 'providerOrganisation',
  applicant: 'applicantIin',
  'applicant.iin': 'applicantIin',
  'applicant.name': 'applicantName',
  representative: 'representativeName',
  'representative.name': 'representativeName',
  'representative.iin': 'representativeIin',
  'representative.powerOfAttorney': 'poaNumber',
  'representative.powerOfAttorney.number': 'poaNumber',
  'representative.powerOfAttorney.date': 'poaDate',
  'representative.powerOfAttorney.notarised': 'poaNotarised',
  documents: 'documents',
  category: 'category',
  consentToProtectedData: 'consent',
};

function failedPaths(errors: readonly ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    return [...(error.constraints ? [path] : []), ...failedPaths(error.children ?? [], path)];
  });
}

export type ReceiveValidation = { ok: true; dto: ReceiveApplicationDto } | { ok: false; fields: ReceiveField[] };

/** The API's own rules for POST /cases (ReceiveApplicationDto through class-validator), with the failures placed on the form. */
export function validateReceive(body: Record<string, unknown>): ReceiveValidation {
  const dto = plainToInstance(ReceiveApplicationDto, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return { ok: true, dto };
  const fields = failedPaths(errors)
    .map((path) => FIELD_OF_PATH[path])
    .filter((field): field is ReceiveField => field !== undefined);
  return { ok: false, fields: [...new Set(fields)] };
}

/** The field a refused receipt's problem is about, where there is one. */
export function fieldOfProblem(code: string, values: ReceiveFormValues): ReceiveField | undefined {
  switch (code) {
    case 'invalid-iin':
      return isValidIin(values.applicantIin.trim()) ? 'representativeIin' : 'applicantIin';
    case 'power-of-attorney-in-future':
      return 'poaDate';
    case 'category-required':
    case 'outside-acceptance-window':
      return 'category';
    case 'channel-not-available':
      return 'channel';
    case 'regulation-not-found':
    case 'regulation-not-in-force':
      return 'service';
    case 'wrong-organisation':
      return 'providerOrganisation';
    default:
      return undefined;
  }
}
