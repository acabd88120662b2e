export { checkWorthiness, loadModel } from './check-worthiness';
export { ruleFeatures } from './rule-features';
export { writeModelFile, trainModel, crossValidate } from './train';
