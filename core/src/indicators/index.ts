export * from './definitions';
export * from './statistics';
export * from './periods';
