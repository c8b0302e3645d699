export * from './access';
export * from './case-course';
export * from './cases';
export * from './consent';
export * from './journal';
export * from './organisations';
export * from './personal-identity-number';
export * from './plans';
