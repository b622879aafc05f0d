import { DemoBadge } from "@/components/demo-badge";
import { Intro } from "@/components/intro";
import { PageFrame } from "@/components/page-frame";

/** `/` for a server started against the stand-in (lib/home-variant.ts): prerendered, with the badge the root layout cannot know to add at build time. */
export default function DemoHomePage() {
  return (
    <>
      <DemoBadge />
      <PageFrame>
        <Intro />
      </PageFrame>
    </>
  );
}
