export * from './errors';
export * from './oids';
export * from './ports';
export * from './certificate';
