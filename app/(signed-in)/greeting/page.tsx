import { Avatar } from "@/components/avatar";
import { requireSession } from "@/auth";

export const metadata = { title: "Your greeting" };

export default async function GreetingPage() {
  const { user } = await requireSession("/greeting");
  return (
    <section className="greeting">
      <Avatar user={user} size={96} />
      <h1>Hello, {user.email}!</h1>
      <p>Signed in with Google as {user.name}.</p>
    </section>
  );
}
