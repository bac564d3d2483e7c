import type { Coding, Flag, Reference } from 'fhir/r4.js';
import { cc, hl7, local } from './codings.ts';
import { labelled } from './resource.build.ts';

/** What a restricted safeguarding flag needs; the caller picks the id (per record scope). */
export interface FlagInput {
  readonly id: string;
  readonly subject: Reference;
  readonly code: Coding;
  readonly category: 'safety' | 'behavioral';
  readonly author: Reference;
  readonly now: string;
  readonly encounter?: Reference | undefined;
  readonly level: 'R' | 'V';
}

/**
 * A restricted Flag on the safeguarding team's review worklist (terminology.md §3c): FHIR flag-category `safety`
 * (victim, household) or `behavioral` (risk to others) plus the local `safeguarding-review` category.
 */
export function mapSafeguardingFlag(flag: FlagInput): Flag {
  const resource: Flag = {
    resourceType: 'Flag',
    id: flag.id,
    status: 'active',
    category: [cc(hl7('flag-category', flag.category)), cc(local('safeguarding-review'))],
    code: cc(flag.code),
    subject: flag.subject,
    period: { start: flag.now },
    ...(flag.encounter ? { encounter: flag.encounter } : {}),
    author: flag.author,
  };
  return labelled(resource, flag.level);
}
