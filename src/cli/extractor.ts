export { createExtractor } from '../jobs/extractor.js';
