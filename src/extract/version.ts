/** Recorded on every stored event, so results of older rules can be found and re-extracted. */
export const EXTRACTOR_VERSION = 'armscope-rules/0.1';
