import {
  isCoarseArea, type OutreachArena, type OutreachEncounterList, type OutreachEncounterView, type OutreachMaterial, type OutreachReferral,
} from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField } from '../ui/checkbox-field';
import { CheckboxGroup } from '../ui/checkbox-group';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, formErrorsFrom, type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { arenaOptions, languageOptions, materialLabel, materials, referralOptions, type OutreachLanguage } from './labels';

const fieldIds = {
  date: 'outreach-date', arena: 'outreach-arena', municipalityCode: 'outreach-municipality', area: 'outreach-area', peopleMet: 'outreach-people',
  languages: 'outreach-languages', materials: 'outreach-materials', referralTo: 'outreach-referral-to', note: 'outreach-note',
};
const materialFieldId = (material: OutreachMaterial) => `outreach-material-${material}`;

interface Draft {
  date: string;
  arena: OutreachArena;
  municipalityCode: string;
  area: string;
  peopleMet: string;
  languages: OutreachLanguage[];
  materialCounts: Record<OutreachMaterial, string>;
  referralOffered: boolean;
  referralTo: OutreachReferral[];
  note: string;
}

const noMaterials = () => Object.fromEntries(materials.map((material) => [material, ''])) as Record<OutreachMaterial, string>;

export function newDraft(defaults: OutreachEncounterList['defaults']): Draft {
  return {
    date: defaults.date, arena: defaults.arena, municipalityCode: defaults.municipalityCode ?? '', area: '', peopleMet: '1', languages: [],
    materialCounts: noMaterials(), referralOffered: false, referralTo: [], note: '',
  };
}

function draftOf(encounter: OutreachEncounterView): Draft {
  const counts = noMaterials();
  for (const item of encounter.materials) counts[item.material] = String(item.count);
  return {
    date: encounter.date, arena: encounter.arena, municipalityCode: encounter.municipalityCode, area: encounter.area ?? '', peopleMet: String(encounter.peopleMet),
    languages: encounter.languages as OutreachLanguage[], materialCounts: counts, referralOffered: encounter.referralOffered, referralTo: encounter.referralTo,
    note: encounter.note ?? '',
  };
}

const wholeNumber = (text: string) => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : null);

function problems(draft: Draft, t: Translate): FormError[] {
  const found: FormError[] = [];
  if (!draft.date) found.push({ fieldId: fieldIds.date, message: t('outreach.dateMissing') });
  if (!draft.municipalityCode) found.push({ fieldId: fieldIds.municipalityCode, message: t('outreach.municipalityMissing') });
  if (draft.area.trim() && !isCoarseArea(draft.area)) found.push({ fieldId: fieldIds.area, message: t('outreach.areaWarning') });
  const people = wholeNumber(draft.peopleMet);
  if (people === null || people < 1 || people > 200) found.push({ fieldId: fieldIds.peopleMet, message: t('outreach.peopleMetInvalid') });
  for (const material of materials) {
    const text = draft.materialCounts[material];
    const count = wholeNumber(text);
    if (text.trim() && (count === null || count > 1000)) found.push({ fieldId: materialFieldId(material), message: t('outreach.materialCountInvalid') });
  }
  if (draft.referralOffered && draft.referralTo.length === 0) found.push({ fieldId: `${fieldIds.referralTo}-${referralOptions(t)[0]!.value}`, message: t('outreach.referralMissing') });
  return found;
}

