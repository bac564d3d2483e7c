import type {
  ActionsSection,
  DisclosureSection,
  DvaForm,
  EnquirySection,
  RiskLevel,
  RiskSection,
} from './form.schema.ts';

/** One broken rule: a stable reason code, a message for the clinician and where it is. */
export interface FormProblem {
  readonly reason: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
}

const problem = (reason: string, message: string, path: readonly (string | number)[]): FormProblem => ({
  reason,
  message,
  path,
});

/** SafeLives DASH RIC thresholds: 14+ "yes" high, 10–13 medium, otherwise standard (terminology.md §5e). */
export function riskLevelForScore(score: number): RiskLevel {
  if (score >= 14) return 'high';
  return score >= 10 ? 'medium' : 'standard';
}

const LEVEL_ORDER: Readonly<Record<RiskLevel, number>> = { standard: 0, medium: 1, high: 2 };

/** The DASH score: the number of "yes" answers, or the score given. */
export function dashScore(risk: Pick<RiskSection, 'dashAnswers' | 'score'>): number | undefined {
  if (risk.dashAnswers) return risk.dashAnswers.filter((a) => a === 'yes').length;
  return risk.score;
}

function duplicates<T>(values: readonly T[]): number[] {
  return values.flatMap((value, index) => (values.indexOf(value) < index ? [index] : []));
}

export function checkEnquiry(enquiry: EnquirySection): FormProblem[] {
  if (enquiry.outcome === 'not-asked' && !enquiry.notAskedReason) {
    return [problem('not-asked-reason-required', 'Say why the enquiry was not made', ['notAskedReason'])];
  }
  if (enquiry.outcome !== 'not-asked' && enquiry.notAskedReason) {
    return [
      problem('not-asked-reason-unexpected', 'A reason is only given when not asked', ['notAskedReason']),
    ];
  }
  return [];
}

export function checkRisk(risk: RiskSection): FormProblem[] {
  if (!risk.dashAnswers && risk.score === undefined) {
    return [problem('dash-score-required', 'Give the 24 DASH answers or the score', ['score'])];
  }
  const problems: FormProblem[] = [];
  const score = dashScore(risk) ?? 0;
  if (risk.dashAnswers && risk.score !== undefined && risk.score !== score) {
    problems.push(
      problem('dash-score-mismatch', `The score must equal the ${score} "yes" answers`, ['score']),
    );
  }
  const fromScore = riskLevelForScore(score);
  if (LEVEL_ORDER[risk.level] < LEVEL_ORDER[fromScore]) {
    problems.push(problem('risk-level-below-score', `The score means ${fromScore} risk at least`, ['level']));
  }
  if (LEVEL_ORDER[risk.level] > LEVEL_ORDER[fromScore] && !risk.professionalJudgement) {
    const message = 'A level above the score needs professional judgement';
    problems.push(problem('risk-level-needs-judgement', message, ['professionalJudgement']));
  }
  return problems;
}

export function checkDisclosure(disclosure: DisclosureSection): FormProblem[] {
  const problems = [
    ...duplicates(disclosure.abuseTypes).map((i) =>
      problem('duplicate-abuse-type', 'Abuse type listed twice', ['abuseTypes', i]),
    ),
    ...duplicates(disclosure.relationships).map((i) =>
      problem('duplicate-relationship', 'Relationship listed twice', ['relationships', i]),
    ),
  ];
  const children = disclosure.children;
  if (!children) return problems;
  if (children.ages.length > children.count) {
    problems.push(problem('children-ages-exceed-count', 'More ages than children', ['children', 'ages']));
  }
  if (children.linkedPatientIds.length > children.count) {
    const message = 'More linked records than children';
    problems.push(problem('children-links-exceed-count', message, ['children', 'linkedPatientIds']));
  }
  for (const i of duplicates(children.linkedPatientIds)) {
    problems.push(problem('duplicate-child-link', 'Child linked twice', ['children', 'linkedPatientIds', i]));
  }
  return problems;
}

export function checkActions(actions: ActionsSection): FormProblem[] {
  const targets = actions.referrals.map((r) => r.target);
  const problems = duplicates(targets).map((i) =>
    problem('duplicate-referral', 'Referral listed twice', ['referrals', i, 'target']),
  );
  actions.referrals.forEach((referral, i) => {
    if (referral.target === 'marac' && referral.status === 'made' && !referral.maracCriterion) {
      const message = 'A MARAC referral needs its criterion';
      problems.push(problem('marac-criterion-required', message, ['referrals', i, 'maracCriterion']));
    }
    if (referral.target !== 'marac' && referral.maracCriterion) {
      const message = 'Only a MARAC referral has a MARAC criterion';
      problems.push(problem('marac-criterion-unexpected', message, ['referrals', i, 'maracCriterion']));
    }
  });
  return problems;
}

