export {
  type AuthenticatorOptions,
  type AuthFailure,
  type AuthResult,
  type ClientAuthenticator,
  createClientAuthenticator,
  JWT_ALGORITHMS,
  type JwtAlgorithm,
} from './client-authenticator.ts';
export { authorizeClient, requireClient } from './require-client.middleware.ts';
export {
  parseTrustedClients,
  readTrustedClientsFile,
  type TrustedClient,
  trustedClientSchema,
  trustedClientsSchema,
} from './trusted-clients.ts';
