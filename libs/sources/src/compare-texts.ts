import { diffArrays, diffWords } from 'diff';
import type { SnapshotChangesView, TextChange } from './source.views';

/** Past this many changed words, a word-level comparison gives way to paragraphs. */
const maxWordEdits = 4_000;

/**
 * The word-level difference between two texts. Texts that differ too much for
 * that to be quick or readable are compared paragraph by paragraph.
 */
export function compareTexts(
  before: string,
  after: string,
): Pick<SnapshotChangesView, 'removedWords' | 'addedWords' | 'granularity' | 'changes'> {
  const words = diffWords(before, after, { maxEditLength: maxWordEdits, timeout: 2_000 });
  const changes: TextChange[] =
    words !== undefined
      ? words.map((part) => ({ op: part.added ? 'added' : part.removed ? 'removed' : 'equal', text: part.value }))
      : diffArrays(before.split('\n\n'), after.split('\n\n')).map((part) => ({
          op: part.added ? 'added' : part.removed ? 'removed' : 'equal',
          text: part.value.join('\n\n'),
        }));
  return {
    removedWords: countWords(changes, 'removed'),
    addedWords: countWords(changes, 'added'),
    granularity: words !== undefined ? 'word' : 'paragraph',
    changes,
  };
}

function countWords(changes: readonly TextChange[], op: TextChange['op']): number {
  return changes
    .filter((change) => change.op === op)
    .reduce((count, change) => count + (change.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
}
