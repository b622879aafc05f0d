/**
 * A process that competes for embedded-store locks on its parent's word (db/embedded-lock.test.ts): each stdin line
 * `lock DIR` is answered `owner` or `locked`; `release` lets go of what it holds.
 */
import { createInterface } from "node:readline";
import { lockEmbeddedStore, type EmbeddedLock } from "./embedded-lock";
import { StoreLockedError } from "./errors";

let held: EmbeddedLock | undefined;
const answer = (line: string) => process.stdout.write(`${line}\n`);

createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, dataDir] = line.split(" ");
  if (command === "lock")
    lockEmbeddedStore(dataDir!).then(
      (lock) => {
        held = lock;
        answer("owner");
      },
      (error: unknown) => answer(error instanceof StoreLockedError ? "locked" : `error ${String(error)}`),
    );
  if (command === "release") void held?.release().then(() => answer("released"));
});
answer("ready");
