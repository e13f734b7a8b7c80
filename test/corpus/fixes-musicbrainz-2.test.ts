/** Every fix over musicbrainz: the second of two halves (fixes-musicbrainz.test.ts runs the first). */
import { fixesOnRealProjects } from '../helpers/corpus-fixes';

fixesOnRealProjects('fixes on musicbrainz (second half)', (name) => name === 'musicbrainz', { index: 1, of: 2 });
