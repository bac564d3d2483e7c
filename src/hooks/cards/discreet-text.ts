/**
 * The screen is not private: a person causing harm may be in the room (shared/docs/domain.md). Everything a card
 * shows before it is opened — summary, source label, suggestion and link labels, override reasons — must not name
 * the subject. The detail, opened by the clinician, may.
 */
export const FORBIDDEN_SURFACE_WORDS = ['abuse', 'domestic', 'violence', 'dva', 'perpetrator'] as const;

/** True when the text contains none of the forbidden words (case-insensitive, also inside longer words). */
export function isDiscreet(text: string): boolean {
  const lower = text.toLowerCase();
  return FORBIDDEN_SURFACE_WORDS.every((word) => !lower.includes(word));
}

/** CDS Hooks 2.0 "Card": summary is "one-sentence, <140-character". */
export const MAX_SUMMARY_LENGTH = 139;

/**
 * Escapes the GitHub-Flavored Markdown (and raw HTML) characters that act in the middle of a line, for a value
 * placed after other text in a card's detail (values never start a line, so list and heading markers are inert).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}
