import Link from "next/link";
import { SiteHeader } from "@/components/site-header";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main className="page">
        <section className="card">
          <h1>Page not found</h1>
          <p>There is nothing at this address. It may have moved, or the link may be wrong.</p>
          <Link className="button-primary" href="/">
            Go to the home page
          </Link>
        </section>
      </main>
    </>
  );
}