/** Referrals that share the victim's information with a specialist DVA service or MARAC. */
const DISCLOSURE_REFERRALS: ReadonlySet<string> = new Set(['idva', 'mhidva', 'da-service', 'marac']);

function checkDisclosurePresence(form: DvaForm): FormProblem[] {
  const disclosed = form.enquiry?.outcome === 'asked-disclosed';
  if (disclosed && !form.disclosure) {
    return [problem('disclosure-required', 'Record what was disclosed', ['disclosure'])];
  }
  if (!disclosed && form.disclosure) {
    return [
      problem('disclosure-unexpected', 'A disclosure needs the outcome "asked: disclosed"', ['disclosure']),
    ];
  }
  return [];
}

function checkReferralsAgainstForm(form: DvaForm): FormProblem[] {
  const problems: FormProblem[] = [];
  const score = form.risk ? dashScore(form.risk) : undefined;
  (form.actions?.referrals ?? []).forEach((referral, i) => {
    const path = ['actions', 'referrals', i];
    if (referral.status === 'made' && DISCLOSURE_REFERRALS.has(referral.target) && !form.disclosure) {
      problems.push(
        problem('referral-requires-disclosure', 'This referral needs a disclosure', [...path, 'target']),
      );
    }
    const visible = referral.maracCriterion === 'visible-high-risk';
    if (visible && (form.risk?.level !== 'high' || score === undefined || score < 14)) {
      const message = 'Visible high risk needs a DASH score of 14 or more';
      problems.push(problem('marac-visible-high-risk-unsupported', message, [...path, 'maracCriterion']));
    }
  });
  return problems;
}

function checkConsent(form: DvaForm): FormProblem[] {
  const referralMade = (form.actions?.referrals ?? []).some((r) => r.status === 'made');
  const consent = form.consent;
  if (!consent) {
    return referralMade
      ? [problem('consent-required', 'Record consent to share for the referral', ['consent'])]
      : [];
  }
  const problems: FormProblem[] = [];
  if (consent.lawfulBasis === 'consent' && consent.decision !== 'given') {
    const message = 'Consent cannot be the basis when it was not given';
    problems.push(problem('lawful-basis-without-consent', message, ['consent', 'lawfulBasis']));
  }
  if (consent.lawfulBasis === 'not-shared' && referralMade) {
    const message = 'A referral shares information: choose its lawful basis';
    problems.push(problem('lawful-basis-not-shared-with-referral', message, ['consent', 'lawfulBasis']));
  }
  return problems;
}

/** Rules across sections; they run once every section is well-formed. */
export function checkForm(form: DvaForm): FormProblem[] {
  if (!form.enquiry && !form.suspectedPerpetration) {
    return [problem('form-empty', 'Record an enquiry or a suspected perpetration', [])];
  }
  const problems = [
    ...checkDisclosurePresence(form),
    ...checkReferralsAgainstForm(form),
    ...checkConsent(form),
  ];
  if (form.recordAccess && !form.enquiry) {
    const message = "Record access is set with an enquiry, on the patient's own record";
    problems.push(problem('record-access-requires-enquiry', message, ['recordAccess']));
  }
  if (form.risk && !form.disclosure) {
    problems.push(
      problem('risk-requires-disclosure', 'A DASH risk assessment follows a disclosure', ['risk']),
    );
  }
  const perpetrator = form.suspectedPerpetration?.patientId;
  if (perpetrator && form.disclosure?.children?.linkedPatientIds.includes(perpetrator)) {
    const message = 'The person suspected of harm is also linked as a child';
    problems.push(problem('perpetrator-is-linked-child', message, ['suspectedPerpetration', 'patientId']));
  }
  return problems;
}

/** Rules that need the patient whose record is open. */
export function checkAgainstPatient(form: DvaForm, patientId: string): FormProblem[] {
  const problems: FormProblem[] = [];
  (form.disclosure?.children?.linkedPatientIds ?? []).forEach((id, i) => {
    if (id === patientId) {
      const message = 'The patient cannot be linked as their own child';
      problems.push(problem('child-is-patient', message, ['disclosure', 'children', 'linkedPatientIds', i]));
    }
  });
  const perpetration = form.suspectedPerpetration;
  if (perpetration?.source === 'own-disclosure' && perpetration.patientId !== patientId) {
    const message = "An own disclosure is recorded on the patient's own record";
    problems.push(problem('own-disclosure-other-patient', message, ['suspectedPerpetration', 'patientId']));
  }
  return problems;
}
