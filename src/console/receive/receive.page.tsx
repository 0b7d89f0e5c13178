import type { ComponentChildren } from 'preact';
import { CHANNELS } from '../../regulations/regulation.model';
import { problemMessage } from '../i18n/format';
import { CsrfField, Layout } from '../layout/layout';
import type { PageContext } from '../page-context';
import type { ReceiveField, ReceiveFormValues } from './receive-form';

export interface ServiceOption {
  code: string;
  name: string;
}

export interface ReceivePageData {
  /** Services in force in the user's region today, named in the page's language. */
  services: ServiceOption[];
  values: ReceiveFormValues;
  /** One per rendering: a resubmitted form is the same receipt (Idempotency-Key). */
  formKey: string;
  problem?: string;
  invalid: ReceiveField[];
}

function Field({
  ctx,
  data,
  name,
  children,
}: {
  ctx: PageContext;
  data: ReceivePageData;
  name: ReceiveField;
  children: ComponentChildren;
}) {
  const r = ctx.t.receivePage;
  const bad = data.invalid.includes(name);
  return (
    <div class={bad ? 'field field-invalid' : 'field'} data-field={name}>
      <label for={`f-${name}`}>{r.fields[name]}</label>
      {children}
      {bad && (
        <p class="field-error" id={`e-${name}`}>
          {r.fieldErrors[name]}
        </p>
      )}
    </div>
  );
}

/** aria attributes of an input whose value was refused. */
function invalidAttrs(data: ReceivePageData, name: ReceiveField): { 'aria-invalid'?: boolean; 'aria-describedby'?: string } {
  return data.invalid.includes(name) ? { 'aria-invalid': true, 'aria-describedby': `e-${name}` } : {};
}

export function ReceivePage({ ctx, data }: { ctx: PageContext; data: ReceivePageData }) {
  const { t } = ctx;
  const r = t.receivePage;
  const v = data.values;
  const text = (name: ReceiveField, value: string, options: { required?: boolean; iin?: boolean } = {}) => (
    <Field ctx={ctx} data={data} name={name}>
      <input
        type="text"
        id={`f-${name}`}
        name={name}
        value={value}
        required={options.required}
        inputMode={options.iin ? 'numeric' : undefined}
        autocomplete={options.iin ? 'off' : undefined}
        maxLength={options.iin ? 12 : undefined}
        {...invalidAttrs(data, name)}
      />
    </Field>
  );
  return (
    <Layout ctx={ctx} title={r.title}>
      <p class="crumbs">
        <a href="/console/queue">{t.backToQueue}</a>
      </p>
      <h1>{r.title}</h1>
      {data.problem && (
        <div class="notice notice-problem" role="alert" data-problem={data.problem}>
          <strong>{r.refused}:</strong> {problemMessage(data.problem, t)} <span class="muted">({data.problem})</span>
        </div>
      )}
      <form method="post" action="/console/cases/new" class="receive-form stack" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="formKey" value={data.formKey} />
        <fieldset>
          <legend>{r.serviceLegend}</legend>
          <Field ctx={ctx} data={data} name="service">
            <select id="f-service" name="service" required {...invalidAttrs(data, 'service')}>
              <option value="">{r.choose}</option>
              {data.services.map((s) => (
                <option value={s.code} selected={s.code === v.service}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field ctx={ctx} data={data} name="channel">
            <select id="f-channel" name="channel" required {...invalidAttrs(data, 'channel')}>
              <option value="">{r.choose}</option>
              {CHANNELS.map((channel) => (
                <option value={channel} selected={channel === v.channel}>
                  {t.channels[channel]}
                </option>
              ))}
            </select>
          </Field>
          {text('providerOrganisation', v.providerOrganisation, { required: true })}
          {text('category', v.category)}
        </fieldset>
        <fieldset>
          <legend>{r.applicantLegend}</legend>
          {text('applicantIin', v.applicantIin, { required: true, iin: true })}
          {text('applicantName', v.applicantName, { required: true })}
        </fieldset>
        <fieldset>
          <legend>{r.representativeLegend}</legend>
          <p class="muted">{r.representativeHint}</p>
          {text('representativeName', v.representativeName)}
          {text('representativeIin', v.representativeIin, { iin: true })}
          {text('poaNumber', v.poaNumber)}
          <Field ctx={ctx} data={data} name="poaDate">
            <input type="date" id="f-poaDate" name="poaDate" value={v.poaDate} {...invalidAttrs(data, 'poaDate')} />
          </Field>
          <div class="field field-check" data-field="poaNotarised">
            <input type="checkbox" id="f-poaNotarised" name="poaNotarised" value="yes" checked={v.poaNotarised} />
            <label for="f-poaNotarised">{r.fields.poaNotarised}</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{r.documentsLegend}</legend>
          <Field ctx={ctx} data={data} name="documents">
            <textarea id="f-documents" name="documents" rows={5} required {...invalidAttrs(data, 'documents')}>
              {v.documents}
            </textarea>
          </Field>
          <p class="muted">{r.documentsHint}</p>
          <div class={data.invalid.includes('consent') ? 'field field-check field-invalid' : 'field field-check'} data-field="consent">
            <input type="checkbox" id="f-consent" name="consent" value="yes" checked={v.consent} {...invalidAttrs(data, 'consent')} />
            <label for="f-consent">{r.fields.consent}</label>
            {data.invalid.includes('consent') && (
              <p class="field-error" id="e-consent">
                {r.fieldErrors.consent}
              </p>
            )}
          </div>
        </fieldset>
        <div>
          <button type="submit">{r.submit}</button>
        </div>
      </form>
    </Layout>
  );
}
