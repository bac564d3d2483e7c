import { ICD10, SNOMED } from '../../shared/index.ts';
import type { Evidence, IndicatorId, RecordEvidence, RuleHit, RuleId } from '../rules/index.ts';
import { escapeMarkdown } from './discreet-text.ts';

const INDICATOR_LABELS: Readonly<Record<IndicatorId, string>> = {
  'self-harm': 'Self-harm episode',
  'repeated-overdose': 'History of repeated overdose',
  'mental-health': 'Mental-health diagnosis',
  'chronic-pain': 'Chronic pain',
  'gi-gu-gynae': 'Gastro-intestinal, genito-urinary or gynaecological',
  injury: 'Injury',
  'substance-misuse': 'Alcohol or substance misuse',
  'adverse-reproductive': 'Adverse reproductive outcome',
  'mental-health-setting': 'Mental-health service contact',
  'camhs-setting': 'Child and adolescent mental-health service contact',
  household: 'Household',
  disclosure: 'On record',
};

const RULE_HEADINGS: Readonly<Record<RuleId, string>> = {
  'repeat-self-harm': '**Repeat self-harm** (NICE NG225; NICE QS116 indicator: self-harm)',
  'diagnostic-overshadowing':
    '**Indicators clustering beside a mental-health diagnosis**: possible diagnostic overshadowing (NICE QS116, WHO 2013)',
  'routine-enquiry': '**Routine enquiry due** in a mental-health service (NICE PH50)',
  'whole-family': '**Child or young person in CAMHS with concerns recorded in the household**',
};

const MAX_LINES_PER_RULE = 8;

function systemName(system: string): string {
  if (system === SNOMED) return 'SNOMED CT';
  if (system === ICD10) return 'ICD-10';
  return 'code';
}

function conceptText(e: RecordEvidence): string {
  const code = `${systemName(e.concept.system)} ${e.concept.code}`;
  return e.concept.display ? `${e.concept.display} (${code})` : code;
}

/** One evidence line; every value is escaped, and displays come from terminology/ only. */
export function evidenceLine(e: Evidence): string {
  switch (e.kind) {
    case 'record': {
      const when = e.day ? `, ${e.day}` : ', undated';
      return `- ${INDICATOR_LABELS[e.indicator]}: ${escapeMarkdown(conceptText(e))}${escapeMarkdown(when)}`;
    }
    case 'attendance':
      return `- Frequent attendance: ${e.encounters} encounters in the last ${e.months} months`;
    case 'no-recent-enquiry':
      return e.lastDay
        ? `- Last enquiry recorded: ${escapeMarkdown(e.lastDay)} (more than ${e.months} months ago)`
        : `- No enquiry recorded in the last ${e.months} months`;
  }
}

/** The "Why this prompt" section: each rule that fired with its evidence, dated. */
export function evidenceSection(hits: readonly RuleHit[]): string {
  const blocks = hits.map((hit) => {
    const lines = hit.evidence.map(evidenceLine);
    const shown = lines.slice(0, MAX_LINES_PER_RULE);
    if (lines.length > shown.length) shown.push(`- …and ${lines.length - shown.length} more`);
    return [RULE_HEADINGS[hit.ruleId], '', ...shown].join('\n');
  });
  return blocks.join('\n\n');
}
