import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const toInteger = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
};

/**
 * The environment variables Claimdesk reads, as documented in the README's
 * configuration table. Validated once at start; every failure is reported.
 */
export class Environment {
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:\-[\]]+$/, { message: 'HOST must be a host name or an IP address' })
  HOST?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  FETCH_ALLOWED_HOSTS?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'FETCH_ALLOWED_HOSTS_ONLY must be true or false' })
  FETCH_ALLOWED_HOSTS_ONLY?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'VERDICTS_REQUIRE_ASSIGNMENT must be true or false' })
  VERDICTS_REQUIRE_ASSIGNMENT?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'FETCH_TIMEOUT_MS must be an integer between 1000 and 300000' })
  @Min(1_000, { message: 'FETCH_TIMEOUT_MS must be an integer between 1000 and 300000' })
  @Max(300_000, { message: 'FETCH_TIMEOUT_MS must be an integer between 1000 and 300000' })
  FETCH_TIMEOUT_MS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'FETCH_MAX_BYTES must be an integer between 1024 and 1073741824' })
  @Min(1_024, { message: 'FETCH_MAX_BYTES must be an integer between 1024 and 1073741824' })
  @Max(1_073_741_824, { message: 'FETCH_MAX_BYTES must be an integer between 1024 and 1073741824' })
  FETCH_MAX_BYTES?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters long' })
  @MaxLength(1024)
  SESSION_SECRET?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'PUBLIC_URL must be an http or https URL without query or fragment',
  })
  @MaxLength(500)
  PUBLIC_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'ORGANIZATION_NAME must be at most 200 characters' })
  ORGANIZATION_NAME?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'CONSENSUS_MIN_VERDICTS must be an integer between 1 and 20' })
  @Min(1, { message: 'CONSENSUS_MIN_VERDICTS must be an integer between 1 and 20' })
  @Max(20, { message: 'CONSENSUS_MIN_VERDICTS must be an integer between 1 and 20' })
  CONSENSUS_MIN_VERDICTS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  RATE_LIMIT_PER_MINUTE?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'JOB_SWEEP_INTERVAL_MS must be an integer between 1000 and 3600000' })
  @Min(1_000, { message: 'JOB_SWEEP_INTERVAL_MS must be an integer between 1000 and 3600000' })
  @Max(3_600_000, { message: 'JOB_SWEEP_INTERVAL_MS must be an integer between 1000 and 3600000' })
  JOB_SWEEP_INTERVAL_MS?: number;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'JOB_STALE_AFTER_MS must be an integer between 1000 and 86400000' })
  @Min(1_000, { message: 'JOB_STALE_AFTER_MS must be an integer between 1000 and 86400000' })
  @Max(86_400_000, { message: 'JOB_STALE_AFTER_MS must be an integer between 1000 and 86400000' })
  JOB_STALE_AFTER_MS?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1 to 64 letters, digits, "-" or "_"' })
  QUEUE_PREFIX?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL?: string;
}
