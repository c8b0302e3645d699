export * from './access';
export * from './cases';
export * from './consent';
export * from './organisations';
export * from './personal-identity-number';
