// The order of the tutorial's sections in the hand-out: the tutorial's own, never the order in
// which the claim files happen to be named.
import { TUTORIAL_SECTIONS } from '../../specs/claims/tutorialSections.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where `section` is a Markdown heading of `tutorialText`, or -1. */
function headingPosition(tutorialText: string, section: string): number {
  return tutorialText.search(new RegExp(`^#+\\s*${escapeRegExp(section)}\\s*$`, 'm'));
}

/**
 * `sections` (distinct) in the tutorial's order: by heading position when the tutorial's text is
 * given and has every one of them, else by TUTORIAL_SECTIONS. A section found in neither comes
 * last, in the order given.
 */
export function inTutorialOrder(sections: readonly string[], tutorialText?: string): string[] {
  const positions = tutorialText === undefined ? [] : sections.map((section) => headingPosition(tutorialText, section));
  const byHeading = positions.length > 0 && positions.every((at) => at >= 0);
  const rank = (section: string, index: number) => {
    const at = byHeading ? positions[index]! : TUTORIAL_SECTIONS.indexOf(section);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return sections
    .map((section, index) => ({ section, index, rank: rank(section, index) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ section }) => section);
}
