import { type Child, h } from './dom.ts';

/** One option of a radio or checkbox group. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
}

interface GroupBase {
  /** The first control's id (error links point here); the others get `-2`, `-3`… */
  readonly id: string;
  readonly legend: string;
  readonly hint?: Child;
  readonly error?: string | undefined;
  readonly inline?: boolean;
  /** Legend as the page heading's size (for a step's main question). */
  readonly large?: boolean;
}

function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((s) => s !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function groupFrame(base: GroupBase, items: HTMLElement[]): HTMLFieldSetElement {
  return h(
    'fieldset',
    {
      class: `field${base.error ? ' field--error' : ''}`,
      id: `${base.id}-group`,
      'aria-describedby': describedBy(base.id, base.hint, base.error),
    },
    h('legend', { class: base.large ? 'legend legend--large' : 'legend' }, base.legend),
    base.hint ? h('div', { class: 'hint', id: `${base.id}-hint` }, base.hint) : null,
    base.error
      ? h(
          'p',
          { class: 'error-message', id: `${base.id}-error` },
          h('span', { class: 'visually-hidden' }, 'Error: '),
          base.error,
        )
      : null,
    h('div', { class: base.inline ? 'choices choices--inline' : 'choices' }, items),
  );
}

function choiceItem(
  type: 'radio' | 'checkbox',
  id: string,
  name: string,
  choice: Choice<string>,
  checked: boolean,
  onChange: (on: boolean) => void,
) {
  const hintId = choice.hint ? `${id}-item-hint` : undefined;
  const input = h('input', {
    class: 'choice__input',
    type,
    id,
    name,
    value: choice.value,
    'aria-describedby': hintId,
    onchange: (e) => onChange((e.target as HTMLInputElement).checked),
  });
  input.checked = checked;
  return h(
    'div',
    { class: 'choice' },
    input,
    h('label', { class: 'choice__label', for: id }, choice.label),
    choice.hint ? h('div', { class: 'choice__hint hint', id: hintId }, choice.hint) : null,
  );
}

const itemId = (base: string, index: number) => (index === 0 ? base : `${base}-${index + 1}`);

/** A fieldset of radios (one answer). */
export function radioGroup<T extends string>(
  base: GroupBase & {
    readonly choices: readonly Choice<T>[];
    readonly value: T | undefined;
    readonly onChange: (value: T) => void;
  },
): HTMLFieldSetElement {
  const items = base.choices.map((choice, i) =>
    choiceItem('radio', itemId(base.id, i), base.id, choice, choice.value === base.value, (on) => {
      if (on) base.onChange(choice.value);
    }),
  );
  return groupFrame(base, items);
}

/** A fieldset of checkboxes (any number of answers). */
export function checkboxGroup<T extends string>(
  base: GroupBase & {
    readonly choices: readonly Choice<T>[];
    readonly values: readonly T[];
    readonly onToggle: (value: T, on: boolean) => void;
  },
): HTMLFieldSetElement {
  const items = base.choices.map((choice, i) =>
    choiceItem('checkbox', itemId(base.id, i), base.id, choice, base.values.includes(choice.value), (on) =>
      base.onToggle(choice.value, on),
    ),
  );
  return groupFrame(base, items);
}

/** One checkbox with its label. */
export function checkbox(options: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly checked: boolean;
  readonly onChange: (on: boolean) => void;
}): HTMLDivElement {
  return h(
    'div',
    { class: 'choices' },
    choiceItem(
      'checkbox',
      options.id,
      options.id,
      { value: 'on', label: options.label, ...(options.hint ? { hint: options.hint } : {}) },
      options.checked,
      options.onChange,
    ),
  );
}

/** A labelled text, number or date input; `onInput` keeps the draft current as the clinician types. */
export function textField(options: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly value: string;
  readonly type?: 'text' | 'date';
  readonly inputMode?: 'numeric' | 'text';
  readonly width?: 'short' | 'medium';
  readonly onInput: (value: string) => void;
  readonly onChange?: (value: string) => void;
}): HTMLDivElement {
  const input = h('input', {
    class: `input input--${options.width ?? 'medium'}${options.error ? ' input--error' : ''}`,
    id: options.id,
    name: options.id,
    type: options.type ?? 'text',
    inputmode: options.inputMode,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': describedBy(options.id, options.hint, options.error),
    'aria-invalid': options.error ? 'true' : undefined,
    oninput: (e) => options.onInput((e.target as HTMLInputElement).value),
    onchange: (e) => options.onChange?.((e.target as HTMLInputElement).value),
  });
  input.value = options.value;
  return h(
    'div',
    { class: `field${options.error ? ' field--error' : ''}` },
    h('label', { class: 'label', for: options.id }, options.label),
    options.hint ? h('div', { class: 'hint', id: `${options.id}-hint` }, options.hint) : null,
    options.error
      ? h(
          'p',
          { class: 'error-message', id: `${options.id}-error` },
          h('span', { class: 'visually-hidden' }, 'Error: '),
          options.error,
        )
      : null,
    input,
  );
}

/** A yes/no radio pair bound to an optional boolean. */
export function yesNo(
  base: GroupBase & { readonly value: boolean | undefined; readonly onChange: (value: boolean) => void },
) {
  return radioGroup<'yes' | 'no'>({
    ...base,
    inline: true,
    choices: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ],
    value: base.value === undefined ? undefined : base.value ? 'yes' : 'no',
    onChange: (v) => base.onChange(v === 'yes'),
  });
}
