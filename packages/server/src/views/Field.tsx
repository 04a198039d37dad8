/** A labelled form field with its hint and, when the last submission had one, its error (WCAG 3.3.1). */
import type { JSX } from 'preact';

export function Field(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  input: Omit<JSX.IntrinsicElements['input'], 'id'>;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      <input id={props.id} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy || undefined} {...props.input} />
    </div>
  );
}
