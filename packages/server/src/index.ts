export { loadConfig, ConfigError, type Config } from './config/schema';
export { createPlatform, type Platform } from './platform';
export { buildApp } from './http/app';
export { startServer, type RunningServer } from './server';