function body(draft: Draft) {
  return {
    date: draft.date,
    arena: draft.arena,
    municipalityCode: draft.municipalityCode,
    ...(draft.area.trim() ? { area: draft.area.trim() } : {}),
    languages: draft.languages,
    materials: materials.flatMap((material) => {
      const count = wholeNumber(draft.materialCounts[material]);
      return count ? [{ material, count }] : [];
    }),
    referralOffered: draft.referralOffered,
    referralTo: draft.referralOffered ? draft.referralTo : [],
    peopleMet: wholeNumber(draft.peopleMet) ?? 0,
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
}

const knownCodes = ['encounter_date_out_of_range', 'edit_window_closed', 'stale_version'] as const;

/** The server's refusal in plain words; whatever was typed stays in the form. */
function failure(error: ApiError, t: Translate): FormError[] {
  const known = knownCodes.find((code) => code === error.code);
  if (known) return [{ message: `${t(`outreach.error.${known}`)} ${t('outreach.error.keptInput')}` }];
  if (error.issues.some((issue) => issue.message === 'area_not_coarse')) return [{ fieldId: fieldIds.area, message: t('outreach.error.area_not_coarse') }];
  const errors = formErrorsFrom(error, t, fieldIds);
  return [...errors, { message: t('outreach.error.keptInput') }];
}

interface EncounterFormProps {
  list: OutreachEncounterList;
  /** The encounter being corrected; without it the form logs a new one. */
  editing?: OutreachEncounterView;
  onSaved: (arena: OutreachArena) => void;
  onCancel?: () => void;
}

/** One screen on a phone: the day's defaults filled in, large choices, nothing lost when the server says no. */
export function EncounterForm({ list, editing, onSaved, onCancel }: EncounterFormProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const key = useIdempotencyKey();
  const [draft, setDraft] = useState<Draft>(() => (editing ? draftOf(editing) : newDraft(list.defaults)));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const prefix = editing ? `edit-${editing.id}-` : '';
  const id = (name: string) => `${prefix}${name}`;

  const set = <K extends keyof Draft>(field: K) => (value: Draft[K]) => { key.reset(); setDraft((current) => ({ ...current, [field]: value })); };
  const setCount = (material: OutreachMaterial) => (value: string) => {
    key.reset();
    setDraft((current) => ({ ...current, materialCounts: { ...current.materialCounts, [material]: value } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = problems(draft, t).map((error) => (error.fieldId ? { ...error, fieldId: id(error.fieldId) } : error));
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      if (editing) {
        await api.patch<OutreachEncounterView>(`/outreach/encounters/${editing.id}`, { ...body(draft), version: editing.version });
        announce(t('outreach.corrected'));
      } else {
        await api.post<OutreachEncounterView>('/outreach/encounters', body(draft), key.key());
        key.reset();
        announce(t('outreach.saved'));
        // The next encounter is usually on the same evening, in the same place and arena.
        setDraft((current) => ({ ...newDraft({ date: current.date, municipalityCode: current.municipalityCode, arena: current.arena }), area: current.area }));
      }
      setBusy(false);
      onSaved(draft.arena);
    } catch (error) {
      setErrors(failure(asApiError(error), t).map((problem) => (problem.fieldId ? { ...problem, fieldId: id(problem.fieldId) } : problem)));
      setBusy(false);
    }
  };

  const areaWarning = draft.area.trim() && !isCoarseArea(draft.area) ? t('outreach.areaWarning') : undefined;
  const municipalities = list.municipalities.map((municipality) => ({ value: municipality.code, label: municipality.name }));

  return (
    <div className="panel outreach-form" id={id('outreach-form')}>
      <h2>{editing ? t('outreach.editTitle') : t('outreach.formTitle')}</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id={id(fieldIds.date)} type="date" label={t('outreach.date')} value={draft.date} onChange={set('date')} error={errorFor(errors, id(fieldIds.date))} />
        <RadioGroup id={id(fieldIds.arena)} legend={t('outreach.arena')} options={arenaOptions(t)} value={draft.arena} onChange={set('arena')} />
        <SelectField id={id(fieldIds.municipalityCode)} label={t('outreach.municipality')} value={draft.municipalityCode} options={municipalities}
          placeholder={t('outreach.chooseMunicipality')} onChange={set('municipalityCode')} error={errorFor(errors, id(fieldIds.municipalityCode))} />
        <TextField id={id(fieldIds.area)} label={t('outreach.area')} hint={t('outreach.areaHint')} value={draft.area} onChange={set('area')}
          error={errorFor(errors, id(fieldIds.area)) ?? areaWarning} />
        <TextField id={id(fieldIds.peopleMet)} inputMode="numeric" label={t('outreach.peopleMet')} value={draft.peopleMet} onChange={set('peopleMet')}
          error={errorFor(errors, id(fieldIds.peopleMet))} className="input--short" />
        <CheckboxGroup id={id(fieldIds.languages)} legend={t('outreach.languages')} options={languageOptions(t)} values={draft.languages} onChange={set('languages')} />
        <fieldset className="field">
          <legend>{t('outreach.materials')}</legend>
          <div className="outreach-counts">
            {materials.map((material) => (
              <TextField key={material} id={id(materialFieldId(material))} inputMode="numeric" label={materialLabel(t, material)} value={draft.materialCounts[material]}
                onChange={setCount(material)} error={errorFor(errors, id(materialFieldId(material)))} className="input--short" />
            ))}
          </div>
        </fieldset>
        <CheckboxField id={id('outreach-referral-offered')} label={t('outreach.referralOffered')} checked={draft.referralOffered} onChange={set('referralOffered')} />
        {draft.referralOffered && (
          <CheckboxGroup id={id(fieldIds.referralTo)} legend={t('outreach.referralTo')} options={referralOptions(t)} values={draft.referralTo} onChange={set('referralTo')}
            error={errors.find((error) => error.fieldId?.startsWith(id(fieldIds.referralTo)))?.message} />
        )}
        <TextAreaField id={id(fieldIds.note)} label={t('outreach.note')} hint={t('outreach.noteHint')} value={draft.note} onChange={set('note')} error={errorFor(errors, id(fieldIds.note))} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{editing ? t('outreach.saveChanges') : t('outreach.save')}</button>
          {onCancel && <button type="button" className="button button--secondary" onClick={onCancel}>{t('outreach.cancelEdit')}</button>}
        </div>
      </form>
    </div>
  );
}
