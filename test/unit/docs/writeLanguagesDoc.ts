import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderLanguagesDoc } from './languagesDoc';

writeFileSync(path.join(__dirname, '../../../docs/languages.md'), renderLanguagesDoc());
