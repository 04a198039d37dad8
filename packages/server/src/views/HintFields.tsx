/**
 * The fields that set a 密碼提示問題: one of the preset questions or the citizen's own, and the answer. Used by
 * registration (optional) and by 我的帳戶 (/account/hint).
 */
import { HINT_ANSWER_MAX, HINT_ANSWER_MIN, HINT_PRESETS, HINT_QUESTION_MAX, type HintField, type HintProblems } from '../services/hint';
import type { PageContext } from './context';
import { Field } from './Field';

export interface HintValues {
  readonly hintQuestion?: string;
  readonly hintOwn?: string;
}

export const HINT_FIELD_ORDER: readonly HintField[] = ['hintQuestion', 'hintOwn', 'hintAnswer'];

export function HintFields({
  ctx,
  legend,
  values,
  problems,
  optional,
}: {
  ctx: PageContext;
  legend: string;
  values?: HintValues | undefined;
  problems?: HintProblems | undefined;
  /** At registration "no question" is a choice; in settings a question must be chosen. */
  optional: boolean;
}) {
  const v = values ?? {};
  const p = problems ?? {};
  const error = (f: HintField) => (p[f] ? ctx.t(p[f].code, p[f].params) : undefined);
  const selectError = error('hintQuestion');
  return (
    <fieldset class="form hint-fields">
      <legend>{legend}</legend>
      <p class="hint" id="hint-intro">
        {ctx.t('hint.intro')}
      </p>
      <div class={selectError ? 'field field--error' : 'field'}>
        <label for="hintQuestion">{ctx.t('hint.question')}</label>
        {selectError ? (
          <p class="field__error" id="hintQuestion-error">
            {selectError}
          </p>
        ) : null}
        <select
          id="hintQuestion"
          name="hintQuestion"
          aria-invalid={selectError ? 'true' : undefined}
          aria-describedby={selectError ? 'hint-intro hintQuestion-error' : 'hint-intro'}
        >
          <option value="" selected={!v.hintQuestion}>
            {optional ? ctx.t('hint.none') : ctx.t('hint.question')}
          </option>
          {HINT_PRESETS.map((key, i) => (
            <option key={key} value={String(i + 1)} selected={v.hintQuestion === String(i + 1)}>
              {ctx.t(key)}
            </option>
          ))}
          <option value="own" selected={v.hintQuestion === 'own'}>
            {ctx.t('hint.own')}
          </option>
        </select>
      </div>
      <Field
        id="hintOwn"
        label={ctx.t('hint.ownQuestion')}
        hint={ctx.t('hint.ownQuestionHint', { max: HINT_QUESTION_MAX })}
        error={error('hintOwn')}
        input={{ name: 'hintOwn', type: 'text', autoComplete: 'off', maxLength: HINT_QUESTION_MAX * 2, value: v.hintOwn ?? '' }}
      />
      <Field
        id="hintAnswer"
        label={ctx.t('hint.answer')}
        hint={ctx.t('hint.answerHint', { min: HINT_ANSWER_MIN, max: HINT_ANSWER_MAX })}
        error={error('hintAnswer')}
        // The answer is never put back into the page (like a password): after an error it is typed again.
        input={{ name: 'hintAnswer', type: 'text', autoComplete: 'off', spellcheck: false, maxLength: HINT_ANSWER_MAX * 2 }}
      />
    </fieldset>
  );
}
