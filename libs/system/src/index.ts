export { SystemPing } from './system-ping.entity';
export { SystemModule } from './system.module';
export { type PingStatus, SystemService } from './system.service';
export { SystemErrors, type SystemErrorCode } from './system-errors';
