export { DomainError, type ErrorCode, type ErrorKind, type FieldProblem } from './domain-error';
export { fieldProblem, predicateOf, sentence, subjectOf } from './field-problem';
