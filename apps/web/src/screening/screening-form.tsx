import {
  ScreeningAnswer, ScreeningQuestion, ScreeningSetting, screeningOutcome,
  type ScreeningAnswers, type ScreeningList, type ScreeningView,
} from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField } from '../ui/checkbox-field';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { SelectField } from '../ui/select-field';

type Choice = 'refer' | 'save';
type Answers = Record<ScreeningQuestion, ScreeningAnswer | ''>;

const blankAnswers = (): Answers => Object.fromEntries(ScreeningQuestion.options.map((question) => [question, ''])) as Answers;
const complete = (answers: Answers): answers is ScreeningAnswers => ScreeningQuestion.options.every((question) => answers[question] !== '');

/** The id an error summary links to: the first choice of a group. */
const firstChoice = (groupId: string, value: string) => `${groupId}-${value}`;
const ids = {
  setting: 'screening-setting', isChild: 'screening-is-child', choice: 'screening-choice', personAgrees: 'screening-person-agrees',
  municipality: 'screening-municipality', question: (question: ScreeningQuestion) => `screening-${question}`,
};

function serverFailure(error: ApiError, t: Translate): FormError[] {
  const kept = t('screening.error.keptInput');
  if (error.code === 'no_receiver_in_municipality') return [{ fieldId: ids.municipality, message: `${t('screening.error.no_receiver_in_municipality')} ${kept}` }];
  if (error.code === 'municipality_required') return [{ fieldId: ids.municipality, message: `${t('screening.error.municipality_required')} ${kept}` }];
  return [{ message: `${failureMessage(error, t)} ${kept}` }];
}

function Result({ screening }: { screening: ScreeningView }) {
  const { t } = useI18n();
  const followUp = screening.followUp;
  let message = t('screening.saved');
  if (followUp?.kind === 'report_of_concern') message = t('screening.reported', { organisation: followUp.organisation.name });
  else if (followUp?.caseId) message = t('screening.caseOpened');
  else if (followUp) message = t('screening.referred', { organisation: followUp.organisation.name });
  return (
    <div className="notice" role="status">
      <p>{message}</p>
      {followUp?.caseId && <Link to={paths.case(followUp.caseId)}>{t('screening.openCase')}</Link>}
    </div>
  );
}

