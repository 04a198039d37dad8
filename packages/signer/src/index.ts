export * from './codes';
export * from './token/types';
export * from './server';
export { softwareTokenProvider } from './token/software';
