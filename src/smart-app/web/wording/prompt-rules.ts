/**
 * What the CDS service's rules mean, for the "why you were prompted" note (the card's `appContext.rules`). Unknown
 * rule ids are shown as they come.
 */
const RULE_LABELS: Readonly<Record<string, string>> = {
  'repeat-self-harm': 'Repeated self-harm or overdose',
  'diagnostic-overshadowing': 'Several indicators explained only by other diagnoses (possible overshadowing)',
  'routine-enquiry': 'Routine enquiry is due in this service',
  'whole-family': 'A child or young person in a household where abuse is known (think whole family)',
  'disclosure-on-record-review': 'A disclosure is already on record: review the plan',
};

const KIND_LABELS: Readonly<Record<string, string>> = {
  enquiry: 'A prompt to ask',
  'whole-family': 'A whole-family prompt',
  review: 'A prompt to review what is on record',
};

/** Words for a CDS rule id. */
export function ruleLabel(id: string): string {
  return RULE_LABELS[id] ?? id;
}

/** Words for a CDS card kind (`enquiry`, `whole-family`, `review`). */
export function promptKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? 'A prompt';
}
