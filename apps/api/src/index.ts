export { ApiModule } from './api.module';
export { bodyLimitBytes, createHttpApp, listen } from './http-app';
