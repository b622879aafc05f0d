/** How many background tones an initials avatar can have; each has a class in components/avatar.module.css. */
export const avatarToneCount = 8;

const firstLetter = (word: string) => Array.from(word.replace(/[^\p{L}\p{N}]/gu, ""))[0] ?? "";

/** Up to two letters for a picture-less avatar: first and last name, else the start of the email address. */
export function initialsOf({ name, email }: { name?: string | null; email?: string | null }): string {
  const words = (name ?? "").split(/\s+/).map(firstLetter).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words;
  if (letters.length > 0) return letters.join("").toLocaleUpperCase("en");
  return firstLetter(email?.split("@")[0] ?? "").toLocaleUpperCase("en") || "?";
}

/** The same person always gets the same tone (FNV-1a of a stable key, such as the Google account id). */
export function avatarTone(key: string): number {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash % avatarToneCount;
}
