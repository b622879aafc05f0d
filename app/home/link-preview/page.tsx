import { connection } from "next/server";
import { Intro } from "@/components/intro";
import { PageFrame } from "@/components/page-frame";

/** `/` for link-preview crawlers (lib/home-twins.ts): rendered per request, so the root metadata has the run-time origin. */
export default async function LinkPreviewHomePage() {
  await connection();
  return (
    <PageFrame>
      <Intro />
    </PageFrame>
  );
}
