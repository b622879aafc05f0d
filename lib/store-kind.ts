/** Where sessions and accounts live: PGlite in a local folder (one process), or PostgreSQL (any number of instances). */
export const storeKinds = ["embedded", "postgres"] as const;
export type StoreKind = (typeof storeKinds)[number];
