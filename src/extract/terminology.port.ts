import type { Terminology } from '../shared/index.ts';

/** What extraction needs of the project terminology (src/shared/terminology.ts). */
export type MeasureTerminology = Pick<Terminology, 'concepts' | 'careSetting'>;
