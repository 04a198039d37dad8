export * from './codes';
export * from './token/types';
export * from './server';
