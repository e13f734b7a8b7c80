/**
 * Every fix over musicbrainz, half of the corpus's fixes: the first of two halves (every other fixable finding),
 * run beside the second (fixes-musicbrainz-2.test.ts) and the other projects' (test/helpers/corpus-fixes.ts).
 */
import { fixesOnRealProjects } from '../helpers/corpus-fixes';

fixesOnRealProjects('fixes on musicbrainz (first half)', (name) => name === 'musicbrainz', { index: 0, of: 2 });
