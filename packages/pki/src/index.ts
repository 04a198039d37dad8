export * from './errors';
export * from './oids';
export * from './ports';
export * from './certificate';
export * from './signature';
export * from './identity';
export * from './path';
