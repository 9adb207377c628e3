// Label (L-7) and field (L-8) selectors; every parse error is a StatusError 400 with upstream's text.
export { parseLabelSelector, labelSelectorFromObject, matchesLabels, labelSelectorString } from './labels';
export { parseFieldSelector, matchesFields } from './fields';
