import type { DvaSummary, EnquirySummary } from '../../../recording/index.ts';
import {
  ABUSE_TYPE_LABELS,
  NOT_ASKED_REASON_LABELS,
  REFERRAL_LABELS,
  RELATIONSHIP_LABELS,
  RISK_LEVEL_LABELS,
} from '../wording/index.ts';
import { formatDay } from './screen.parts.ts';

const ENQUIRY_TEXT: Readonly<Record<EnquirySummary['outcome'], string>> = {
  'asked-disclosed': 'asked, and abuse was disclosed',
  'asked-no-disclosure': 'asked, nothing disclosed',
  asked: 'asked',
  declined: 'the patient preferred not to answer',
  'not-asked': 'not asked',
};

const MARAC_TEXT = {
  none: '',
  referred: 'referred to MARAC',
  subject: 'discussed at MARAC',
  closed: 'MARAC case closed',
} as const;

function enquiryLine(enquiry: EnquirySummary): string {
  const reason = enquiry.notAskedReason
    ? ` (${NOT_ASKED_REASON_LABELS[enquiry.notAskedReason].toLowerCase()})`
    : '';
  return `Last enquiry, ${formatDay(enquiry.date)}: ${ENQUIRY_TEXT[enquiry.outcome]}${reason}.`;
}

/** One sentence per disclosure on record, newest first. */
export function disclosureLines(summary: DvaSummary): string[] {
  return summary.disclosures.map((d) => {
    const when =
      d.timing === 'past' ? 'past abuse' : d.timing === 'suspected' ? 'suspected abuse' : 'current abuse';
    const types = d.abuseTypes.map((t) => ABUSE_TYPE_LABELS[t].toLowerCase()).join(', ');
    const who = d.relationships.map((r) => RELATIONSHIP_LABELS[r].toLowerCase()).join(', ');
    return `Disclosure, ${formatDay(d.date)}: ${when}${types ? ` (${types})` : ''}${who ? `; by ${who}` : ''}.`;
  });
}

function actionLines(summary: DvaSummary): string[] {
  const lines = summary.openReferrals.map((r) => {
    const label =
      r.target && r.target in REFERRAL_LABELS
        ? REFERRAL_LABELS[r.target as keyof typeof REFERRAL_LABELS]
        : (r.code.display ?? 'a service');
    return `Open referral, ${formatDay(r.date)}: ${label}.`;
  });
  if (summary.marac.status !== 'none')
    lines.push(`MARAC, ${formatDay(summary.marac.date)}: ${MARAC_TEXT[summary.marac.status]}.`);
  if (summary.safetyPlan) lines.push('A safety plan is in place.');
  for (const day of summary.followUps) lines.push(`Follow-up planned for ${formatDay(day)}.`);
  if (summary.consent)
    lines.push(
      `Consent to share, ${formatDay(summary.consent.date)}: ${summary.consent.decision.replace('-', ' ')}.`,
    );
  return lines;
}

/**
 * The existing record in plain sentences (from `readDvaSummary`), newest disclosure first, so that the clinician
 * can build on it and the patient does not have to tell it again.
 */
export function summaryLines(summary: DvaSummary): string[] {
  const lines = [
    ...(summary.latestEnquiry ? [enquiryLine(summary.latestEnquiry)] : []),
    ...disclosureLines(summary),
    ...(summary.risk
      ? [
          `Risk, ${formatDay(summary.risk.date)}: ${RISK_LEVEL_LABELS[summary.risk.level].toLowerCase()}${summary.risk.score === undefined ? '' : ` (DASH ${summary.risk.score} "yes")`}.`,
        ]
      : []),
    ...actionLines(summary),
  ];
  if (summary.activeFlags.length > 0)
    lines.push(`${summary.activeFlags.length} active safeguarding flag(s).`);
  if (summary.dvaInHousehold) lines.push('Domestic abuse in the household is on record.');
  if (summary.suspectedPerpetrator)
    lines.push('A concern that this patient may be causing harm is on record.');
  return lines;
}
