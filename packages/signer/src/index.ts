export * from './codes';
export * from './token/types';
