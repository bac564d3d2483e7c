export { APP_DEVICE_REFERENCE, APP_DEVICE_VERSION, buildAppDevice } from './app-device.seed.ts';
export { isValidNhsNumber, syntheticNhsNumber } from './nhs-number.util.ts';
export { buildSeedBundles, type SeedBundle, seedSandbox } from './seed-bundles.ts';
export { type SeedExpectation, seedExpectations } from './seed-expectations.ts';
export { SEED_RULE_IDS, type SeedRuleId } from './seed-spec.types.ts';
