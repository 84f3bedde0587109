// The public entry of the market domain.
export * from './status';
