export type { AllowedHost } from './allowed-host';
export { parseAllowedHosts } from './allowed-host';
export { AppConfig, type LogLevel } from './app-config';
export { ConfigModule } from './config.module';
export { ConfigurationError, loadConfig } from './load-config';
