// Label (L-7) and field (L-8) selectors; every parse error is a StatusError 400 with upstream's text.
export {
  parseLabelSelector,
  labelSelectorFromObject,
  matchesLabels,
  labelSelectorString,
  labelSelectorIsEmpty,
  type LabelSelector,
  type LabelSelectorObject,
  type Requirement,
  type Operator,
} from './labels';
export { parseFieldSelector, matchesFields, fieldSelectorRequiresExactMatch, selectableFields, type FieldSelector, type FieldTerm } from './fields';
export { isQualifiedName, isValidLabelValue, isDNS1123Subdomain } from './validation';
