/**
 * The OAuth client the stand-in accepts unless GOOGLE_STAND_IN_CLIENT_ID and GOOGLE_STAND_IN_CLIENT_SECRET say
 * otherwise. The stand-in answers on loopback only, so this secret guards nothing and can be the same everywhere.
 * Its own module: importing it does not load oidc-provider.
 */
export const standInClient = { clientId: "stand-in-client", clientSecret: "stand-in-secret" } as const;

/** The client the environment names, the default for what it leaves unset. */
export function standInClientFrom(env: NodeJS.ProcessEnv): { clientId: string; clientSecret: string } {
  return {
    clientId: env.GOOGLE_STAND_IN_CLIENT_ID ?? standInClient.clientId,
    clientSecret: env.GOOGLE_STAND_IN_CLIENT_SECRET ?? standInClient.clientSecret,
  };
}
