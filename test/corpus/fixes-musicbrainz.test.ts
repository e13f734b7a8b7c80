/** Every fix over musicbrainz, half of the corpus's fixes, run beside the other projects' (test/helpers/corpus-fixes.ts). */
import { fixesOnRealProjects } from '../helpers/corpus-fixes';

fixesOnRealProjects('fixes on musicbrainz', (name) => name === 'musicbrainz');
