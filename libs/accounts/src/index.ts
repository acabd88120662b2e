export { AccountChangesListener } from './account-changes.listener';
export { AccountsModule } from './accounts.module';
export {
  type AccountChange,
  AccountsService,
  type CreatedToken,
  type CreatedUser,
  type OpenedSession,
  sessionIdleMs,
  type UserKey,
  type UserListing,
} from './accounts.service';
export { ApiToken } from './api-token.entity';
export type { Principal } from './principal';
export { hasRole, isRole, type Role, roles } from './role';
export { User } from './user.entity';
export { WebSession } from './web-session.entity';
export { AccountErrors, type AccountErrorCode } from './account-errors';
