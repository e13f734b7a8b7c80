/** Every fix over the corpus projects but musicbrainz (test/helpers/corpus-fixes.ts says what each must do). */
import { fixesOnRealProjects } from '../helpers/corpus-fixes';

fixesOnRealProjects('fixes on real projects', (name) => name !== 'musicbrainz');
