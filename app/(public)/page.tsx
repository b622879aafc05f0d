import { Intro } from "@/components/intro";

/** Prerendered: the same for every visitor. Middleware rewrites signed-in visitors to /home. */
export default function HomePage() {
  return <Intro />;
}
