export * from './lang';
export * from './roc-date';
export * from './assurance';
export * from './messages';
export * from './errors';
export * from './tw-id';
export * from './account-rules';
export * from './component-codes';
