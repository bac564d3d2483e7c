/**
 * Short topic headings for the 24 items of the SafeLives DASH RIC (2009), in their order (`dash-1` … `dash-24` in
 * the QuestionnaireResponse). They are our own summaries, not the checklist's questions: the question wording is
 * SafeLives' and is read from the checklist itself (https://safelives.org.uk/resources-library/dash-risk-checklist/).
 */
export const DASH_TOPICS: readonly string[] = [
  'Injury from the current incident',
  'Very frightened',
  'Afraid of further injury or violence',
  'Isolated from family or friends',
  'Low mood or suicidal thoughts',
  'Separated, or tried to, in the past year',
  'Conflict over contact with children',
  'Constant contact, following or harassment',
  'Pregnant, or a baby in the last 18 months',
  'Abuse happening more often',
  'Abuse getting worse',
  'Controlling or excessively jealous',
  'Weapons or objects used to hurt',
  'Threats to kill that were believed',
  'Strangling, choking, suffocating or drowning',
  'Sexual abuse',
  'Another person who threatens or frightens them',
  'Has hurt others (children, relatives, former partners)',
  'Has mistreated an animal or pet',
  'Financial issues',
  'Drug, alcohol or mental-health problems (the person causing harm)',
  'Has threatened or attempted suicide',
  'Has broken bail, an injunction or an agreement',
  'Trouble with the police or a criminal history',
];
