export { runProcess } from './run-process';
export { loadConfigOrExit, migrate, openRuntime, type Runtime } from './runtime';
export { RuntimeModule } from './runtime.module';
export { closeOnSignal } from './shutdown';
