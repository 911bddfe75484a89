/** Where the bench and the repository are. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/ */
export const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const ROOT = join(BENCH, '..');
