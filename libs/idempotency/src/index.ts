export { IdempotencyKey } from './idempotency-key.entity';
export { IdempotencyModule } from './idempotency.module';
export { type IdempotentResponse, IdempotencyService } from './idempotency.service';
export { IdempotencyErrors, type IdempotencyErrorCode } from './idempotency-errors';
