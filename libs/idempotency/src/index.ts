export { IdempotencyKey } from './idempotency-key.entity';
export { IdempotencyModule } from './idempotency.module';
export { type IdempotentResponse, IdempotencyService } from './idempotency.service';
