export { DomainError, type ErrorKind, type FieldProblem } from './domain-error';
