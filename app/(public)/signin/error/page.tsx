import Link from "next/link";
import { signInProblem } from "@/lib/auth-errors";

export const metadata = { title: "Sign-in problem" };

export default async function SignInErrorPage({ searchParams }: PageProps<"/signin/error">) {
  const { error } = await searchParams;
  const problem = signInProblem(Array.isArray(error) ? error[0] : error);
  return (
    <section className="card" data-error-code={problem.code}>
      <h1>{problem.title}</h1>
      <p>{problem.message}</p>
      <p className="actions">
        <Link className="button-primary" href="/signin">
          Try again
        </Link>
        <Link href="/">Home page</Link>
      </p>
    </section>
  );
}
