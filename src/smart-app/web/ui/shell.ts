import type { PatientFacts } from '../record/index.ts';
import { type ConcealControl, installConceal } from './conceal.ts';
import { focusElement, h } from './dom.ts';

/** The page frame every screen is drawn in. */
export interface Shell {
  readonly root: HTMLElement;
  readonly main: HTMLElement;
  readonly banner: HTMLElement;
  readonly conceal: ConcealControl;
}

const GENDER = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' } as const;

function formatNhsNumber(value: string): string {
  return /^\d{10}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : value;
}

function formatBirthDate(value: string): string {
  const [y, m, d] = value.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return d && m ? `${Number(d)} ${months[Number(m) - 1] ?? ''} ${y ?? ''}` : value;
}

/** The patient banner (SMART `need_patient_banner`): name, date of birth, gender, NHS number. */
export function patientBanner(patient: PatientFacts): HTMLElement {
  const items: [string, string][] = [
    ['Born', patient.birthDate ? formatBirthDate(patient.birthDate) : 'not recorded'],
    [
      'Gender',
      patient.gender ? (GENDER[patient.gender as keyof typeof GENDER] ?? patient.gender) : 'not recorded',
    ],
    ['NHS number', patient.nhsNumber ? formatNhsNumber(patient.nhsNumber) : 'not recorded'],
  ];
  return h(
    'div',
    { class: 'banner__inner' },
    h('p', { class: 'banner__name' }, patient.name),
    h(
      'dl',
      { class: 'banner__facts' },
      items.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
    ),
  );
}

/**
 * Builds the frame: skip link, header with the Conceal control (Esc twice), patient banner and main. Only
 * neutral words appear outside `main`.
 */
export function createShell(host: HTMLElement): Shell {
  const main = h('main', { class: 'main', id: 'main', tabindex: -1 });
  const banner = h('section', { class: 'banner', 'aria-label': 'Patient', hidden: true });
  const concealButton = h(
    'button',
    { type: 'button', class: 'button button--conceal', id: 'conceal', 'aria-keyshortcuts': 'Escape Escape' },
    'Conceal ',
    h('span', { class: 'kbd', 'aria-hidden': 'true' }, '(Esc Esc)'),
  );
  const root = h(
    'div',
    { class: 'app', id: 'app' },
    h(
      'a',
      {
        class: 'skip-link',
        href: '#main',
        onclick: (e) => {
          e.preventDefault();
          focusElement(main);
        },
      },
      'Skip to content',
    ),
    h(
      'header',
      { class: 'app-header' },
      h('span', { class: 'app-header__title' }, 'Clinical note'),
      concealButton,
    ),
    banner,
    main,
  );
  host.replaceChildren(root);
  const conceal = installConceal(root, concealButton);
  return {
    root,
    main,
    banner,
    conceal,
  };
}
