export * from './model';
export * from './csv';
export * from './answers';
export * from './statistics';
export * from './report';
export * from './compact';
