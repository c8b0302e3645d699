import { Weekday, type CoverageScope, type DirectoryEntryKind, type DirectoryEntryView } from '@utvag/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import { CheckboxField } from '../ui/checkbox-field';
import { CheckboxGroup } from '../ui/checkbox-group';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { bodyOf, dayField, draftOf, entryFailure, fieldIds, newDraft, type EntryDraft, type HoursMode, type Places } from './entry-draft';

interface EntryFormProps {
  /** The entry to change, or null for a new one. */
  entry: DirectoryEntryView | null;
  kinds: readonly DirectoryEntryKind[];
  scopes: readonly CoverageScope[];
  places: Places;
  onSaved: (created: boolean) => void;
  onCancel: () => void;
}

/** One directory entry, new or changed as a whole at the version it was read. */
export function EntryForm({ entry, kinds, scopes, places, onSaved, onCancel }: EntryFormProps) {
  const { t } = useI18n();
  const key = useIdempotencyKey();
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<EntryDraft>(() => (entry ? draftOf(entry, places) : newDraft(kinds, scopes)));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => { heading.current?.focus(); }, []);

  const set = <K extends keyof EntryDraft>(field: K) => (value: EntryDraft[K]) => {
    key.reset();
    setDraft((current) => ({ ...current, [field]: value }));
  };
  const setText = (field: 'description' | 'note', language: string) => (value: string) => {
    key.reset();
    setDraft((current) => ({ ...current, [field]: { ...current[field], [language]: value } }));
  };
  const setDay = (day: Weekday, edge: 'opens' | 'closes') => (value: string) => {
    key.reset();
    setDraft((current) => ({ ...current, days: { ...current.days, [day]: { ...current.days[day], [edge]: value } } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const result = bodyOf(draft, places, t);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      if (entry) await api.put<DirectoryEntryView>(`/directory-entries/${entry.id}`, { version: entry.version, ...result.body });
      else await api.post<DirectoryEntryView>('/directory-entries', result.body, key.key());
      key.reset();
      onSaved(entry === null);
    } catch (error) {
      setErrors(entryFailure(asApiError(error), t));
    } finally {
      setBusy(false);
    }
  };

  const title = entry ? t('directory.formTitleEdit', { name: entry.name }) : t('directory.formTitleNew');
  const dayLabel = (day: Weekday) => t(`directory.day.${day}`);

  return (
    <form onSubmit={submit} noValidate className="form panel" aria-labelledby="entry-form-title">
      <h2 id="entry-form-title" ref={heading} tabIndex={-1}>{title}</h2>
      <ErrorSummary errors={errors} />
      <SelectField id={fieldIds.kind} label={t('directory.kind')} placeholder={t('directory.chooseKind')}
        options={kinds.map((value) => ({ value, label: t(`directory.kind.${value}`) }))} value={draft.kind} onChange={set('kind')}
        error={errorFor(errors, fieldIds.kind)} />
      <TextField id={fieldIds.name} label={t('directory.name')} value={draft.name} onChange={set('name')} error={errorFor(errors, fieldIds.name)} />
      <TextAreaField id={fieldIds.descriptionSv} label={t('directory.descriptionSv')} hint={t('directory.descriptionSvHint')} value={draft.description.sv ?? ''}
        onChange={setText('description', 'sv')} error={errorFor(errors, fieldIds.descriptionSv)} />
      <TextAreaField id={fieldIds.descriptionEn} label={t('directory.descriptionEn')} hint={t('directory.descriptionEnHint')} value={draft.description.en ?? ''}
        onChange={setText('description', 'en')} error={errorFor(errors, fieldIds.descriptionEn)} />

      <p className="hint">{t('directory.contactHint')}</p>
      <TextField id={fieldIds.phone} label={t('directory.phone')} type="tel" inputMode="tel" value={draft.phone} onChange={set('phone')} error={errorFor(errors, fieldIds.phone)} />
      <TextField id={fieldIds.email} label={t('directory.email')} type="email" inputMode="email" value={draft.email} onChange={set('email')} error={errorFor(errors, fieldIds.email)} />
      <TextField id={fieldIds.webAddress} label={t('directory.webAddress')} hint={t('directory.webAddressHint')} type="url" value={draft.webAddress}
        onChange={set('webAddress')} error={errorFor(errors, fieldIds.webAddress)} />
      <CheckboxField id={fieldIds.protectedLocation} label={t('directory.protectedLocation')} checked={draft.protectedLocation} onChange={set('protectedLocation')} />
      {!draft.protectedLocation && (
        <TextField id={fieldIds.streetAddress} label={t('directory.streetAddress')} hint={t('directory.streetAddressHint')} value={draft.streetAddress}
          onChange={set('streetAddress')} error={errorFor(errors, fieldIds.streetAddress)} />
      )}

      <RadioGroup<HoursMode> id={fieldIds.hours} legend={t('directory.hours')} value={draft.hoursMode} onChange={set('hoursMode')}
        options={(['periods', 'always', 'none'] as const).map((value) => ({ value, label: t(`directory.hours.${value}`) }))} />
      {draft.hoursMode === 'periods' && (
        <fieldset className="field">
          <legend>{t('directory.hours.periods')}</legend>
          <p className="hint">{t('directory.hoursHint')}</p>
          <div>
            {Weekday.options.map((day) => (
              <div key={day} className="actions">
                <TextField id={dayField(day, 'opens')} label={t('directory.hoursDayOpens', { day: dayLabel(day) })} type="time" value={draft.days[day].opens}
                  onChange={setDay(day, 'opens')} error={errorFor(errors, dayField(day, 'opens'))} />
                <TextField id={dayField(day, 'closes')} label={t('directory.hoursDayCloses', { day: dayLabel(day) })} type="time" value={draft.days[day].closes}
                  onChange={setDay(day, 'closes')} error={errorFor(errors, dayField(day, 'closes'))} />
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <TextField id={fieldIds.noteSv} label={t('directory.hoursNoteSv')} hint={t('directory.hoursNoteSvHint')} value={draft.note.sv ?? ''} onChange={setText('note', 'sv')} />
      <TextField id={fieldIds.noteEn} label={t('directory.hoursNoteEn')} value={draft.note.en ?? ''} onChange={setText('note', 'en')} />

      <TextField id={fieldIds.languages} label={t('directory.languages')} hint={t('directory.languagesHint')} value={draft.languages} onChange={set('languages')}
        error={errorFor(errors, fieldIds.languages)} />
      <fieldset className="field">
        <legend>{t('directory.offer')}</legend>
        <CheckboxField id="entry-free" label={t('directory.free')} checked={draft.free} onChange={set('free')} />
        <CheckboxField id="entry-anonymous" label={t('directory.anonymous')} checked={draft.anonymous} onChange={set('anonymous')} />
        <CheckboxField id="entry-for-children" label={t('directory.forChildren')} checked={draft.forChildren} onChange={set('forChildren')} />
        <CheckboxField id={fieldIds.forAdults} label={t('directory.forAdults')} checked={draft.forAdults} onChange={set('forAdults')} />
        {errorFor(errors, fieldIds.forAdults) && <p className="field-error">{errorFor(errors, fieldIds.forAdults)}</p>}
      </fieldset>

      {scopes.length > 1 ? (
        <RadioGroup<CoverageScope> id={fieldIds.coverage} legend={t('directory.coverage')} value={draft.coverageScope} onChange={set('coverageScope')}
          options={scopes.map((value) => ({ value, label: t(`directory.coverage.${value}`) }))} error={errorFor(errors, fieldIds.coverage)} />
      ) : (
        <p>{draft.coverageScope === 'national' ? t('directory.coverageNational') : t('directory.coverageOwnArea')}</p>
      )}
      {draft.coverageScope === 'selected' && (
        <>
          <CheckboxGroup id={fieldIds.counties} legend={t('directory.counties')} options={places.map((county) => ({ value: county.code, label: county.name }))}
            values={draft.countyCodes} onChange={set('countyCodes')} />
          <TextField id={fieldIds.municipalities} label={t('directory.municipalities')} hint={t('directory.municipalitiesHint')} value={draft.municipalityNames}
            onChange={set('municipalityNames')} error={errorFor(errors, fieldIds.municipalities)} />
        </>
      )}

      <CheckboxField id={fieldIds.published} label={t('directory.published')} checked={draft.published} onChange={set('published')} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{entry ? t('directory.save') : t('directory.create')}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
