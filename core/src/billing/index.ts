export * from './codes';
export * from './eligibility';
