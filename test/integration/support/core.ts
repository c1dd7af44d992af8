/** The core's verdict on a file, bundled for the UI suite (test/ui) so it can compute what a fix must write. */
export { analyzeText, applyEdits, LineIndex } from '../../../src/core/index';
