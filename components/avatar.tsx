import type { Session } from "next-auth";

export function Avatar({ user, size = 40 }: { user: Pick<Session["user"], "name" | "image">; size?: number }) {
  if (!user.image) return null;
  return (
    // The picture comes from the identity provider; a plain img keeps Next's image proxy from fetching arbitrary URLs.
    // eslint-disable-next-line @next/next/no-img-element
    <img className="avatar" src={user.image} alt="" width={size} height={size} referrerPolicy="no-referrer" />
  );
}
