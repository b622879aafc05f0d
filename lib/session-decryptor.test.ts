import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createSessionDecryptor } from "./session-decryptor";

// The real decode, watched: how often the crypto runs is what the decryptor saves.
const decodeCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const jwt = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...jwt, decode: (...args: Parameters<typeof jwt.decode>) => (decodeCalls.count++, jwt.decode(...args)) };
});

const secret = "a-secret-of-at-least-thirty-two-characters";
const salt = "authjs.session-token";
const claims = { sub: "1", email: "ada@example.com", signedInAt: 1 };
const seal = (token = claims, withSalt = salt, withSecret = secret) => encode({ token, secret: withSecret, salt: withSalt, maxAge: 60 });

beforeEach(() => {
  decodeCalls.count = 0;
});

describe("createSessionDecryptor", () => {
  it("opens a session cookie, and the same one again without decrypting it again", async () => {
    const decrypt = createSessionDecryptor({ secret });
    const token = await seal();
    expect(await decrypt(token, salt)).toMatchObject(claims);
    expect(await decrypt(token, salt)).toMatchObject(claims);
    expect(decodeCalls.count).toBe(1);
  });

  it("refuses a tampered cookie, another secret's, and a known cookie under another name", async () => {
    const decrypt = createSessionDecryptor({ secret });
    const token = await seal();
    await decrypt(token, salt);
    expect(await decrypt(`${token.slice(0, -2)}xx`, salt)).toBeNull();
    expect(await decrypt(await seal(claims, salt, "another-secret-of-thirty-two-characters!"), salt)).toBeNull();
    expect(await decrypt(token, "__Secure-authjs.session-token")).toBeNull();
  });

  it("remembers a bounded number of sessions, forgetting the oldest", async () => {
    const decrypt = createSessionDecryptor({ secret, maxEntries: 2 });
    const [first, second, third] = await Promise.all(["1", "2", "3"].map((sub) => seal({ ...claims, sub })));
    for (const token of [first!, second!, third!]) await decrypt(token, salt);
    expect((await decrypt(third!, salt))?.sub).toBe("3");
    expect(decodeCalls.count).toBe(3);
    expect((await decrypt(first!, salt))?.sub).toBe("1");
    expect(decodeCalls.count).toBe(4);
  });
});
