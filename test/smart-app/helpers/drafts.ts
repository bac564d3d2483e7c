import { createDraft, type Draft } from '../../../src/smart-app/web/form/draft.ts';

/** A synthetic patient id for drafts that are only built and checked, never saved. */
export const PATIENT = 'persona-test';

/** A complete enquiry with disclosure, DASH high risk, MARAC and IDVA referrals and one linked child. */
export function disclosedDraft(): Draft {
  const draft = createDraft('3f1c2e7a-9b0d-4c4e-8f6a-2d5b7c9e1a3f');
  Object.assign(draft, {
    setting: 'general-practice',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'professional',
    outcome: 'asked-disclosed',
    timing: 'current',
    abuseTypes: ['physical', 'coercive-control'],
    relationships: ['partner'],
    durationValue: '3',
    durationUnit: 'years',
    pregnant: 'no',
    childrenCount: '2',
    childAges: '7, 9',
    linkedChildren: ['child-test-1'],
    riskMode: 'questions',
    dashAnswers: Array.from({ length: 24 }, (_, i) => (i < 15 ? 'yes' : 'no')),
    referrals: { idva: 'made', marac: 'made', mhidva: 'declined' },
    maracCriterion: 'visible-high-risk',
    safetyPlan: true,
    informationGiven: true,
    followUpDate: '2026-12-07',
    consentDecision: 'given',
    lawfulBasis: 'consent',
  } satisfies Partial<Draft>);
  return draft;
}