/** The routine questions, their outcome as they are answered, and the one step that follows. */
export function ScreeningForm({ list, onSaved }: { list: ScreeningList; onSaved: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const key = useIdempotencyKey();
  const [setting, setSetting] = useState<ScreeningSetting | ''>('');
  const [isChild, setIsChild] = useState<'yes' | 'no' | ''>('');
  const [answers, setAnswers] = useState<Answers>(blankAnswers);
  const [choice, setChoice] = useState<Choice | ''>('');
  const [personAgrees, setPersonAgrees] = useState(false);
  const [municipality, setMunicipality] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<ScreeningView | null>(null);

  const changed = <T,>(set: (value: T) => void) => (value: T) => { key.reset(); setSaved(null); set(value); };
  const child = isChild === 'yes';
  const outcome = complete(answers) && isChild !== '' ? screeningOutcome(answers, child) : null;
  const refers = outcome?.nextStep === 'offer_referral' && choice === 'refer';
  const reports = outcome?.nextStep === 'report_of_concern';
  const municipalityRequired = reports || (refers && !list.ownOrganisationRunsProgram);

  const answerOptions = ScreeningAnswer.options.map((value) => ({ value, label: t(`screening.answer.${value}`) }));
  const receivers = list.receivers.map((receiver) => ({ value: receiver.municipalityCode, label: receiver.name }));

  const problems = (): FormError[] => {
    const found: FormError[] = [];
    if (!setting) found.push({ fieldId: firstChoice(ids.setting, 'healthcare'), message: t('screening.missing', { question: t('screening.setting') }) });
    if (!isChild) found.push({ fieldId: firstChoice(ids.isChild, 'yes'), message: t('screening.missing', { question: t('screening.isChild') }) });
    for (const question of ScreeningQuestion.options) {
      if (!answers[question]) found.push({ fieldId: firstChoice(ids.question(question), 'yes'), message: t('screening.missing', { question: t(`screening.question.${question}`) }) });
    }
    if (outcome?.nextStep === 'offer_referral' && !choice) found.push({ fieldId: firstChoice(ids.choice, 'refer'), message: t('screening.missing', { question: t('screening.choice') }) });
    if (refers && !personAgrees) found.push({ fieldId: ids.personAgrees, message: t('screening.personAgreesMissing') });
    if (municipalityRequired && !municipality) found.push({ fieldId: ids.municipality, message: t('screening.municipalityMissing') });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = problems();
    setErrors(found);
    if (found.length > 0 || !complete(answers)) return;
    const followUp = reports ? { kind: 'report_of_concern', municipalityCode: municipality }
      : refers ? { kind: 'program_referral', personAgrees: true, ...(municipality ? { municipalityCode: municipality } : {}) }
      : null;
    setBusy(true);
    try {
      const created = await api.post<ScreeningView>('/screenings', { setting, isChild: child, answers, followUp }, key.key());
      key.reset();
      setSaved(created);
      announce(t('screening.saved'));
      setAnswers(blankAnswers());
      setIsChild('');
      setChoice('');
      setPersonAgrees(false);
      setMunicipality('');
      onSaved();
    } catch (error) {
      setErrors(serverFailure(asApiError(error), t));
    }
    setBusy(false);
  };

  const submitLabel = reports ? t('screening.saveAndReport') : refers ? t('screening.saveAndRefer') : t('screening.saveOnly');

  return (
    <div className="panel" id="screening-form">
      <h2>{t('screening.formTitle')}</h2>
      {saved && <Result screening={saved} />}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <RadioGroup id={ids.setting} legend={t('screening.setting')} value={setting} onChange={changed(setSetting)}
          options={ScreeningSetting.options.map((value) => ({ value, label: t(`screening.setting.${value}`) }))}
          error={errorFor(errors, firstChoice(ids.setting, 'healthcare'))} />
        <RadioGroup id={ids.isChild} legend={t('screening.isChild')} value={isChild} onChange={changed(setIsChild)}
          options={[{ value: 'yes', label: t('screening.isChild.yes') }, { value: 'no', label: t('screening.isChild.no') }]}
          error={errorFor(errors, firstChoice(ids.isChild, 'yes'))} />
        {ScreeningQuestion.options.map((question) => (
          <RadioGroup<ScreeningAnswer | ''> key={question} id={ids.question(question)} legend={t(`screening.question.${question}`)} value={answers[question]} options={answerOptions}
            onChange={changed((value: ScreeningAnswer | '') => setAnswers((current) => ({ ...current, [question]: value })))}
            error={errorFor(errors, firstChoice(ids.question(question), 'yes'))} />
        ))}
        <section className="panel screening-outcome" aria-live="polite" aria-labelledby="screening-outcome-title">
          <h3 id="screening-outcome-title">{t('screening.outcomeTitle')}</h3>
          {outcome ? (
            <>
              <p><strong>{t(`screening.indication.${outcome.indication}`)}</strong></p>
              <p>{t(`screening.nextStep.${outcome.nextStep}`)}</p>
            </>
          ) : <p>{t('screening.outcomePending')}</p>}
        </section>
        {outcome?.nextStep === 'offer_referral' && (
          <RadioGroup id={ids.choice} legend={t('screening.choice')} value={choice} onChange={changed(setChoice)}
            options={[{ value: 'refer', label: t('screening.choice.refer') }, { value: 'save', label: t('screening.choice.save') }]}
            error={errorFor(errors, firstChoice(ids.choice, 'refer'))} />
        )}
        {refers && (
          <>
            <CheckboxField id={ids.personAgrees} label={t('screening.personAgrees')} checked={personAgrees} onChange={changed(setPersonAgrees)} />
            {errorFor(errors, ids.personAgrees) && <p className="field-error">{errorFor(errors, ids.personAgrees)}</p>}
          </>
        )}
        {(refers || reports) && (
          <SelectField id={ids.municipality} label={municipalityRequired ? t('screening.municipality') : t('screening.municipalityOptional')}
            hint={municipalityRequired ? undefined : t('screening.municipalityHint')} value={municipality} options={receivers}
            placeholder={t('screening.choose')} onChange={changed(setMunicipality)} error={errorFor(errors, ids.municipality)} />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{submitLabel}</button>
        </div>
      </form>
    </div>
  );
}
