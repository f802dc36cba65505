import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder armscope is installed in (holds data/ and samples/). */
export const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
