import { existsSync } from "node:fs";

/** For the command-line tools (Next loads these itself): same files, same precedence as Next, the real environment wins over .env.local over .env. */
export function loadEnvFiles(): void {
  for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);
}
