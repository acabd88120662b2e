export { DomainError, type ErrorKind, type FieldProblem } from './domain-error';
export { fieldProblem, predicateOf, sentence, subjectOf } from './field-problem';
