import { type DvaForm, dashScore } from '../../../recording/index.ts';
import type { StepId } from '../form/index.ts';
import type { ChildRecord } from '../record/index.ts';
import {
  ABUSE_TYPE_LABELS,
  CARE_SETTING_LABELS,
  CONSENT_LABELS,
  INTERPRETER_LABELS,
  LAWFUL_BASIS_LABELS,
  MARAC_CRITERION_LABELS,
  NOT_ASKED_REASON_LABELS,
  OUTCOME_LABELS,
  REFERRAL_LABELS,
  RELATIONSHIP_LABELS,
  RISK_LEVEL_LABELS,
} from '../wording/index.ts';
import { formatDay } from './screen.parts.ts';

/** One titled group of answers and the step where they are changed. */
export interface SummaryGroup {
  readonly title: string;
  readonly step: StepId;
  readonly rows: readonly (readonly [string, string])[];
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
/** A condition left unknown: "not safe now" may be recorded before it was found out (the enquiry not made). */
const NOT_KNOWN = 'Not known';
const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : 'None');

function enquiryGroups(form: DvaForm): SummaryGroup[] {
  const e = form.enquiry;
  if (!e) return [];
  const outcome = e.notAskedReason
    ? `${OUTCOME_LABELS[e.outcome]}: ${NOT_ASKED_REASON_LABELS[e.notAskedReason]}`
    : OUTCOME_LABELS[e.outcome];
  return [
    {
      title: 'Before asking',
      step: 'safety',
      rows: [
        ['Setting', e.setting ? CARE_SETTING_LABELS[e.setting] : NOT_KNOWN],
        ['Patient alone', e.patientAlone === undefined ? NOT_KNOWN : yesNo(e.patientAlone)],
        ['Private space', e.privateSpace === undefined ? NOT_KNOWN : yesNo(e.privateSpace)],
        ['Interpreter', e.interpreter ? INTERPRETER_LABELS[e.interpreter] : NOT_KNOWN],
      ],
    },
    { title: 'Enquiry', step: 'ask', rows: [['What happened', outcome]] },
  ];
}

function disclosureGroup(form: DvaForm): SummaryGroup[] {
  const d = form.disclosure;
  if (!d) return [];
  return [
    {
      title: 'What they told you',
      step: 'disclosure',
      rows: [
        ['Happening now', d.timing === 'current' ? 'Yes' : 'No, in the past'],
        ['Kinds of abuse', list(d.abuseTypes.map((t) => ABUSE_TYPE_LABELS[t]))],
        ['Person causing harm', list(d.relationships.map((r) => RELATIONSHIP_LABELS[r]))],
        ['For how long', d.duration ? `${d.duration.value} ${d.duration.unit}` : 'Not recorded'],
        ['Pregnant', d.pregnant === undefined ? 'Not known' : yesNo(d.pregnant)],
      ],
    },
  ];
}

function riskGroup(form: DvaForm): SummaryGroup[] {
  const r = form.risk;
  if (!r)
    return form.disclosure ? [{ title: 'Risk', step: 'risk', rows: [['DASH', 'Not assessed now']] }] : [];
  const score = dashScore(r);
  return [
    {
      title: 'Risk',
      step: 'risk',
      rows: [
        ['DASH “yes” answers', score === undefined ? 'Not recorded' : String(score)],
        ['Risk level', RISK_LEVEL_LABELS[r.level]],
        ['Professional judgement', yesNo(r.professionalJudgement)],
      ],
    },
  ];
}

function actionsGroup(form: DvaForm, children: readonly ChildRecord[]): SummaryGroup[] {
  const a = form.actions;
  if (!a) return [];
  const referral = (status: 'made' | 'declined') =>
    list(a.referrals.filter((r) => r.status === status).map((r) => REFERRAL_LABELS[r.target]));
  const marac = a.referrals.find((r) => r.target === 'marac')?.maracCriterion;
  const kids = form.disclosure?.children;
  const names = (kids?.linkedPatientIds ?? []).map(
    (id) => children.find((c) => c.id === id)?.name ?? 'A registered child',
  );
  return [
    {
      title: 'What happens next',
      step: 'actions',
      rows: [
        ['Referrals made', referral('made')],
        ['Offered, declined', referral('declined')],
        ...(marac ? [['MARAC criterion', MARAC_CRITERION_LABELS[marac]] as const] : []),
        ['Safety plan', yesNo(a.safetyPlan)],
        ['Information given', yesNo(a.informationGiven)],
        ['Follow-up', a.followUpDate ? formatDay(a.followUpDate) : 'None planned'],
        ...(form.recordAccess?.enhancedReview
          ? [['Enhanced review before online access', 'Yes'] as const]
          : []),
        ...(kids
          ? [
              [
                'Children in the household',
                `${kids.count}${kids.ages.length ? ` (ages ${kids.ages.join(', ')})` : ''}`,
              ] as const,
            ]
          : []),
        ...(names.length > 0 ? [['Entry on the record of', list(names)] as const] : []),
        ...(form.consent
          ? [
              ['Agreed to share', CONSENT_LABELS[form.consent.decision]] as const,
              ['Lawful basis', LAWFUL_BASIS_LABELS[form.consent.lawfulBasis]] as const,
            ]
          : []),
      ],
    },
  ];
}

function perpetrationGroup(form: DvaForm): SummaryGroup[] {
  const p = form.suspectedPerpetration;
  if (!p) return [];
  return [
    {
      title: 'Concern that this patient may be causing harm',
      step: 'perpetration',
      rows: [
        [
          'How it came to you',
          p.source === 'own-disclosure' ? 'The patient told me' : 'Someone else raised it',
        ],
        ['Risk to other adults', yesNo(p.riskToOthers)],
        ['Risk to children', yesNo(p.riskToChildren)],
      ],
    },
  ];
}

/** The answers as they will be recorded, grouped by the step that collects them. */
export function summariseForm(form: DvaForm, children: readonly ChildRecord[]): SummaryGroup[] {
  return [
    ...enquiryGroups(form),
    ...disclosureGroup(form),
    ...riskGroup(form),
    ...actionsGroup(form, children),
    ...perpetrationGroup(form),
  ];
}

/** Who can see what is recorded (the labels every entry carries: R or V, SDV, NOPAT). */
export function visibilityLines(form: DvaForm): string[] {
  if (form.suspectedPerpetration && !form.enquiry) {
    return [
      'Very restricted: only clinicians caring for this patient and the safeguarding team can see it, and every access is logged and reviewed.',
      'It is on this patient’s record only and is never shown to them: not in online access, not to anyone with proxy access, not in printouts or letters.',
      'Nothing in it names or points to the person at risk, or to who raised the concern.',
    ];
  }
  const linked = (form.disclosure?.children?.linkedPatientIds.length ?? 0) > 0;
  return [
    'Restricted: only clinicians caring for this patient and the safeguarding team can see it, and every access is logged and reviewed.',
    'Hidden from the patient’s online access and from anyone with proxy access, and left out of printouts and letters.',
    ...(form.disclosure ? ['A safeguarding flag puts it on the safeguarding team’s review list.'] : []),
    ...(linked
      ? [
          'Each linked child’s record gets its own very restricted entry and flag; it does not name or link to this patient’s disclosure.',
        ]
      : []),
  ];
}
